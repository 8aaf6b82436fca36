import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import express from 'express';
import { Knex } from 'knex';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { readCostsConfig } from './config';
import { CostCacheStore } from './CostCacheStore';
import { CostDataCache } from './CostDataCache';
import { CostService } from './CostService';
import { scheduleCostRefresh } from './refreshTask';
import { createCostRoutes } from './routes';

/** Everything the costs capability needs, built once at plugin start: its routes. */
export async function createCostCapability(options: {
  config: Config;
  knex: Knex;
  inventory: InventoryService;
  gateway: AwsGateway;
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<express.Router> {
  const config = readCostsConfig(options.config);
  const store = new CostCacheStore(options.knex);
  const cache = new CostDataCache({
    gateway: options.gateway,
    store,
    ttlMs: config.cacheTtlMs,
  });
  const costs = new CostService({
    inventory: options.inventory,
    cache,
    config,
    logger: options.logger,
  });
  await scheduleCostRefresh({
    scheduler: options.scheduler,
    logger: options.logger,
    costs,
    store,
    config,
  });
  return createCostRoutes(costs);
}
