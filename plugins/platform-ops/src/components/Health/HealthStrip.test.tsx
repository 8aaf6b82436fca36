import { BudgetStatus, PlatformEnvironment, QueueListItem } from '@platformops/plugin-platform-ops-common';
import { screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { prodFleetListItem } from '../Fleet/testFleet';
import { HealthStrip } from './HealthStrip';
import { environmentHealth } from './healthSignals';

jest.setTimeout(30_000);

const env = (name: string): PlatformEnvironment => ({
  entityRef: `resource:default/${name}`,
  name,
  tier: name === 'prod' ? 'prod' : 'dev',
  location: { accountId: '410987654321', region: 'us-east-1' },
  costTag: name,
  resources: [],
});

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

/** A row as GET /queues answers it: alarms not in OK in full, those in OK counted. */
const queue = (environment: string, overrides: Partial<QueueListItem> = {}): QueueListItem => ({
  entityRef: `resource:default/${environment}-jobs-queue`,
  environment,
  queueName: `${environment}-video-jobs`,
  found: true,
  visible: 12,
  inFlight: 0,
  delayed: 0,
  dlqName: `${environment}-video-jobs-dlq`,
  dlqVisible: 9,
  drainedBy: [],
  oldestAgeSeconds: 1071,
  alarms: [
    { name: `${environment}-video-jobs-dlq-not-empty`, state: 'ALARM', metricName: 'ApproximateNumberOfMessagesVisible', threshold: 5, queueName: `${environment}-video-jobs-dlq`, stateUpdatedAt: minutesAgo(14) },
  ],
  alarmsOk: 1,
  ageAlarmThreshold: 900,
  ...overrides,
});

const budget: BudgetStatus = {
  scope: { kind: 'environment', name: 'prod' } as BudgetStatus['scope'],
  monthLabel: 'Nov 2026',
  monthStart: '2026-11-01',
  monthEnd: '2026-12-01',
  currency: 'USD',
  monthToDate: 4200,
  budget: { name: 'prod', amount: 5000, currency: 'USD', source: 'config', alertThresholdPercent: 80 },
  forecastMonthTotal: 5600,
  forecastSource: 'cost-explorer',
  topServices: [],
  days: [],
  forecastCrossesBudgetOn: '2026-11-26',
  percentOfBudget: 84,
  problems: [],
  fetchedAt: minutesAgo(30),
};

describe('environmentHealth', () => {
  it('puts alarms in ALARM first with since when, then queue age against its alarm, fleets and budget', () => {
    const [prod] = environmentHealth({
      environments: [env('prod')],
      fleets: [prodFleetListItem()],
      queues: [queue('prod')],
      budgets: new Map([['prod', budget]]),
      executions: [],
      problems: [],
    });
    expect(prod.worst).toBe('error');
    expect(prod.rows.map(r => `${r.severity} ${r.subject}: ${r.text}`)).toEqual([
      'error prod-video-jobs-dlq-not-empty: ALARM: DLQ messages waiting > 5',
      'error Budget: Nov 2026: USD 4,200 of USD 5,000 (84 %), forecast USD 5,600, over budget from 2026-11-26',
      // 1,071 s with the 900 s alarm still OK: the row says the age is past the alarm's threshold.
      'warning prod-video-jobs: 12 waiting, oldest 1071 s (alarm above 900 s), DLQ 9',
      'warning prod-gpu-workers: converging, 4 of 5 in service (1 pending, 0 terminating)',
    ]);
    expect(prod.rows[0].since).toBeDefined();
  });

  it('names a fleet AWS does not have yet as not applied', () => {
    const [dev] = environmentHealth({
      environments: [env('dev')],
      fleets: [prodFleetListItem({ environment: 'dev', found: false })],
      queues: [],
      budgets: new Map(),
      executions: [],
      problems: [],
    });
    expect(dev.worst).toBe('warning');
    expect(dev.rows[0].text).toBe('not in AWS yet (Terraform not applied)');
  });

  it('warns about a queue CloudWatch has no depth for, and not about one it has', () => {
    const [dev] = environmentHealth({
      environments: [env('dev')],
      fleets: [],
      queues: [
        queue('dev', { alarms: [], oldestAgeSeconds: undefined, depthSource: 'cloudwatch' }),
        queue('dev', { entityRef: 'resource:default/dev-other-queue', alarms: [], oldestAgeSeconds: undefined, depthSource: 'cloudwatch', depthAsOf: minutesAgo(2) }),
      ],
      budgets: new Map(),
      executions: [],
      problems: [],
    });
    expect(dev.rows.map(r => [r.entityRef, r.text])).toEqual([
      ['resource:default/dev-jobs-queue', 'no CloudWatch data in the last hour (not in AWS yet, or idle)'],
    ]);
  });
});

describe('HealthStrip', () => {
  it('shows each environment with its firing alarms, their age, and links to the entities', async () => {
    await renderWithApi(<HealthStrip title="Health of every environment" />, {
      getEnvironments: async () => ({ environments: [env('dev'), env('prod')], problems: [] }),
      getFleets: async () => ({ fleets: [prodFleetListItem()], problems: [] }),
      getQueues: async () => ({ queues: [queue('dev'), queue('prod')], problems: [] }),
      listRunbookExecutions: async () => ({ executions: [] }),
      getCostBudget: async scope => {
        if (scope?.environment === 'dev') throw new Error('No budget for dev');
        return budget;
      },
    });
    const prod = await screen.findByTestId('health-prod');
    expect(within(prod).getByText('Needs attention')).toBeInTheDocument();
    const alarm = within(prod).getByTestId('health-row-alarm:prod-video-jobs-dlq-not-empty');
    expect(alarm).toHaveTextContent('prod-video-jobs-dlq-not-empty ALARM: DLQ messages waiting > 5 · for 14 min');
    expect(within(alarm).getByRole('link', { name: 'prod-video-jobs-dlq-not-empty' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod-jobs-queue',
    );
    const dev = screen.getByTestId('health-dev');
    expect(within(dev).getByTestId('health-row-budget:dev')).toHaveTextContent('Budget not readable: No budget for dev');
  });

  it('says since when a fleet has been converging, and nothing of the kind for one that has converged', async () => {
    await renderWithApi(<HealthStrip />, {
      getEnvironments: async () => ({ environments: [env('dev'), env('prod')], problems: [] }),
      getFleets: async () => ({
        fleets: [
          prodFleetListItem({ convergingSince: minutesAgo(4) }),
          prodFleetListItem({ entityRef: 'resource:default/dev-gpu-fleet', environment: 'dev', asgName: 'dev-gpu-workers', inService: 5, pending: 0 }),
        ],
        problems: [],
      }),
      getQueues: async () => ({ queues: [], problems: [] }),
      listRunbookExecutions: async () => ({ executions: [] }),
      getCostBudget: async () => budget,
    });
    const prod = await screen.findByTestId('health-prod');
    expect(within(prod).getByTestId('health-row-fleet:resource:default/prod-gpu-fleet')).toHaveTextContent(
      /^prod-gpu-workers converging, 4 of 5 in service \(1 pending, 0 terminating\) · for 4 min$/,
    );
    expect(within(screen.getByTestId('health-dev')).getByTestId('health-row-fleet:resource:default/dev-gpu-fleet')).toHaveTextContent(
      /^dev-gpu-workers converged, 5 of 5 in service$/,
    );
  });
});
