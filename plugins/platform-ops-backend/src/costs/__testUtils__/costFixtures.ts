import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { Knex } from 'knex';
import { exampleCatalogEntities } from '../../testUtils/exampleCatalog';
import { createTestGateway } from '../../testUtils/createTestGateway';
import { buildInventory } from '../../inventory/buildInventory';
import { InventoryService } from '../../inventory/InventoryService';
import { readCostsConfig } from '../config';
import { CostCacheStore } from '../CostCacheStore';
import { CostDataCache } from '../CostDataCache';
import { CostService } from '../CostService';
import { addDays } from '../dates';

/** Real SDK clients (aws-sdk-client-mock replaces their send) for the example's accounts. */
export const awsModeConfig = {
  aws: {
    accounts: ['210987654321', '310987654321', '410987654321'].map(
      (accountId, i) => ({
        accountId,
        accessKeyId: `AKIACOSTSTEST00000${i}`,
        secretAccessKey: `secret-${i}`,
      }),
    ),
  },
  platformOps: { aws: { mode: 'aws', retry: { maxAttempts: 1 } } },
};

/** A clock the test moves by hand. */
export class TestClock {
  private t: number;
  constructor(start = '2026-11-20T12:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

/** The inventory service over the repository's example catalog (dev, staging, prod). */
export function exampleInventory(): InventoryService {
  const inventory = buildInventory(exampleCatalogEntities());
  return {
    getInventory: async () => inventory,
    getEnvironment: async name =>
      inventory.environments.find(e => e.name === name)!,
    getResource: async () => {
      throw new Error('not used by costs');
    },
  };
}

/** CostService wired like plugin.ts does, on a test database and a test clock. */
export async function createCostTestService(
  db: Knex,
  options: { clock?: TestClock; costs?: JsonObject } = {},
) {
  const clock = options.clock ?? new TestClock();
  const { gateway, logger } = createTestGateway(awsModeConfig);
  const config = readCostsConfig(
    new ConfigReader({ platformOps: { costs: options.costs ?? {} } }),
  );
  const store = new CostCacheStore(db);
  const cache = new CostDataCache({
    gateway,
    store,
    ttlMs: config.cacheTtlMs,
    now: clock.now,
  });
  const service = new CostService({
    inventory: exampleInventory(),
    cache,
    config,
    logger,
    now: clock.now,
  });
  return { service, gateway, clock, store, cache, config };
}

/** A Cost Explorer DAILY answer: one ResultByTime per day, `groups(day index)` per day. */
export function dailyResults(
  start: string,
  days: number,
  groups: (i: number, day: string) => Record<string, number>,
  keyPrefix = '',
): ResultByTime[] {
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(start, i);
    const g = groups(i, day);
    return {
      TimePeriod: { Start: day, End: addDays(day, 1) },
      Total: {},
      Groups: Object.entries(g).map(([key, amount]) => ({
        Keys: [`${keyPrefix}${key}`],
        Metrics: { UnblendedCost: { Amount: String(amount), Unit: 'USD' } },
      })),
      Estimated: i === days - 1,
    };
  });
}

/** An error shaped like the SDK's ServiceException for an AWS error code. */
export function awsError(name: string, httpStatusCode: number, message = name) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-costs' },
  });
}
