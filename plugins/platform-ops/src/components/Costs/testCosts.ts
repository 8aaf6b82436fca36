import {
  AnomalyReport,
  BudgetStatus,
  SpendReport,
  UnitEconomicsReport,
} from '@platformops/plugin-platform-ops-common';

/** Answers of the costs API for component tests; `fetchedAt` 12 minutes before the test runs. */
export function costFixtures(now = Date.now()) {
  const fetchedAt = new Date(now - 12 * 60_000).toISOString();
  const scope = {
    kind: 'environment' as const,
    name: 'prod',
    environments: ['prod'],
  };
  const days = Array.from({ length: 30 }, (_, i) => {
    const date = `2026-11-${String(i + 1).padStart(2, '0')}`;
    return i < 19
      ? { date, actual: 100 * (i + 1) }
      : { date, forecast: 1900 + 120 * (i - 18) };
  });
  const budget: BudgetStatus = {
    scope,
    monthLabel: 'Nov 2026',
    monthStart: '2026-11-01',
    monthEnd: '2026-12-01',
    currency: 'USD',
    monthToDate: 1940,
    budget: {
      name: 'prod-monthly',
      amount: 2600,
      currency: 'USD',
      source: 'aws-budgets',
      alertThresholdPercent: 80,
    },
    forecastMonthTotal: 3220,
    forecastSource: 'cost-explorer',
    topServices: [
      { name: 'Amazon Elastic Compute Cloud - Compute', amount: 1455 },
      { name: 'Amazon Relational Database Service', amount: 485 },
    ],
    days,
    forecastCrossesBudgetOn: '2026-11-25',
    forecastCrossesAlertOn: '2026-11-21',
    percentOfBudget: 74.62,
    problems: [],
    fetchedAt,
  };
  const daily: SpendReport = {
    scope,
    granularity: 'DAILY',
    groupBy: 'SERVICE',
    start: '2026-10-21',
    end: '2026-11-21',
    currency: 'USD',
    total: 3720,
    periods: [
      {
        start: '2026-11-19',
        end: '2026-11-20',
        total: 120,
        groups: {
          'Amazon Elastic Compute Cloud - Compute': 100,
          'Amazon Simple Storage Service': 20,
        },
        estimated: false,
      },
    ],
    groupNames: [
      'Amazon Elastic Compute Cloud - Compute',
      'Amazon Simple Storage Service',
    ],
    fetchedAt,
  };
  const monthly: SpendReport = {
    ...daily,
    granularity: 'MONTHLY',
    groupBy: 'ENVIRONMENT',
    start: '2026-06-01',
    total: 15400.5,
    periods: [
      {
        start: '2026-11-01',
        end: '2026-11-21',
        total: 1940,
        groups: { prod: 1900, untagged: 40 },
        estimated: true,
      },
    ],
    groupNames: ['prod', 'untagged'],
  };
  const anomalies: AnomalyReport = {
    scope,
    anomalies: [
      {
        id: 'a-1',
        source: 'cost-anomaly-detection',
        startDate: '2026-11-17',
        endDate: '2026-11-18',
        dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
        totalImpact: 154.32,
        totalImpactPercentage: 48.5,
        currency: 'USD',
        rootCauses: [
          {
            service: 'Amazon Elastic Compute Cloud - Compute',
            usageType: 'SpotUsage:g4dn.xlarge',
            region: 'us-east-1',
            linkedAccountName: 'prod',
            contribution: 150,
          },
        ],
      },
    ],
    increases: [
      {
        source: 'increase-rule',
        date: '2026-11-19',
        subject: 'Amazon Simple Storage Service',
        amount: 30,
        baseline: 20,
        increasePercent: 50,
        currency: 'USD',
      },
    ],
    thresholdPercent: 20,
    problems: [],
    fetchedAt,
  };
  const unit: UnitEconomicsReport = {
    scope,
    start: '2026-11-06',
    end: '2026-11-20',
    currency: 'USD',
    fleets: [
      {
        fleetRef: 'resource:default/prod-gpu-fleet',
        asgName: 'prod-gpu-workers',
        queueRef: 'resource:default/prod-jobs-queue',
        queueName: 'prod-video-jobs',
        days: [
          {
            date: '2026-11-19',
            fleetCost: 26.88,
            onDemandEquivalent: 57.81,
            spotSavings: 30.93,
            spotHours: 86,
            onDemandHours: 24,
            jobsCompleted: 1000,
            costPerJob: 0.0269,
          },
        ],
        totals: {
          fleetCost: 26.88,
          spotSavings: 30.93,
          jobsCompleted: 1000,
          jobDays: 1,
          jobDaysFleetCost: 26.88,
          costPerJob: 0.0269,
        },
        costBasis: 'GPU instance types of EC2 compute tagged environment=prod',
        unpricedInstanceTypes: [],
      },
    ],
    fetchedAt,
  };
  return { budget, daily, monthly, anomalies, unit, fetchedAt };
}
