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
        const mutations = new MutationRunner(new MutationStore(knex), permissions, auditor);
        void mutations; // used by the capability routes that change things

        httpRouter.use(createRouter({ routes: [createInventoryRoutes(inventory), createLedgerRoutes(aws), await createCostCapability({ config, knex, inventory, gateway: aws, scheduler, logger }), ...createFleetQueueRoutes({ config, inventory, gateway: aws, runner: mutations, httpAuth }), createRunbooks({ config, knex, gateway: aws, inventory, mutations, httpAuth, auditor, logger, lifecycle, clock: aws.mode === 'simulated' ? simulatedAccount.clock : undefined }), ...(aws.mode === 'simulated' ? [createSimulatorRoutes({ account: simulatedAccount, httpAuth })] : [])] }));
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
