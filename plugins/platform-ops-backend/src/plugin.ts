import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { platformOpsPermissions } from '@platformops/plugin-platform-ops-common';
import { awsGatewayServiceRef } from './aws/AwsGatewayService';
import { createLedgerRoutes } from './aws/ledgerRoutes';
import { createFleetQueueRoutes } from './fleet/createFleetQueueRoutes';
import { migrateToLatest } from './database/migrate';
import { inventoryServiceRef } from './inventory/InventoryService';
import { MutationRunner } from './mutations/MutationRunner';
import { MutationStore } from './mutations/MutationStore';
import { createInventoryRoutes } from './service/inventoryRoutes';
import { createRouter } from './service/router';
import { createCostCapability } from './costs/createCostCapability';
import { createRunbooks } from './runbooks/createRunbooks';
import { simulatedAccountServiceRef } from './simulator/simulatedAccountRef';
import { createSimulatorRoutes } from './simulator/simulatorRoutes';
import { registerPlatformOpsMetrics } from './metrics/platformOpsMetrics';

/**
 * Platform Ops backend plugin (new backend system). Reads the inventory from the catalog,
 * talks to AWS through the client factory (or the simulated account), and serves the
 * environments, fleets, queues, costs and runbooks APIs under /api/platform-ops.
 *
 * @public
 */
export const platformOpsPlugin = createBackendPlugin({
  pluginId: 'platform-ops',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        inventory: inventoryServiceRef,
        aws: awsGatewayServiceRef,
        simulatedAccount: simulatedAccountServiceRef,
      },
      async init({
        logger,
        config,
        httpAuth,
        database,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        lifecycle,
        scheduler,
        inventory,
        aws,
        simulatedAccount,
      }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) await migrateToLatest(knex);

        permissionsRegistry.addPermissions(platformOpsPermissions);
        // Every change (fleet, queue, runbook start/approve/cancel) goes through this one runner:
        // permission on the target entity, dry-run plan, idempotency, audit and history.
        const mutations = new MutationRunner(new MutationStore(knex), permissions, auditor);
        const simulated = aws.mode === 'simulated';
        registerPlatformOpsMetrics({ knex, gateway: aws });

        const routes = [
          createInventoryRoutes(inventory),
          createLedgerRoutes(aws),
          ...createFleetQueueRoutes({ config, inventory, gateway: aws, runner: mutations, httpAuth }),
          await createCostCapability({ config, knex, inventory, gateway: aws, scheduler, logger }),
          createRunbooks({
            config,
            knex,
            gateway: aws,
            inventory,
            mutations,
            httpAuth,
            auditor,
            logger,
            lifecycle,
            // Drills on the simulated account measure RTO in its (possibly accelerated) time.
            clock: simulated ? simulatedAccount.clock : undefined,
          }),
          // Fault injection and clock control exist only when nothing real can be hurt.
          ...(simulated ? [createSimulatorRoutes({ account: simulatedAccount, httpAuth })] : []),
        ];
        httpRouter.use(createRouter({ routes }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
