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

/** The plugin whose database holds the world, and whose instance every other plugin shares. */
const OWNER_PLUGIN_ID = 'platform-ops';
/** How long another plugin's init waits for the owner's account before failing with a reason. */
const OWNER_WAIT_MS = 120_000;

/** The owner's account, handed from its plugin scope to the others through the root context. */
function sharedAccount() {
  let publish!: (account: SimulatedAccount) => void;
  const account = new Promise<SimulatedAccount>(settle => {
    publish = settle;
  });
  return { account, publish };
}

/**
 * Waits for the owner plugin's account. The owner is installed (checked before), so a wait
 * that runs out means its start-up failed or hung before it built the account: the error
 * sends the reader to that earlier error rather than only saying it waited.
 */
export function waitForOwner(
  account: Promise<SimulatedAccount>,
  pluginId: string,
  waitMs: number = OWNER_WAIT_MS,
): Promise<SimulatedAccount> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `The ${pluginId} plugin waited ${waitMs / 1000} s for the simulated AWS account, which the ${OWNER_PLUGIN_ID} plugin builds as it starts and shares; it did not. ` +
              `Look earlier in this log for the ${OWNER_PLUGIN_ID} plugin's own start-up error (e.g. an invalid platformOps.aws.simulation config, or its database not reachable): ` +
              `${pluginId} cannot start until ${OWNER_PLUGIN_ID} does. (A backend without the ${OWNER_PLUGIN_ID} plugin does not wait: each plugin gets its own account.)`,
          ),
        ),
      waitMs,
    );
    timer.unref?.();
  });
  return Promise.race([account, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The simulated account as a service. Service refs are plugin-scoped or root-scoped, and the
 * account needs plugin-scoped services (the inventory, the database its world log lives in),
 * so it is plugin-scoped; but there is one account per backend: the platform-ops plugin builds
 * it (in its own database), and every other plugin that asks (the catalog's discovery module,
 * through its AWS gateway) gets that same instance from the root context. So faults, the
 * clock and resources set through /api/platform-ops/simulator reach discovery too. A backend
 * without the platform-ops plugin gets a plugin's own account, as before.
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
        plugin: coreServices.pluginMetadata,
        instance: coreServices.rootInstanceMetadata,
      },
      createRootContext: () => sharedAccount(),
      factory: async ({ config, inventory, logger, database, plugin, instance }, shared) => {
        const pluginId = plugin.getId();
        const owned = () =>
          createSimulatedAccount(config, inventory, {
            logger,
            // The world lives in the plugin database: replicas sharing it share one simulated account.
            log: new KnexWorldLog(() => database.getClient(), { migrate: !database.migrations?.skip }),
          });
        if (pluginId === OWNER_PLUGIN_ID) {
          const account = owned();
          shared.publish(account);
          return account;
        }
        const installed = await instance.getInstalledPlugins();
        if (!installed.some(p => p.pluginId === OWNER_PLUGIN_ID)) return owned();
        return waitForOwner(shared.account, pluginId);
      },
    }),
});
