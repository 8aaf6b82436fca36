import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { awsGatewayServiceRef } from '../aws/AwsGatewayService';
import { simulatedAwsServiceRef } from '../aws/simulatedAwsServiceRef';
import { platformOpsDatabaseServiceRef } from '../database/databaseServiceRef';
import { inventoryServiceRef } from '../inventory/InventoryService';
import { readCostsConfig } from './config';
import { CostCacheStore } from './CostCacheStore';
import { CostDataCache } from './CostDataCache';
import { CostService } from './CostService';
import { scheduleCostRefresh } from './refreshTask';

/**
 * Spend, budgets, anomalies and cost per job. Built once per plugin: the factory also
 * schedules the refresh that renews the cached Cost Explorer answers before they expire.
 */
export const costServiceRef = createServiceRef<CostService>({
  id: 'platform-ops.costs',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        knex: platformOpsDatabaseServiceRef,
        inventory: inventoryServiceRef,
        gateway: awsGatewayServiceRef,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
        simulated: simulatedAwsServiceRef,
      },
      async factory({ config: rootConfig, knex, inventory, gateway, scheduler, logger, simulated }) {
        const configured = readCostsConfig(rootConfig);
        // Without a configured payer, an installed simulated account names its own.
        const config = configured.accountId
          ? configured
          : { ...configured, accountId: simulated.account?.costAccountId };
        const store = new CostCacheStore(knex);
        const cache = new CostDataCache({ gateway, store, ttlMs: config.cacheTtlMs });
        const costs = new CostService({ inventory, cache, config, logger });
        await scheduleCostRefresh({ scheduler, logger, costs, store, config });
        return costs;
      },
    }),
});
