import { BudgetStatus, InventoryResource, PlatformEnvironment, QueueListItem } from '@platformops/plugin-platform-ops-common';
import { screen, within } from '@testing-library/react';
import { renderWithApi } from '../../__testUtils__/renderWithApi';
import { prodFleetListItem } from '../Fleet/testFleet';
import { HealthStrip } from './HealthStrip';
import { environmentHealth } from './healthSignals';

jest.setTimeout(30_000);

const location = { accountId: '410987654321', region: 'us-east-1' };

/** `queues` queues <env>-q0.. and `fleets` GPU fleets <env>-f0.. in the inventory. */
const inventory = (environment: string, queues: number, fleets: number): InventoryResource[] => [
  ...Array.from({ length: queues }, (_, i): InventoryResource => ({
    kind: 'queue',
    entityRef: `resource:default/${environment}-q${i}`,
    name: `${environment}-q${i}`,
    environment,
    location,
    consoleUrl: '',
    queueName: `${environment}-q${i}`,
    queueUrl: '',
  })),
  ...Array.from({ length: fleets }, (_, i): InventoryResource => ({
    kind: 'gpu-fleet',
    entityRef: `resource:default/${environment}-f${i}`,
    name: `${environment}-f${i}`,
    environment,
    location,
    consoleUrl: '',
    asgName: `${environment}-f${i}`,
  })),
];

const env = (name: string, resources: InventoryResource[] = []): PlatformEnvironment => ({
  entityRef: `resource:default/${name}`,
  name,
  tier: name === 'prod' ? 'prod' : 'dev',
  location,
  costTag: name,
  resources,
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
      // Nothing else in this inventory: no "0 queues and 0 GPU fleets healthy" row.
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
    expect(dev.rows.filter(r => r.kind === 'queue').map(r => [r.entityRef, r.text])).toEqual([
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

  it('reads only what needs attention, says since when a fleet has been converging, and counts the rest healthy', async () => {
    const getFleets = jest.fn(async () => ({ fleets: [prodFleetListItem({ convergingSince: minutesAgo(4) })], problems: [] }));
    const getQueues = jest.fn(async () => ({ queues: [], problems: [] }));
    await renderWithApi(<HealthStrip />, {
      getEnvironments: async () => ({
        environments: [
          env('dev', inventory('dev', 2, 1)),
          env('prod', [...inventory('prod', 3, 1), ...inventory('prod-extra', 0, 1)]),
          env('ml', inventory('ml', 0, 1)),
        ],
        problems: [],
      }),
      getFleets,
      getQueues,
      listRunbookExecutions: async () => ({ executions: [] }),
      getCostBudget: async () => budget,
    });
    const prod = await screen.findByTestId('health-prod');
    expect(getFleets).toHaveBeenCalledWith(undefined, { needsAttention: true });
    expect(getQueues).toHaveBeenCalledWith(undefined, { needsAttention: true });
    expect(within(prod).getByTestId('health-row-fleet:resource:default/prod-gpu-fleet')).toHaveTextContent(
      /^prod-gpu-workers converging, 4 of 5 in service \(1 pending, 0 terminating\) · for 4 min$/,
    );
    // prod-gpu-fleet is not one of the inventory's fleets here: both of those count as healthy.
    expect(within(prod).getByTestId('health-row-healthy:prod')).toHaveTextContent(/^3 queues and 2 GPU fleets healthy$/);
    const dev = screen.getByTestId('health-dev');
    expect(within(dev).queryByTestId(/^health-row-fleet:/)).toBeNull();
    expect(within(dev).getByTestId('health-row-healthy:dev')).toHaveTextContent(/^2 queues and 1 GPU fleet healthy$/);
    // A kind the environment has none of is not counted ("0 queues and ...").
    expect(within(screen.getByTestId('health-ml')).getByTestId('health-row-healthy:ml')).toHaveTextContent(/^1 GPU fleet healthy$/);
  });

  it('shows the 8 worst queue and fleet rows, then how many more with a link to their tab, and the rest as healthy', async () => {
    const firing = (i: number) =>
      queue('prod', {
        entityRef: `resource:default/prod-q${i}`,
        queueName: `prod-q${i}`,
        alarms: [{ name: `prod-q${i}-dlq-not-empty`, state: 'ALARM', metricName: 'ApproximateNumberOfMessagesVisible', threshold: 5, queueName: `prod-q${i}-dlq` }],
        oldestAgeSeconds: 60,
      });
    // 11 queues in ALARM, one past its age threshold (a warning, so after the errors) and a converging fleet.
    const queues = [queue('prod', { entityRef: 'resource:default/prod-q11', queueName: 'prod-q11', alarms: [] }), ...Array.from({ length: 11 }, (_, i) => firing(i))];
    await renderWithApi(<HealthStrip />, {
      getEnvironments: async () => ({ environments: [env('prod', inventory('prod', 250, 4))], problems: [] }),
      getFleets: async () => ({ fleets: [prodFleetListItem({ entityRef: 'resource:default/prod-f0' })], problems: [] }),
      getQueues: async () => ({ queues, problems: [] }),
      listRunbookExecutions: async () => ({ executions: [] }),
      getCostBudget: async () => {
        throw new Error('No budget for prod');
      },
    });
    const prod = await screen.findByTestId('health-prod');
    const rows = within(prod).getAllByTestId(/^health-row-/).map(r => r.getAttribute('data-testid'));
    expect(rows).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `health-row-alarm:prod-q${i}-dlq-not-empty`),
      'health-row-more:prod:queue',
      'health-row-more:prod:fleet',
      'health-row-budget:prod',
      'health-row-healthy:prod',
    ]);
    const moreQueues = within(prod).getByTestId('health-row-more:prod:queue');
    // 3 more alarms and the age warning.
    expect(within(moreQueues).getByRole('link', { name: 'and 4 more queues needing attention' })).toHaveAttribute('href', '/platform-ops/queues');
    const moreFleets = within(prod).getByTestId('health-row-more:prod:fleet');
    expect(within(moreFleets).getByRole('link', { name: 'and 1 more GPU fleet needing attention' })).toHaveAttribute('href', '/platform-ops/fleet');
    expect(within(prod).getByTestId('health-row-healthy:prod')).toHaveTextContent(/^238 queues and 3 GPU fleets healthy$/);
  });

  it('claims nothing healthy in an environment whose list could not be read', async () => {
    await renderWithApi(<HealthStrip />, {
      getEnvironments: async () => ({ environments: [env('prod', inventory('prod', 5, 1))], problems: [] }),
      getFleets: async () => ({ fleets: [], problems: [] }),
      getQueues: async () => {
        throw new Error('Service unavailable');
      },
      listRunbookExecutions: async () => ({ executions: [] }),
      getCostBudget: async () => budget,
    });
    const prod = await screen.findByTestId('health-prod');
    expect(within(prod).getByText('Could not read: queue list: Service unavailable')).toBeInTheDocument();
    expect(within(prod).queryByTestId('health-row-healthy:prod')).toBeNull();
  });
});
