import {
  CostExplorerClient,
  GetCostAndUsageCommand,
} from '@aws-sdk/client-cost-explorer';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { migrateToLatest } from '../database/migrate';
import { createTestGateway } from '../testUtils/createTestGateway';
import { CostCacheStore } from './CostCacheStore';
import { CostDataCache } from './CostDataCache';
import {
  TestClock,
  awsError,
  awsModeConfig,
} from './__testUtils__/costFixtures';

jest.setTimeout(60_000);

const payer = { accountId: '410987654321', region: 'us-east-1' };
const HOUR = 3_600_000;
const TTL = 6 * HOUR;

function query() {
  return new GetCostAndUsageCommand({
    TimePeriod: { Start: '2026-11-01', End: '2026-11-21' },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
  });
}

function answer(amount: string) {
  return {
    ResultsByTime: [
      {
        TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
        Groups: [
          {
            Keys: ['Amazon EC2'],
            Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
          },
        ],
      },
    ],
    $metadata: { httpStatusCode: 200, requestId: 'r1' },
  };
}

describe('CostDataCache', () => {
  const ce = mockClient(CostExplorerClient);
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  beforeEach(() => ce.reset());

  async function setup(id: TestDatabaseId) {
    const knex = await databases.init(id);
    await migrateToLatest(knex);
    const clock = new TestClock();
    const { gateway } = createTestGateway(awsModeConfig);
    const store = new CostCacheStore(knex);
    const make = () =>
      new CostDataCache({ gateway, store, ttlMs: TTL, now: clock.now });
    return { knex, clock, store, cache: make(), make };
  }

  it.each(databases.eachSupportedId())(
    'stores the answer in the database and serves it until the TTL expires (%p)',
    async id => {
      const { knex, clock, cache } = await setup(id);
      ce.on(GetCostAndUsageCommand)
        .resolvesOnce(answer('10.5'))
        .resolvesOnce(answer('12.25'));

      const first = await cache.send(payer, 'costExplorer', query());
      expect(
        first.value.ResultsByTime?.[0].Groups?.[0].Metrics?.UnblendedCost
          .Amount,
      ).toBe('10.5');
      expect(first.fetchedAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);

      const rows = await knex('platform_ops_cost_cache').select();
      expect(rows).toHaveLength(1);
      expect(rows[0].operation).toBe('costExplorer.GetCostAndUsage');
      expect(rows[0].account_id).toBe('410987654321');
      expect(JSON.parse(rows[0].request)).toEqual(query().input);
      // Transport metadata is not cost data and is not stored.
      expect(JSON.parse(rows[0].body).$metadata).toBeUndefined();
      expect(new Date(rows[0].expires_at).toISOString()).toBe(
        '2026-11-20T18:00:00.000Z',
      );

      clock.advance(TTL - 60_000);
      const cached = await cache.send(payer, 'costExplorer', query());
      expect(cached.fetchedAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);

      clock.advance(2 * 60_000);
      const fresh = await cache.send(payer, 'costExplorer', query());
      expect(
        fresh.value.ResultsByTime?.[0].Groups?.[0].Metrics?.UnblendedCost
          .Amount,
      ).toBe('12.25');
      expect(fresh.fetchedAt.toISOString()).toBe('2026-11-20T18:01:00.000Z');
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 2);
      expect(
        Number((await knex('platform_ops_cost_cache').count({ n: '*' }))[0].n),
      ).toBe(1);
    },
  );

  it.each(databases.eachSupportedId())(
    '500 concurrent viewers share one call, and another replica reads the database (%p)',
    async id => {
      const { cache, make } = await setup(id);
      ce.on(GetCostAndUsageCommand).callsFake(
        () =>
          new Promise(resolve => setTimeout(() => resolve(answer('3')), 20)),
      );

      const answers = await Promise.all(
        Array.from({ length: 500 }, () =>
          cache.send(payer, 'costExplorer', query()),
        ),
      );
      expect(new Set(answers.map(a => a.fetchedAt.toISOString())).size).toBe(1);
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);

      const otherReplica = make();
      const shared = await otherReplica.send(payer, 'costExplorer', query());
      expect(shared.value.ResultsByTime).toHaveLength(1);
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);
    },
  );

  it.each(databases.eachSupportedId())(
    'a different input is a different entry, whatever the key order (%p)',
    async id => {
      const { cache } = await setup(id);
      ce.on(GetCostAndUsageCommand).resolves(answer('1'));
      await cache.send(payer, 'costExplorer', query());
      // Same input, keys in another order: same cached answer.
      await cache.send(
        payer,
        'costExplorer',
        new GetCostAndUsageCommand({
          GroupBy: [{ Key: 'SERVICE', Type: 'DIMENSION' }],
          Metrics: ['UnblendedCost'],
          Granularity: 'DAILY',
          TimePeriod: { End: '2026-11-21', Start: '2026-11-01' },
        }),
      );
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);
      await cache.send(
        payer,
        'costExplorer',
        new GetCostAndUsageCommand({
          ...query().input,
          Granularity: 'MONTHLY',
        }),
      );
      await cache.send(
        { ...payer, accountId: '310987654321' },
        'costExplorer',
        query(),
      );
      expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 3);
    },
  );

  it('keeps showing the expired answer, with its age, while AWS throttles', async () => {
    const { clock, cache } = await setup('SQLITE_3');
    ce.on(GetCostAndUsageCommand)
      .resolvesOnce(answer('7'))
      .rejects(awsError('LimitExceededException', 400, 'Rate exceeded'));
    await cache.send(payer, 'costExplorer', query());
    clock.advance(TTL + HOUR);

    const stale = await cache.send(payer, 'costExplorer', query());
    expect(stale.fetchedAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(
      stale.value.ResultsByTime?.[0].Groups?.[0].Metrics?.UnblendedCost.Amount,
    ).toBe('7');
    expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 2);
  });

  it('says which role may not call what when AWS denies access, and caches nothing', async () => {
    const { knex, cache } = await setup('SQLITE_3');
    ce.on(GetCostAndUsageCommand).rejects(
      awsError(
        'AccessDeniedException',
        400,
        'User: arn:aws:sts::410987654321:assumed-role/x is not authorized',
      ),
    );

    await expect(
      cache.send(payer, 'costExplorer', query()),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'the platform-ops role in 410987654321 may not call ce:GetCostAndUsage',
    });
    expect(await knex('platform_ops_cost_cache').select()).toHaveLength(0);
    // A failure is not cached: the next viewer tries again (once the role is fixed).
    ce.on(GetCostAndUsageCommand).resolves(answer('2'));
    await expect(
      cache.send(payer, 'costExplorer', query()),
    ).resolves.toMatchObject({
      value: { ResultsByTime: expect.any(Array) },
    });
  });

  it('with no stale answer, throttling is a 503 that says to retry', async () => {
    const { cache } = await setup('SQLITE_3');
    ce.on(GetCostAndUsageCommand).rejects(
      awsError('LimitExceededException', 400, 'Rate exceeded'),
    );
    await expect(
      cache.send(payer, 'costExplorer', query()),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(
        'AWS throttled CostExplorer.GetCostAndUsage in 410987654321/us-east-1',
      ),
    });
  });

  it('the scheduled refresh renews only what expires before its next run', async () => {
    const { clock, cache } = await setup('SQLITE_3');
    ce.on(GetCostAndUsageCommand).resolves(answer('5'));
    await cache.send(payer, 'costExplorer', query());

    clock.advance(4 * HOUR); // 2 h left: the hourly run leaves it
    await cache.send(payer, 'costExplorer', query(), { minRemainingMs: HOUR });
    expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 1);

    clock.advance(90 * 60_000); // 30 min left: renewed now, before a viewer finds it expired
    const renewed = await cache.send(payer, 'costExplorer', query(), {
      minRemainingMs: HOUR,
    });
    expect(renewed.fetchedAt.toISOString()).toBe('2026-11-20T17:30:00.000Z');
    expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 2);

    // Viewers then get the renewed answer from the database without calling AWS.
    clock.advance(60 * 60_000);
    await cache.send(payer, 'costExplorer', query());
    expect(ce).toHaveReceivedCommandTimes(GetCostAndUsageCommand, 2);
  });
});
