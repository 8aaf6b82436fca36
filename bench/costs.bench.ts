/**
 * Cost Explorer is billed per request ($0.01 each): the number of calls must not grow with
 * the number of people looking at the Costs view. One simulated hour, every viewer reloading
 * the whole view (spend by service, by environment, budget + forecast, anomalies, cost per
 * job) every minute, once with 1 viewer and once with 500: the Cost Explorer call count must
 * be the same (one per query per TTL). Runs against the simulated account through the real
 * gateway, cache, database (SQLite) and service that serve /api/platform-ops/costs.
 */
import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import { sized } from './quick';
import { exampleCatalogEntities } from '../plugins/platform-ops-backend/src/testUtils/exampleCatalog';
import { createAwsGateway } from '../plugins/platform-ops-backend/src/aws/AwsGatewayService';
import { readCostsConfig } from '../plugins/platform-ops-backend/src/costs/config';
import { CostCacheStore } from '../plugins/platform-ops-backend/src/costs/CostCacheStore';
import { CostDataCache } from '../plugins/platform-ops-backend/src/costs/CostDataCache';
import { CostService } from '../plugins/platform-ops-backend/src/costs/CostService';
import { migrateToLatest } from '../plugins/platform-ops-backend/src/database/migrate';
import { buildInventory } from '../plugins/platform-ops-backend/src/inventory/buildInventory';
import { ManualClock } from '../plugins/platform-ops-backend-module-simulated-aws/src/ServiceModel';
import { SimulatedAccount } from '../plugins/platform-ops-backend-module-simulated-aws/src/SimulatedAccount';

const MINUTE = 60_000;
const SIMULATED_MINUTES = sized(60, 10);
const VIEWER_COUNTS = sized([1, 500], [1, 20]);
const START = '2026-11-20T12:00:00Z';

const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};

interface Result {
  viewers: number;
  pageLoads: number;
  costExplorer: number;
  byOperation: Record<string, number>;
  wallMs: number;
}

async function run(viewers: number): Promise<Result> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  await migrateToLatest(knex);
  const inventory = buildInventory(exampleCatalogEntities());
  const clock = new ManualClock(START);
  const account = new SimulatedAccount({
    inventory: async () => inventory,
    clock,
    backfillHours: 1,
  });
  const config = new ConfigReader({
    platformOps: {
      aws: { mode: 'simulated' },
      // A management account: sees every environment's bill.
      costs: { accountId: '999999999999' },
    },
  });
  const gateway = createAwsGateway({
    config,
    logger: quiet,
    simulated: account,
  });
  const costsConfig = readCostsConfig(config);
  const now = () => clock.now();
  const service = new CostService({
    inventory: {
      getInventory: async () => inventory,
      getEnvironment: async () => {
        throw new Error('unused');
      },
      getResource: async () => {
        throw new Error('unused');
      },
    },
    cache: new CostDataCache({
      gateway,
      store: new CostCacheStore(knex),
      ttlMs: costsConfig.cacheTtlMs,
      now,
    }),
    config: costsConfig,
    logger: quiet,
    now,
  });

  // What the Costs view loads (see plugins/platform-ops/src/components/Costs).
  const loadView = () =>
    Promise.all([
      service.spend({ granularity: 'DAILY', groupBy: 'SERVICE' }),
      service.spend({ granularity: 'MONTHLY', groupBy: 'ENVIRONMENT' }),
      service.budget({}),
      service.anomalies({}),
      service.unitEconomics({ environment: 'prod' }),
    ]);

  const started = performance.now();
  let pageLoads = 0;
  for (let minute = 0; minute < SIMULATED_MINUTES; minute++) {
    await Promise.all(Array.from({ length: viewers }, loadView));
    pageLoads += viewers;
    clock.advance(MINUTE);
  }
  const wallMs = performance.now() - started;
  await knex.destroy();
  const { byOperation } = gateway.ledger();
  const costExplorer = Object.entries(byOperation)
    .filter(([op]) => op.startsWith('CostExplorer.'))
    .reduce((sum, [, n]) => sum + n, 0);
  return { viewers, pageLoads, costExplorer, byOperation, wallMs };
}

async function main() {
  const results: Result[] = [];
  for (const viewers of VIEWER_COUNTS) results.push(await run(viewers));
  for (const r of results) {
    console.log(
      `${String(r.viewers).padStart(3)} viewer(s), ${SIMULATED_MINUTES} min, ${
        r.pageLoads
      } page loads: ` +
        `${r.costExplorer} Cost Explorer calls ($${(
          r.costExplorer * 0.01
        ).toFixed(2)}), ` +
        `all AWS calls ${JSON.stringify(
          r.byOperation,
        )}, wall ${r.wallMs.toFixed(0)} ms`,
    );
  }
  const [one, many] = results;
  const ratio = many.costExplorer / one.costExplorer;
  console.log(
    `Cost Explorer calls, ${many.viewers} viewers / 1 viewer: ${ratio.toFixed(
      2,
    )} (goal 1.00: flat in viewers); ` +
      `without the cache ${many.viewers} viewers would make ${
        many.pageLoads * one.costExplorer
      } calls`,
  );
  if (one.costExplorer === 0 || many.costExplorer !== one.costExplorer) {
    console.error(
      'FAIL: the Cost Explorer call count grows with the number of viewers',
    );
    process.exit(1);
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
