import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { z } from 'zod';
import { InventoryService, inventoryServiceRef } from '@platformops/plugin-platform-ops-backend';
import { drServiceModels } from './drModels';
import { clockFromConfig } from './SimClock';
import { SimulatedAccount } from './SimulatedAccount';
import { KnexWorldLog } from './shared/KnexWorldLog';
import { WorldLog } from './shared/WorldLog';

const simulationSchema = z
  .object({
    speed: z.number().positive().max(3600).optional(),
    seed: z.number().int().optional(),
    backfillHours: z.number().min(0).max(24 * 15).optional(),
    costTagKey: z.string().min(1).max(128).optional(),
  })
  .passthrough();

/** Builds the simulated account from `platformOps.aws.simulation` and the inventory. */
export function createSimulatedAccount(config: Config, inventory: InventoryService, log?: WorldLog): SimulatedAccount {
  const parsed = simulationSchema.safeParse(config.getOptional('platformOps.aws.simulation') ?? {});
  if (!parsed.success) {
    throw new Error(
      `Invalid platformOps.aws.simulation config: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const s = parsed.data;
  return new SimulatedAccount({
    inventory: () => inventory.getInventory(),
    clock: clockFromConfig(config),
    seed: s.seed,
    backfillHours: s.backfillHours,
    costTagKey: s.costTagKey,
    extraModels: drServiceModels,
    log,
  });
}

/**
 * The simulated account as a plugin service: the plugin's simulatedAwsServiceRef
 * answers through it, and the /simulator routes drive its faults and clock.
 */
export const simulatedAccountServiceRef = createServiceRef<SimulatedAccount>({
  id: 'platform-ops.simulated-account',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, inventory: inventoryServiceRef, database: coreServices.database },
      // The world lives in the plugin database: replicas sharing it share one simulated account.
      factory: ({ config, inventory, database }) =>
        createSimulatedAccount(
          config,
          inventory,
          new KnexWorldLog(() => database.getClient(), { migrate: !database.migrations?.skip }),
        ),
    }),
});
