import { ConfigReader } from '@backstage/config';
import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestGateway } from '../testUtils/createTestGateway';
import { migrateToLatest } from '../database/migrate';
import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { readCostsConfig } from './config';
import { CostCacheStore } from './CostCacheStore';
import { CostDataCache } from './CostDataCache';
import { CostService } from './CostService';
import { TestClock, exampleInventory } from './__testUtils__/costFixtures';

jest.setTimeout(120_000);

/**
 * The cost views against the simulated account through real SDK clients (so the commands
 * are serialised and checked as AWS would): what a fresh `yarn start` shows.
 */
describe('costs against the simulated account', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(costs: object) {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const { account } = testAccount({ backfillHours: 24 });
    const { gateway } = createTestGateway(
      { platformOps: { aws: { mode: 'simulated' } } },
      account,
    );
    const config = readCostsConfig(
      new ConfigReader({ platformOps: { costs } }),
    );
    const clock = new TestClock();
    const service = new CostService({
      inventory: exampleInventory(),
      cache: new CostDataCache({
        gateway,
        store: new CostCacheStore(knex),
        ttlMs: config.cacheTtlMs,
        now: clock.now,
      }),
      config,
      logger: { warn: jest.fn() } as never,
      now: clock.now,
    });
    return { service, gateway };
  }

  it('shows spend by service and environment, budget, forecast, anomalies and cost per job from the payer account', async () => {
    const { service, gateway } = await setup({ accountId: '999999999999' });

    const byEnv = await service.spend({
      granularity: 'MONTHLY',
      groupBy: 'ENVIRONMENT',
    });
    expect(byEnv.groupNames).toEqual(
      expect.arrayContaining(['dev', 'staging', 'prod']),
    );
    expect(byEnv.total).toBeGreaterThan(0);

    const daily = await service.spend({
      environment: 'prod',
      granularity: 'DAILY',
      groupBy: 'SERVICE',
    });
    expect(daily.periods).toHaveLength(31);
    expect(daily.groupNames).toContain(
      'Amazon Elastic Compute Cloud - Compute',
    );

    const budget = await service.budget({ environment: 'prod' });
    expect(budget.budget.source).toBe('aws-budgets');
    expect(budget.monthToDate).toBeGreaterThan(0);
    expect(budget.forecastMonthTotal).toBeGreaterThan(budget.monthToDate);

    const anomalies = await service.anomalies({});
    expect(Array.isArray(anomalies.anomalies)).toBe(true);

    const unit = await service.unitEconomics({ environment: 'prod' });
    const [fleet] = unit.fleets;
    expect(fleet.asgName).toBe('prod-gpu-workers');
    expect(fleet.totals.fleetCost).toBeGreaterThan(0);
    expect(fleet.totals.spotSavings).toBeGreaterThan(0);
    expect(gateway.ledger().byOperation).toMatchObject({
      'CostExplorer.GetCostAndUsage': expect.any(Number),
      'CostExplorer.GetCostForecast': 1,
      'Budgets.DescribeBudgets': 1,
      'CostExplorer.GetAnomalies': 1,
      'CloudWatch.GetMetricData': 1,
    });
  });
});
