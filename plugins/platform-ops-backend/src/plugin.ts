import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { platformOpsPermissions } from '@platformops/plugin-platform-ops-common';
import { PlanTokens } from './actions/planToken';
import { registerPlatformOpsActions } from './actions/registerActions';
import { awsGatewayServiceRef } from './aws/AwsGatewayService';
import { changeRunnerServiceRef } from './changes/changeRunnerServiceRef';
import { costServiceRef } from './costs/costServiceRef';
import { platformOpsDatabaseServiceRef } from './database/databaseServiceRef';
import { fleetChangesServiceRef, fleetServiceRef } from './fleet/fleetServiceRef';
import { inventoryServiceRef } from './inventory/InventoryService';
import { queueChangesServiceRef, queueServiceRef } from './queues/queueServiceRef';
import { runbookServiceRef } from './runbooks/runbookServiceRef';
import { registerPlatformOpsMetrics } from './metrics/platformOpsMetrics';
import { createRouter } from './service/router';

/**
 * Platform Ops backend plugin (new backend system). Every capability is a plugin service
 * (inventory, AWS gateway, changes, fleets, queues, costs, runbooks: see the *ServiceRef
 * files); this init only asks for them and hands them to the HTTP layer (src/service/),
 * which serves them under /api/platform-ops.
 *
 * @public
 */
export const platformOpsPlugin = createBackendPlugin({
  pluginId: 'platform-ops',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        permissionsRegistry: coreServices.permissionsRegistry,
        // The same capabilities as tools for AI agents (MCP), see src/actions/.
        actionsRegistry: actionsRegistryServiceRef,
        config: coreServices.rootConfig,
        // Migrations run before any service touches the database (and before we serve).
        database: platformOpsDatabaseServiceRef,
        inventory: inventoryServiceRef,
        gateway: awsGatewayServiceRef,
        fleets: fleetServiceRef,
        fleetChanges: fleetChangesServiceRef,
        queues: queueServiceRef,
        queueChanges: queueChangesServiceRef,
        costs: costServiceRef,
        runbooks: runbookServiceRef,
        changeRunner: changeRunnerServiceRef,
      },
      async init({ httpRouter, permissionsRegistry, actionsRegistry, config, ...services }) {
        permissionsRegistry.addPermissions(platformOpsPermissions);
        // Runbook executions, resumed steps and AWS calls, for the operator's scraper.
        registerPlatformOpsMetrics({ knex: services.database, gateway: services.gateway });
        httpRouter.use(createRouter(services));
        registerPlatformOpsActions({ actionsRegistry, tokens: PlanTokens.fromConfig(config), ...services });
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
