import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import { TestDatabases } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { migrateToLatest } from '../database/migrate';
import { awsError, createCostTestService } from './__testUtils__/costFixtures';

jest.setTimeout(60_000);

const HOUR = 3_600_000;

describe('scheduled cost refresh', () => {
  const ce = mockClient(CostExplorerClient);
  const budgets = mockClient(BudgetsClient);
  const cw = mockClient(CloudWatchClient);
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  beforeEach(() => {
    ce.reset();
    budgets.reset();
    cw.reset();
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
    ce.on(GetCostForecastCommand).resolves({ ForecastResultsByTime: [] });
    ce.on(GetAnomaliesCommand).resolves({ Anomalies: [] });
    budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    return createCostTestService(knex);
  }

  const calls = () =>
    ce.calls().length + budgets.calls().length + cw.calls().length;

  it('warms exactly what viewers ask for, then leaves fresh answers alone and renews expiring ones', async () => {
    const { service, clock } = await setup();

    // Platform, 3 environments and the video-platform system.
    expect(await service.refreshDefaults(HOUR)).toBe(5);
    const warmed = calls();
    expect(warmed).toBeGreaterThan(0);
    // One DescribeBudgets and one GetAnomalies for all scopes: they are per account.
    expect(budgets).toHaveReceivedCommandTimes(DescribeBudgetsCommand, 1);
    expect(ce).toHaveReceivedCommandTimes(GetAnomaliesCommand, 1);

    // Viewers of the Costs view and of the entity cards now cost no AWS call at all.
    await service.spend({ granularity: 'DAILY', groupBy: 'SERVICE' });
    await service.spend({ granularity: 'MONTHLY', groupBy: 'ENVIRONMENT' });
    await service.budget({});
    await service.anomalies({ environment: 'staging' });
    await service.unitEconomics({ environment: 'prod' });
    await service.budget({ entityRef: 'system:default/video-platform' });
    await service.budget({ entityRef: 'resource:default/dev' });
    expect(calls()).toBe(warmed);

    // An hour later nothing is close to expiring (6 h TTL): no call.
    clock.advance(HOUR);
    await service.refreshDefaults(HOUR);
    expect(calls()).toBe(warmed);

    // 5.5 h after warming, every answer expires within the next run: all renewed once.
    clock.advance(4.5 * HOUR);
    await service.refreshDefaults(HOUR);
    expect(calls()).toBe(2 * warmed);
  });

  it('keeps refreshing the other scopes when one is refused', async () => {
    const { service } = await setup();
    ce.on(GetCostAndUsageCommand, {
      Filter: {
        Tags: { Key: 'environment', Values: ['dev'], MatchOptions: ['EQUALS'] },
      },
    }).rejects(awsError('AccessDeniedException', 400));
    expect(await service.refreshDefaults(HOUR)).toBe(4);
  });

  it('keeps every part of a scope it could fetch when only its forecast is refused', async () => {
    const { service } = await setup();
    ce.on(GetCostForecastCommand, {
      Filter: {
        Tags: { Key: 'environment', Values: ['dev'], MatchOptions: ['EQUALS'] },
      },
    }).rejects(awsError('AccessDeniedException', 400));
    // All 5 scopes (platform, 3 environments, the system): dev's spend and anomalies included.
    expect(await service.refreshDefaults(HOUR)).toBe(5);
    const dev = await service.budget({ environment: 'dev' });
    expect(dev.problems.map(p => p.iamAction)).toEqual(['ce:GetCostForecast']);
  });
});
