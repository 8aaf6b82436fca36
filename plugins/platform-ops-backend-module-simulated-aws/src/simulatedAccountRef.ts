import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { resolve } from 'node:path';
import { Config } from '@backstage/config';
import { z } from 'zod';
import { InventoryService, inventoryServiceRef } from '@platformops/plugin-platform-ops-backend';
import { drServiceModels } from './drModels';
import { clockFromConfig } from './SimClock';
import { SimulatedAccount } from './SimulatedAccount';
import { terraformDirectoriesSource } from './terraform/directorySource';
import { extraEnvironmentSchema, withExtraEnvironments } from './tagging';
import { KnexWorldLog } from './shared/KnexWorldLog';
import { WorldLog } from './shared/WorldLog';

const simulationSchema = z
  .object({
    speed: z.number().positive().max(3600).optional(),
    seed: z.number().int().optional(),
    backfillHours: z.number().min(0).max(24 * 15).optional(),
    costTagKey: z.string().min(1).max(128).optional(),
    terraformDirs: z.array(z.string().min(1)).optional(),
    extraEnvironments: z.array(extraEnvironmentSchema).optional(),
  })
  .passthrough();

/**
 * Where synthesized Terraform is applied from: `platformOps.aws.simulation.terraformDirs`, and
 * the repositories the environment template publishes locally
 * (`platformOps.scaffolder.localPublishDir`), so a new environment is applied as published.
 */
export function terraformRoots(config: Config): string[] {
  const dirs = config.getOptionalStringArray('platformOps.aws.simulation.terraformDirs') ?? [];
  const published = config.getOptionalString('platformOps.scaffolder.localPublishDir');
  return [...dirs, ...(published ? [published] : [])].map(dir => resolve(dir));
}

/** Builds the simulated account from `platformOps.aws.simulation` and the inventory. */
export function createSimulatedAccount(
  config: Config,
  inventory: InventoryService,
  options: { logger?: Pick<LoggerService, 'info'>; log?: WorldLog } = {},
): SimulatedAccount {
  const parsed = simulationSchema.safeParse(config.getOptional('platformOps.aws.simulation') ?? {});
  if (!parsed.success) {
    throw new Error(
      `Invalid platformOps.aws.simulation config: ${parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const s = parsed.data;
  return new SimulatedAccount({
    // Extra environments join once the catalog has environments (an empty catalog means it
    // has not processed its locations yet: the account waits for it).
    inventory: async () => {
      const catalog = await inventory.getInventory();
      return catalog.environments.length ? withExtraEnvironments(catalog, s.extraEnvironments ?? []) : catalog;
    },
    clock: clockFromConfig(config),
    seed: s.seed,
    backfillHours: s.backfillHours,
    costTagKey: s.costTagKey,
    terraform: terraformDirectoriesSource({ roots: terraformRoots(config), log: message => options.logger?.info(message) }),
    extraModels: drServiceModels,
    log: options.log,
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
      deps: {
        config: coreServices.rootConfig,
        inventory: inventoryServiceRef,
        logger: coreServices.logger,
        database: coreServices.database,
      },
      // The world lives in the plugin database: replicas sharing it share one simulated account.
      factory: ({ config, inventory, logger, database }) =>
        createSimulatedAccount(config, inventory, {
          logger,
          log: new KnexWorldLog(() => database.getClient(), { migrate: !database.migrations?.skip }),
        }),
    }),
});
