import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { platformOpsPlugin } from '../plugin';
import { awsError, awsModeConfig } from '../costs/__testUtils__/costFixtures';

jest.setTimeout(60_000);

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({ data: awsModeConfig }),
    ],
  });
  return server;
}

describe('GET /api/platform-ops/costs/*', () => {
  const ce = mockClient(CostExplorerClient);
  const budgets = mockClient(BudgetsClient);
  const auth = mockCredentials.user.header('user:default/vik-video');

  beforeEach(() => {
    ce.reset();
    budgets.reset();
  });

  it('requires a signed-in caller', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/platform-ops/costs/spend')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(ce.calls()).toHaveLength(0);
  });

  it('serves the spend of an environment with the data age, and a second viewer from the cache', async () => {
    const server = await startBackend();
    ce.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
          Groups: [
            {
              Keys: ['environment$prod'],
              Metrics: { UnblendedCost: { Amount: '42.1', Unit: 'USD' } },
            },
          ],
        },
      ],
    });
    const first = await request(server)
      .get(
        '/api/platform-ops/costs/spend?environment=prod&groupBy=environment&granularity=monthly',
      )
      .set('Authorization', auth);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      granularity: 'MONTHLY',
      groupBy: 'ENVIRONMENT',
      currency: 'USD',
      total: 42.1,
      groupNames: ['prod'],
      scope: { kind: 'environment', name: 'prod' },
    });
    expect(Date.now() - new Date(first.body.fetchedAt).getTime()).toBeLessThan(
      60_000,
    );
    expect(ce).toHaveReceivedCommandWith(GetCostAndUsageCommand, {
      Granularity: 'MONTHLY',
      GroupBy: [{ Type: 'TAG', Key: 'environment' }],
      Filter: {
        Tags: {
          Key: 'environment',
          Values: ['prod'],
          MatchOptions: ['EQUALS'],
        },
      },
    });

    const second = await request(server)
      .get(
        '/api/platform-ops/costs/spend?environment=prod&groupBy=ENVIRONMENT&granularity=MONTHLY',
      )
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/ana-platform'),
      );
    expect(second.body.fetchedAt).toBe(first.body.fetchedAt);
    expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);
  });

  it.each([
    [
      '/costs/spend?environment=qa',
      'unknown environment "qa" (known: dev, staging, prod)',
    ],
    [
      '/costs/spend?granularity=HOURLY',
      'granularity: must be DAILY or MONTHLY',
    ],
    ['/costs/spend?groupBy=REGION', 'groupBy: must be SERVICE or ENVIRONMENT'],
    ['/costs/spend?start=2099-01-01&end=2099-02-01', 'is in the future'],
    [
      '/costs/spend?granularity=MONTHLY&start=2020-01-01&end=2020-06-01',
      'older than Cost Explorer keeps',
    ],
    [
      '/costs/spend?start=yesterday',
      'start: "yesterday" is not a date (YYYY-MM-DD)',
    ],
    [
      '/costs/spend?account=123456789012',
      "Unrecognized key(s) in object: 'account'",
    ],
    [
      '/costs/budget?environment=Prod!',
      'environment: must be a catalog entity name',
    ],
    [
      '/costs/budget?environment=prod&entityRef=resource:default/prod',
      'give either environment or entityRef, not both',
    ],
    [
      '/costs/anomalies?entityRef=resource:default/nothing-here',
      'resource:default/nothing-here is not an environment, system or resource known to Platform Ops',
    ],
    [
      '/costs/unit-economics?environment=prod&days=400',
      'days: Number must be less than or equal to 90',
    ],
  ])(
    'GET %s is a 400 saying what was wrong, and nothing is sent to AWS',
    async (path, message) => {
      const server = await startBackend();
      const res = await request(server)
        .get(`/api/platform-ops${path}`)
        .set('Authorization', auth);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(ce.calls()).toHaveLength(0);
      expect(budgets.calls()).toHaveLength(0);
    },
  );

  it('answers 403 naming the role and action when Cost Explorer is denied', async () => {
    const server = await startBackend();
    ce.on(GetCostAndUsageCommand).rejects(
      awsError('AccessDeniedException', 400),
    );
    const res = await request(server)
      .get('/api/platform-ops/costs/budget?environment=dev')
      .set('Authorization', auth);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'the platform-ops role in 410987654321 may not call ce:GetCostAndUsage',
    );
  });

  it('answers 503 with Retry-After when Cost Explorer throttles and nothing is cached', async () => {
    const server = await startBackend();
    ce.on(GetCostAndUsageCommand).rejects(
      awsError('LimitExceededException', 400, 'Rate exceeded'),
    );
    const res = await request(server)
      .get('/api/platform-ops/costs/spend')
      .set('Authorization', auth);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toContain(
      'AWS throttled CostExplorer.GetCostAndUsage',
    );
  });

  it('serves the budget status of the system entity page', async () => {
    const server = await startBackend();
    ce.on(GetCostAndUsageCommand).resolves({ ResultsByTime: [] });
    ce.on(GetCostForecastCommand).resolves({ ForecastResultsByTime: [] });
    budgets.on(DescribeBudgetsCommand).resolves({ Budgets: [] });
    const res = await request(server)
      .get(
        '/api/platform-ops/costs/budget?entityRef=system:default/video-platform',
      )
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    // No AWS budget and no config entry: the sum of its 3 environments' default $60.
    expect(res.body.budget).toMatchObject({
      amount: 180,
      source: 'config',
      currency: 'USD',
    });
    expect(res.body.scope).toMatchObject({
      kind: 'system',
      environments: ['dev', 'staging', 'prod'],
    });
  });
});
