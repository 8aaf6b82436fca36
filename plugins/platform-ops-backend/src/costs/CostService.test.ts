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
import {
  awsError,
  createCostTestService,
  dailyResults,
} from './__testUtils__/costFixtures';

jest.setTimeout(60_000);

// The test clock starts at 2026-11-20T12:00:00Z.
const PROD_TAG = {
  Tags: { Key: 'environment', Values: ['prod'], MatchOptions: ['EQUALS'] },
};

describe('CostService', () => {
  const ce = mockClient(CostExplorerClient);
  const budgets = mockClient(BudgetsClient);
  const cw = mockClient(CloudWatchClient);
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  beforeEach(() => {
    ce.reset();
    budgets.reset();
    cw.reset();
  });

  async function setup(costs = {}) {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    return createCostTestService(knex, { costs });
  }

  describe('spend', () => {
    it('asks the payer account in us-east-1 for the platform, grouped by service, without a filter', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults('2026-10-21', 31, i => ({
          'Amazon Elastic Compute Cloud - Compute': 100 + i,
          'Amazon Simple Storage Service': 20,
        })),
      });

      const report = await service.spend({
        granularity: 'DAILY',
        groupBy: 'SERVICE',
      });

      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);
      expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input).toEqual({
        TimePeriod: { Start: '2026-10-21', End: '2026-11-21' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      });
      // The payer: no costs.accountId configured, so the prod environment's account.
      const client = ce.call(0).thisValue as CostExplorerClient;
      expect(await client.config.region()).toBe('us-east-1');
      expect((await client.config.credentials()).accessKeyId).toBe(
        'AKIACOSTSTEST000002',
      );

      expect(report.currency).toBe('USD');
      expect(report.periods).toHaveLength(31);
      expect(report.periods[0]).toEqual({
        start: '2026-10-21',
        end: '2026-10-22',
        total: 120,
        groups: {
          'Amazon Elastic Compute Cloud - Compute': 100,
          'Amazon Simple Storage Service': 20,
        },
        estimated: false,
      });
      expect(report.total).toBe(31 * 120 + (30 * 31) / 2);
      expect(report.groupNames).toEqual([
        'Amazon Elastic Compute Cloud - Compute',
        'Amazon Simple Storage Service',
      ]);
      expect(report.fetchedAt).toBe('2026-11-20T12:00:00.000Z');
      expect(report.scope).toEqual({
        kind: 'platform',
        name: 'platform',
        environments: ['dev', 'staging', 'prod'],
      });
    });

    it('filters an environment by its cost tag and groups by the environment tag', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults(
          '2026-06-01',
          1,
          () => ({ prod: 900, '': 12.5 }),
          'environment$',
        ),
      });

      const report = await service.spend({
        environment: 'prod',
        granularity: 'MONTHLY',
        groupBy: 'ENVIRONMENT',
        start: '2026-06-01',
        end: '2026-11-01',
      });

      expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input).toEqual({
        TimePeriod: { Start: '2026-06-01', End: '2026-11-01' },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'TAG', Key: 'environment' }],
        Filter: PROD_TAG,
      });
      // "environment$" (no tag) is shown as untagged spend, not as an empty name.
      expect(report.periods[0].groups).toEqual({ prod: 900, untagged: 12.5 });
    });

    it('covers a system as the cost tags of its environments', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
      const report = await service.spend({
        entityRef: 'system:default/video-platform',
        granularity: 'DAILY',
        groupBy: 'SERVICE',
      });
      expect(
        ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input.Filter,
      ).toEqual({
        Tags: {
          Key: 'environment',
          Values: ['dev', 'staging', 'prod'],
          MatchOptions: ['EQUALS'],
        },
      });
      expect(report.scope).toMatchObject({
        kind: 'system',
        name: 'video-platform',
      });
    });

    it('costs a resource of an environment (its GPU fleet) as that environment', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
      const report = await service.spend({
        entityRef: 'resource:default/staging-gpu-fleet',
        granularity: 'DAILY',
        groupBy: 'SERVICE',
      });
      expect(
        ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input.Filter,
      ).toEqual({
        Tags: {
          Key: 'environment',
          Values: ['staging'],
          MatchOptions: ['EQUALS'],
        },
      });
      expect(report.scope).toMatchObject({
        kind: 'environment',
        name: 'staging',
      });
    });

    it('uses a cost category instead of the tag, and a configured payer account', async () => {
      const { service } = await setup({
        costCategory: 'Environment',
        accountId: '210987654321',
      });
      ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
      await service.spend({
        environment: 'prod',
        granularity: 'DAILY',
        groupBy: 'ENVIRONMENT',
      });
      expect(
        ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input,
      ).toMatchObject({
        GroupBy: [{ Type: 'COST_CATEGORY', Key: 'Environment' }],
        Filter: {
          CostCategories: {
            Key: 'Environment',
            Values: ['prod'],
            MatchOptions: ['EQUALS'],
          },
        },
      });
      const client = ce.call(0).thisValue as CostExplorerClient;
      expect((await client.config.credentials()).accessKeyId).toBe(
        'AKIACOSTSTEST000000',
      );
    });

    it('follows NextPageToken, each page a cached request', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand)
        .resolvesOnce({
          ResultsByTime: dailyResults('2026-10-21', 15, () => ({ EC2: 1 })),
          NextPageToken: 'page-2',
        })
        .resolvesOnce({
          ResultsByTime: dailyResults('2026-11-05', 16, () => ({ EC2: 1 })),
        });
      const report = await service.spend({
        granularity: 'DAILY',
        groupBy: 'SERVICE',
      });
      expect(
        ce.commandCalls(GetCostAndUsageCommand)[1].args[0].input.NextPageToken,
      ).toBe('page-2');
      expect(report.periods).toHaveLength(31);
      expect(report.total).toBe(31);
    });

    it.each([
      [
        {
          granularity: 'DAILY' as const,
          start: '2026-11-10',
          end: '2026-11-25',
        },
        'is in the future',
      ],
      [
        {
          granularity: 'DAILY' as const,
          start: '2026-12-01',
          end: '2026-12-05',
        },
        'is in the future',
      ],
      [
        {
          granularity: 'MONTHLY' as const,
          start: '2025-09-01',
          end: '2026-11-01',
        },
        'older than Cost Explorer keeps: at most 13 months back plus this month, i.e. from 2025-10-01',
      ],
      [
        {
          granularity: 'DAILY' as const,
          start: '2025-10-01',
          end: '2026-11-01',
        },
        'a DAILY period can be at most 366 days (asked 396)',
      ],
      [
        {
          granularity: 'DAILY' as const,
          start: '2026-11-10',
          end: '2026-11-10',
        },
        'end (2026-11-10) must be after start (2026-11-10)',
      ],
      [
        {
          granularity: 'DAILY' as const,
          start: '2026-02-30',
          end: '2026-03-10',
        },
        'start: "2026-02-30" is not a date',
      ],
    ])('refuses %p with a 400 and sends nothing', async (period, message) => {
      const { service } = await setup();
      await expect(
        service.spend({ ...period, groupBy: 'SERVICE' }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: expect.stringContaining(message),
      });
      expect(ce.calls()).toHaveLength(0);
    });

    it('refuses an unknown environment or entity with a 400 naming the known ones, and sends nothing', async () => {
      const { service } = await setup();
      await expect(
        service.spend({
          environment: 'qa',
          granularity: 'DAILY',
          groupBy: 'SERVICE',
        }),
      ).rejects.toMatchObject({
        name: 'InputError',
        message: 'unknown environment "qa" (known: dev, staging, prod)',
      });
      await expect(
        service.budget({ entityRef: 'component:default/unknown-thing' }),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(ce.calls()).toHaveLength(0);
    });
  });

  describe('budget', () => {
    function mockMonth() {
      // Nov 1-19 at 100 a day, today (the 20th) 40 so far.
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults('2026-11-01', 20, i => ({
          'Amazon Elastic Compute Cloud - Compute': i === 19 ? 30 : 75,
          'Amazon Relational Database Service': i === 19 ? 10 : 25,
        })),
      });
      ce.on(GetCostForecastCommand).resolves({
        Total: { Amount: '1320', Unit: 'USD' },
        ForecastResultsByTime: Array.from({ length: 11 }, (_, i) => ({
          TimePeriod: {
            Start: `2026-11-${20 + i}`,
            End: i === 10 ? '2026-12-01' : `2026-11-${21 + i}`,
          },
          MeanValue: '120',
        })),
      });
    }

    it('compares month-to-date with the AWS Budget of the environment and finds the crossing day', async () => {
      const { service } = await setup();
      mockMonth();
      budgets.on(DescribeBudgetsCommand).resolves({
        Budgets: [
          {
            BudgetName: 'all-accounts',
            BudgetType: 'COST',
            TimeUnit: 'MONTHLY',
            BudgetLimit: { Amount: '5000', Unit: 'USD' },
          },
          {
            BudgetName: 'prod-monthly',
            BudgetType: 'COST',
            TimeUnit: 'MONTHLY',
            BudgetLimit: { Amount: '2600.0', Unit: 'USD' },
            CostFilters: { TagKeyValue: ['user:environment$prod'] },
          },
        ],
      });

      const status = await service.budget({ environment: 'prod' });

      expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input).toEqual({
        TimePeriod: { Start: '2026-11-01', End: '2026-11-21' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        Filter: PROD_TAG,
      });
      expect(ce).toHaveReceivedCommandWith(GetCostForecastCommand, {
        TimePeriod: { Start: '2026-11-20', End: '2026-12-01' },
        Metric: 'UNBLENDED_COST',
        Granularity: 'DAILY',
        Filter: PROD_TAG,
      });
      expect(budgets).toHaveReceivedCommandWith(DescribeBudgetsCommand, {
        AccountId: '410987654321',
        MaxResults: 100,
      });

      expect(status.monthLabel).toBe('Nov 2026');
      expect(status.monthToDate).toBe(1940);
      expect(status.budget).toEqual({
        name: 'prod-monthly',
        amount: 2600,
        currency: 'USD',
        source: 'aws-budgets',
        alertThresholdPercent: 80,
      });
      // Actual to the 19th (1900) then 120 a day forecast from today: 2020, 2140, ...
      expect(status.forecastMonthTotal).toBe(1900 + 11 * 120);
      expect(status.forecastSource).toBe('cost-explorer');
      expect(status.forecastCrossesAlertOn).toBe('2026-11-21'); // 2140 > 80 % of 2600
      expect(status.forecastCrossesBudgetOn).toBe('2026-11-25'); // 2620 > 2600
      expect(status.days[18]).toEqual({ date: '2026-11-19', actual: 1900 });
      expect(status.days[19]).toEqual({ date: '2026-11-20', forecast: 2020 });
      expect(status.days).toHaveLength(30);
      expect(status.topServices).toEqual([
        { name: 'Amazon Elastic Compute Cloud - Compute', amount: 1455 },
        { name: 'Amazon Relational Database Service', amount: 485 },
      ]);
      expect(status.percentOfBudget).toBe(74.62);
    });

    it('falls back to config budgets, and says why, when AWS Budgets may not be read', async () => {
      const { service } = await setup({
        budgets: { staging: { amount: 1000 } },
      });
      mockMonth();
      budgets
        .on(DescribeBudgetsCommand)
        .rejects(awsError('AccessDeniedException', 400));

      const staging = await service.budget({ environment: 'staging' });
      expect(staging.budget).toMatchObject({
        name: 'staging (config)',
        amount: 1000,
        source: 'config',
      });
      // DescribeBudgets is authorised by the IAM action budgets:ViewBudget.
      expect(staging.budget.note).toContain(
        'the platform-ops role in 410987654321 may not call budgets:ViewBudget',
      );

      // dev has no entry: seed 003's $60 a month with an alert at 80 %.
      const dev = await service.budget({ environment: 'dev' });
      expect(dev.budget).toMatchObject({
        amount: 60,
        currency: 'USD',
        alertThresholdPercent: 80,
        source: 'config',
      });
      expect(dev.forecastCrossesBudgetOn).toBe('2026-11-01');
    });

    it('extends the run rate when Cost Explorer has too little history to forecast', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults('2026-11-01', 20, () => ({ EC2: 10 })),
      });
      ce.on(GetCostForecastCommand).rejects(
        awsError(
          'DataUnavailableException',
          400,
          'Insufficient amount of historical data to generate forecast',
        ),
      );
      budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
      const status = await service.budget({ environment: 'dev' });
      expect(status.forecastSource).toBe('run-rate');
      expect(status.forecastMonthTotal).toBe(300);
    });

    it('still answers spend and budget when the forecast is denied, naming the missing part', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults('2026-11-01', 20, () => ({ EC2: 10 })),
      });
      ce.on(GetCostForecastCommand).rejects(awsError('AccessDeniedException', 400));
      budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
      const status = await service.budget({ environment: 'dev' });
      expect(status.monthToDate).toBe(200);
      expect(status.budget.amount).toBeGreaterThan(0);
      expect(status.forecastSource).toBe('run-rate');
      expect(status.forecastMonthTotal).toBe(300);
      expect(status.problems).toEqual([
        {
          part: 'forecast',
          message: 'forecast unavailable: ce:GetCostForecast denied',
          iamAction: 'ce:GetCostForecast',
          fallback: 'the month-to-date daily average extended to the end of the month',
        },
      ]);
    });

    it('shows AccessDenied on Cost Explorer itself as the error', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).rejects(
        awsError('AccessDeniedException', 400),
      );
      await expect(
        service.budget({ environment: 'prod' }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'the platform-ops role in 410987654321 may not call ce:GetCostAndUsage',
      });
    });
  });

  describe('anomalies', () => {
    it('lists Cost Anomaly Detection findings with impact and root causes, and the > 20 % rule', async () => {
      const { service } = await setup();
      ce.on(GetAnomaliesCommand).resolves({
        Anomalies: [
          {
            AnomalyId: 'a-1',
            AnomalyStartDate: '2026-11-17T00:00:00Z',
            AnomalyEndDate: '2026-11-18T23:59:59Z',
            DimensionValue: 'Amazon Elastic Compute Cloud - Compute',
            MonitorArn: 'arn:aws:ce::410987654321:anomalymonitor/m1',
            AnomalyScore: { MaxScore: 0.92, CurrentScore: 0.4 },
            Impact: {
              MaxImpact: 80,
              TotalImpact: 154.321,
              TotalImpactPercentage: 48.456,
            },
            RootCauses: [
              {
                Service: 'Amazon Elastic Compute Cloud - Compute',
                Region: 'us-east-1',
                LinkedAccount: '410987654321',
                LinkedAccountName: 'prod',
                UsageType: 'SpotUsage:g4dn.xlarge',
                Impact: { Contribution: 150 },
              },
            ],
          },
          {
            AnomalyId: 'a-2',
            MonitorArn: 'arn:aws:ce::410987654321:anomalymonitor/m1',
            AnomalyScore: { MaxScore: 0.7, CurrentScore: 0.7 },
            Impact: { MaxImpact: 5, TotalImpact: 9 },
            RootCauses: [
              { Service: 'Amazon S3', LinkedAccount: '210987654321' },
            ],
          },
        ],
      });
      // Flat days, +50 % on EC2 on the last complete day, and today's partial (low) day.
      const ec2Cost = (i: number) => {
        if (i === 29) return 150;
        if (i === 30) return 10;
        return 100;
      };
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: dailyResults('2026-10-21', 31, i => ({
          EC2: ec2Cost(i),
          S3: 20,
        })),
      });

      const report = await service.anomalies({ environment: 'prod' });

      expect(ce).toHaveReceivedCommandWith(GetAnomaliesCommand, {
        DateInterval: { StartDate: '2026-08-22', EndDate: '2026-11-20' },
        MaxResults: 100,
      });
      // The dashboard's daily query (shared cache entry); today's partial day is left out.
      expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input).toEqual({
        TimePeriod: { Start: '2026-10-21', End: '2026-11-21' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
        Filter: PROD_TAG,
      });
      // The dev-account anomaly is not prod's.
      expect(report.anomalies).toEqual([
        {
          id: 'a-1',
          source: 'cost-anomaly-detection',
          startDate: '2026-11-17',
          endDate: '2026-11-18',
          dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
          totalImpact: 154.32,
          totalImpactPercentage: 48.5,
          maxScore: 0.92,
          currency: 'USD',
          rootCauses: [
            {
              service: 'Amazon Elastic Compute Cloud - Compute',
              region: 'us-east-1',
              linkedAccount: '410987654321',
              linkedAccountName: 'prod',
              usageType: 'SpotUsage:g4dn.xlarge',
              contribution: 150,
            },
          ],
        },
      ]);
      expect(report.increases).toEqual(
        [
          {
            source: 'increase-rule',
            date: '2026-11-19',
            subject: 'EC2',
            amount: 150,
            baseline: 100,
            increasePercent: 50,
            currency: 'USD',
          },
          {
            source: 'increase-rule',
            date: '2026-11-19',
            subject: 'total',
            amount: 170,
            baseline: 120,
            increasePercent: 41.7,
            currency: 'USD',
          },
        ].sort((a, b) => b.amount - a.amount),
      );
      expect(report.thresholdPercent).toBe(20);

      const platform = await service.anomalies({});
      expect(platform.anomalies.map(a => a.id)).toEqual(['a-1', 'a-2']);
    });
  });

  it('keeps the increase rule when Cost Anomaly Detection is denied, naming the missing part', async () => {
    const { service } = await setup();
    ce.on(GetAnomaliesCommand).rejects(awsError('AccessDeniedException', 400));
    ce.on(GetCostAndUsageCommand).resolves({
      // A week at 100 a day, then a day at 200: the > 20 % rule fires without any monitor.
      ResultsByTime: dailyResults('2026-10-21', 31, i => ({ EC2: i === 29 ? 200 : 100 })),
    });
    const report = await service.anomalies({ environment: 'prod' });
    expect(report.anomalies).toEqual([]);
    expect(report.increases.length).toBeGreaterThan(0);
    expect(report.problems).toEqual([
      expect.objectContaining({ part: 'anomalies', message: 'anomalies unavailable: ce:GetAnomalies denied', iamAction: 'ce:GetAnomalies' }),
    ]);
  });

  it("follows every page of anomalies and budgets with the tokens AWS's model names", async () => {
    const { service } = await setup();
    const anomaly = (id: string, impact: number) => ({
      AnomalyId: id,
      AnomalyStartDate: '2026-11-17T00:00:00Z',
      DimensionValue: 'Amazon Elastic Compute Cloud - Compute',
      AnomalyScore: { MaxScore: 0.9, CurrentScore: 0.4 },
      Impact: { MaxImpact: impact, TotalImpact: impact },
      MonitorArn: 'arn:aws:ce::410987654321:anomalymonitor/m1',
      RootCauses: [],
    });
    ce.on(GetAnomaliesCommand)
      .resolvesOnce({ Anomalies: [anomaly('a-1', 10)], NextPageToken: 'page-2' })
      .resolvesOnce({ Anomalies: [anomaly('a-2', 30)] });
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: dailyResults('2026-10-21', 31, () => ({ EC2: 100 })),
    });
    const report = await service.anomalies({ environment: 'prod' });
    expect(report.anomalies.map(a => a.id)).toEqual(['a-2', 'a-1']);
    const anomalyCalls = ce.commandCalls(GetAnomaliesCommand).map(c => c.args[0].input);
    expect(anomalyCalls).toHaveLength(2);
    expect(anomalyCalls[0].NextPageToken).toBeUndefined();
    expect(anomalyCalls[1]).toEqual({ ...anomalyCalls[0], NextPageToken: 'page-2' });

    const budget = (name: string, env: string) => ({
      BudgetName: name,
      BudgetType: 'COST' as const,
      TimeUnit: 'MONTHLY' as const,
      BudgetLimit: { Amount: '500', Unit: 'USD' },
      CostFilters: { TagKeyValue: [`user:environment$${env}`] },
    });
    budgets.on(DescribeBudgetsCommand)
      .resolvesOnce({ Budgets: [budget('dev-monthly', 'dev')], NextToken: 'b-2' })
      .resolvesOnce({ Budgets: [budget('prod-monthly', 'prod')] });
    ce.on(GetCostForecastCommand).resolves({ ForecastResultsByTime: [] });
    const status = await service.budget({ environment: 'prod' });
    // The prod budget is on the second page.
    expect(status.budget).toMatchObject({ source: 'aws-budgets', amount: 500 });
    expect(status.budget.name).toContain('prod-monthly');
    const budgetCalls = budgets.commandCalls(DescribeBudgetsCommand).map(c => c.args[0].input);
    expect(budgetCalls.map(i => i.NextToken)).toEqual([undefined, 'b-2']);
  });

  describe('unit economics', () => {
    it('divides the GPU fleet cost by the jobs the queue completed, and values spot hours on demand', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({
        ResultsByTime: [
          {
            // A day with fleet cost but no job counts: it must not inflate cost per job.
            TimePeriod: { Start: '2026-11-18', End: '2026-11-19' },
            Groups: [
              {
                Keys: ['On Demand Instances', 'g4dn.xlarge'],
                Metrics: {
                  UnblendedCost: { Amount: '12.624', Unit: 'USD' },
                  UsageQuantity: { Amount: '24', Unit: 'Hrs' },
                },
              },
            ],
          },
          {
            TimePeriod: { Start: '2026-11-19', End: '2026-11-20' },
            Groups: [
              {
                Keys: ['Spot Instances', 'g4dn.xlarge'],
                Metrics: {
                  UnblendedCost: { Amount: '13.2552', Unit: 'USD' },
                  UsageQuantity: { Amount: '84', Unit: 'Hrs' },
                },
              },
              {
                Keys: ['On Demand Instances', 'g4dn.xlarge'],
                Metrics: {
                  UnblendedCost: { Amount: '12.624', Unit: 'USD' },
                  UsageQuantity: { Amount: '24', Unit: 'Hrs' },
                },
              },
              {
                // The API hosts are not the GPU fleet.
                Keys: ['On Demand Instances', 'c5.xlarge'],
                Metrics: {
                  UnblendedCost: { Amount: '4.08', Unit: 'USD' },
                  UsageQuantity: { Amount: '24', Unit: 'Hrs' },
                },
              },
              {
                Keys: ['Spot Instances', 'p9.mystery'],
                Metrics: {
                  UnblendedCost: { Amount: '1', Unit: 'USD' },
                  UsageQuantity: { Amount: '2', Unit: 'Hrs' },
                },
              },
            ],
          },
        ],
      });
      cw.on(GetMetricDataCommand).resolves({
        MetricDataResults: [
          {
            Id: 'jobs',
            Timestamps: [
              new Date('2026-11-18T00:00:00Z'),
              new Date('2026-11-19T00:00:00Z'),
            ],
            Values: [0, 1000],
          },
        ],
      });

      const report = await service.unitEconomics({
        environment: 'prod',
        days: 14,
      });

      expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input).toEqual({
        TimePeriod: { Start: '2026-11-06', End: '2026-11-20' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost', 'UsageQuantity'],
        GroupBy: [
          { Type: 'DIMENSION', Key: 'PURCHASE_TYPE' },
          { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
        ],
        Filter: {
          And: [
            PROD_TAG,
            {
              Dimensions: {
                Key: 'SERVICE',
                Values: ['Amazon Elastic Compute Cloud - Compute'],
                MatchOptions: ['EQUALS'],
              },
            },
          ],
        },
      });
      expect(cw).toHaveReceivedCommandWith(GetMetricDataCommand, {
        StartTime: new Date('2026-11-06T00:00:00Z'),
        EndTime: new Date('2026-11-20T00:00:00Z'),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'jobs',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/SQS',
                MetricName: 'NumberOfMessagesDeleted',
                Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs' }],
              },
              Period: 86400,
              Stat: 'Sum',
            },
            ReturnData: true,
          },
        ],
      });
      // CloudWatch is asked in the queue's own account and region.
      const cwClient = cw.call(0).thisValue as CloudWatchClient;
      expect(await cwClient.config.region()).toBe('us-east-1');
      expect((await cwClient.config.credentials()).accessKeyId).toBe(
        'AKIACOSTSTEST000002',
      );

      const [fleet] = report.fleets;
      expect(fleet).toMatchObject({
        fleetRef: 'resource:default/prod-gpu-fleet',
        asgName: 'prod-gpu-workers',
        queueRef: 'resource:default/prod-jobs-queue',
        queueName: 'prod-video-jobs',
        unpricedInstanceTypes: ['p9.mystery'],
        costBasis: 'GPU instance types of EC2 compute tagged environment=prod',
      });
      expect(fleet.days).toHaveLength(14);
      const nov19 = fleet.days.find(d => d.date === '2026-11-19')!;
      // 84 spot h x 0.526 + 12.624 on demand + 1 (unpriced, counted at cost) - actual.
      expect(nov19).toEqual({
        date: '2026-11-19',
        fleetCost: 26.88,
        onDemandEquivalent: 57.81,
        spotSavings: 30.93,
        spotHours: 86,
        onDemandHours: 24,
        jobsCompleted: 1000,
        costPerJob: 0.0269,
      });
      expect(fleet.days.find(d => d.date === '2026-11-18')).toMatchObject({
        jobsCompleted: 0,
        costPerJob: undefined,
      });
      expect(fleet.totals).toEqual({
        fleetCost: 39.5,
        spotSavings: 30.93,
        jobsCompleted: 1000,
        jobDays: 1,
        jobDaysFleetCost: 26.88,
        costPerJob: 0.0269,
      });
    });

    it('says so when CloudWatch refuses the job counts', async () => {
      const { service } = await setup();
      ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
      cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 403));
      await expect(
        service.unitEconomics({ environment: 'dev' }),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'the platform-ops role in 210987654321 may not call cloudwatch:GetMetricData',
      });
    });
  });
});
