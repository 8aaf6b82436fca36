import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrated } from '../__testUtils__/harness';
import { sleep } from '../__testUtils__/replicaKill';
import { chaosWorld } from '../__testUtils__/chaosWorld';

jest.setTimeout(300_000);

/*
 * Chaos suite (issue #11): two backend replicas in one process, one database, each replica
 * with its own simulated AWS account on the one world the database holds. Replicas are killed at step boundaries and in the middle of steps, stall past
 * their lease, run on skewed clocks, and runbooks are started again after success, after a
 * partial failure and after an earlier failover. Assertions are on what the account
 * received: no non-idempotent call twice, the wanted end state, a complete history.
 */

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['POSTGRES_15', 'SQLITE_3'] : ['SQLITE_3'],
});

// Two seconds: each call gets half (1 s), which a shared-world write on a loaded CI machine needs.
const LEASE_MS = 2_000;
const NON_IDEMPOTENT = ['PromoteReadReplica', 'RebootDBInstance', 'UpdateDistribution'];
const PROD = 'resource:default/prod';

type World = ReturnType<typeof chaosWorld>;
type Replica = Awaited<ReturnType<World['replica']>>;

/** Ticks a replica (advancing simulated time 15 s per tick) until the execution ends. */
async function runToEnd(world: World, replica: Replica, id: string) {
  for (let i = 0; i < 400; i++) {
    await replica.engine.tick();
    const e = (await world.store.get(id))!;
    if (!['queued', 'running'].includes(e.status)) return e;
    world.clock.advance(15_000);
  }
  // Say who holds the lease: a run that "did not end" is most often another replica's live lease.
  const e = (await world.store.get(id))!;
  const held = `lease held by ${e.leaseOwner ?? 'nobody'} (epoch ${e.leaseEpoch ?? 0})`;
  throw new Error(`execution ${id} did not end, ${held}: ${(await world.store.logs(id)).slice(-6).map(l => l.message).join(' | ')}`);
}

/** Ticks replica A until `dead()` (its process froze mid-call) or the run ends. */
async function runUntilDead(world: World, replica: Replica, id: string, dead: () => boolean) {
  for (let i = 0; i < 400 && !dead(); i++) {
    const tick = replica.engine.tick();
    while (!dead()) {
      const settled = await Promise.race([tick.then(() => true), sleep(20).then(() => false)]);
      if (settled) break;
    }
    if (dead()) return;
    const e = (await world.store.get(id))!;
    if (!['queued', 'running'].includes(e.status)) return;
    world.clock.advance(15_000);
  }
}

async function drEndState(world: World) {
  const dr = { accountId: '410987654321', region: 'us-west-2' };
  const call = (service: Parameters<World['account']['handle']>[0]['service'], operation: string, input: Record<string, unknown>, location = dr) =>
    world.account.handle({ service, operation, input, location }) as Promise<Record<string, any>>;
  const replica = (await call('rds', 'DescribeDBInstances', { DBInstanceIdentifier: 'prod-postgres-dr' })).DBInstances[0];
  const records = (await call('route53', 'ListResourceRecordSets', { HostedZoneId: 'Z0PLATFORMPROD', StartRecordName: 'api.video.example.com.' }, { ...dr, region: 'us-east-1' })).ResourceRecordSets as Array<{ Failover?: string; AliasTarget?: { DNSName: string } }>;
  return {
    promoted: !replica.ReadReplicaSourceDBInstanceIdentifier,
    trafficOn: /\.(us-[a-z]+-\d)\.elb/.exec(records.find(r => r.Failover === 'PRIMARY')!.AliasTarget!.DNSName)![1],
  };
}

function assertNoDuplicates(world: World) {
  for (const op of NON_IDEMPOTENT) expect({ op, times: world.count(op) <= 1 }).toEqual({ op, times: true });
}

describe.each(databases.eachSupportedId())('chaos on %p', databaseId => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await migrated(await databases.init(databaseId));
  });

  it('baseline: one replica runs the region failover to the end; the account saw each mutation once', async () => {
    const world = chaosWorld(knex);
    const { id } = await world.start('region-failover', PROD, 'baseline-0001');
    const a = await world.replica('replica-a', { leaseMs: LEASE_MS });
    const done = await runToEnd(world, a, id);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'succeeded', error: undefined });
    expect(world.count('PromoteReadReplica')).toBe(1);
    expect(world.count('ChangeResourceRecordSets')).toBe(1);
    expect(await drEndState(world)).toEqual({ promoted: true, trafficOn: 'us-west-2' });
  });
});

const KILL_POINTS: Array<[string, 'before' | 'after']> = [];
for (const op of ['DescribeDBInstances', 'PromoteReadReplica', 'UpdateService', 'UpdateAutoScalingGroup', 'DescribeServices', 'ChangeResourceRecordSets', 'GetChange', 'UpdateDistribution', 'GetDistribution']) {
  KILL_POINTS.push([op, 'before'], [op, 'after']);
}

describe.each(databases.eachSupportedId())('chaos: replicas killed on %p', databaseId => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await migrated(await databases.init(databaseId));
  });

  // "before": killed at the step boundary/mid-step with nothing sent; "after": AWS executed
  // the call and the replica died before recording it.
  it.each(KILL_POINTS)('region failover, replica A killed %s its first %s: B finishes, nothing non-idempotent twice', async (op, when) => {
    const world = chaosWorld(knex);
    const { id } = await world.start('region-failover', PROD, `kill-${op}-${when}`.slice(0, 60));
    let dead = false;
    const a = await world.replica('replica-a', {
      leaseMs: LEASE_MS,
      hook: async (operation, send) => {
        if (dead) return new Promise(() => {});
        if (operation !== op) return send();
        if (when === 'after') await send();
        dead = true;
        a.kill();
        return new Promise(() => {});
      },
    });
    await runUntilDead(world, a, id, () => dead);
    expect(dead).toBe(true);
    await sleep(LEASE_MS + 300);
    const b = await world.replica('replica-b', { leaseMs: LEASE_MS });
    const done = await runToEnd(world, b, id);

    expect(done.status).toBe('succeeded');
    assertNoDuplicates(world);
    expect(world.count('PromoteReadReplica')).toBe(1);
    expect(world.count('UpdateDistribution')).toBe(1);
    expect(await drEndState(world)).toEqual({ promoted: true, trafficOn: 'us-west-2' });
    // History: B says it took over, and every step is accounted for.
    const logs = (await world.store.logs(id)).map(l => l.message);
    expect(logs).toContainEqual(expect.stringMatching(/^Resumed by another backend replica after the lease expired at .* \(previous replica replica-a, now replica-b/));
    expect((await world.store.steps(id)).every(s => s.status === 'succeeded')).toBe(true);
    expect(logs[logs.length - 1]).toMatch(/^Execution succeeded \(measured RTO/);
  });
});

describe.each(databases.eachSupportedId())('chaos: slow AWS, stalls, skew and re-runs on %p', databaseId => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await migrated(await databases.init(databaseId));
  });
  const DB = 'resource:default/prod-postgres';

  it('a call slower than the lease (6 s, lease 4 s): the step stops on its budget, B sends nothing, the reboot reaches AWS at most once', async () => {
    // Seconds, not milliseconds: replica A's calls before the slow one must stay well inside
    // its lease on a loaded CI machine, or B would rightly take over and the case proves nothing.
    const lease = 4_000;
    const world = chaosWorld(knex);
    const { id } = await world.start('rds-multi-az-failover', DB, 'slow-0002');
    const a = await world.replica('replica-a', {
      leaseMs: lease,
      awsCallBudgetMs: 3_600,
      hook: async (operation, send) => {
        if (operation === 'RebootDBInstance') await sleep(6_000);
        return send();
      },
    });
    const b = await world.replica('replica-b', { leaseMs: lease, awsCallBudgetMs: 3_600 });
    const aTick = a.engine.tick();
    for (let i = 0; i < 40; i++) {
      await b.engine.tick();
      await sleep(200);
    }
    await aTick;
    await sleep(2_500); // the abandoned call lands
    const e = (await world.store.get(id))!;
    expect(e.status).toBe('failed');
    expect(e.error).toMatch(/rds\.RebootDBInstance in us-east-1 .* did not answer within 4s .*outcome is unknown/);
    expect(world.count('RebootDBInstance')).toBeLessThanOrEqual(1);
    expect(world.received.filter(c => c.replica === 'replica-b')).toEqual([]);
  });

  it('heartbeats keep a 3-call step alive past one lease period, each call within budget: B never takes over', async () => {
    // force-failover makes 3 calls (describe, describe, reboot), each held 2.4 s by A's
    // network: 7.2 s of step on a 6 s lease, every call inside its 4 s budget. The margins
    // are wide because CI runs this beside another jest worker: a heartbeat (every 2 s) may be
    // late by seconds there, and only a late one past the lease would let B in.
    const lease = 6_000;
    const world = chaosWorld(knex);
    const { id } = await world.start('rds-multi-az-failover', DB, 'heartbeat-0001');
    const renewedDuringCall: boolean[] = [];
    const slowOps: string[] = [];
    const expiry = async () => (await world.store.get(id))!.leaseExpiresAt ?? 0;
    const a = await world.replica('replica-a', {
      leaseMs: lease,
      awsCallBudgetMs: 4_000,
      hook: async (operation, send) => {
        if (slowOps.length < 3) {
          slowOps.push(operation);
          const before = await expiry();
          await sleep(2_400);
          renewedDuringCall.push((await expiry()) > before);
        }
        return send();
      },
    });
    const b = await world.replica('replica-b', { leaseMs: lease, awsCallBudgetMs: 4_000 });
    let aDone = false;
    const aTick = a.engine.tick().finally(() => {
      aDone = true;
    });
    while (!aDone) {
      await b.engine.tick();
      await sleep(150);
    }
    await aTick;
    const done = await runToEnd(world, a, id);

    expect(slowOps).toEqual(['DescribeDBInstances', 'DescribeDBInstances', 'RebootDBInstance']);
    // Each call outlived the lease renewal made before it was sent: the heartbeat renewed it.
    expect(renewedDuringCall).toEqual([true, true, true]);
    expect(done.status).toBe('succeeded');
    expect(world.count('RebootDBInstance')).toBe(1);
    expect(world.received.filter(c => c.replica === 'replica-b')).toEqual([]);
    expect((await world.store.logs(id)).map(l => l.message)).not.toContainEqual(expect.stringMatching(/^Resumed by another backend replica/));
  });

  it('a replica cut off from the database stops before its next AWS call; B finishes, nothing non-idempotent twice', async () => {
    const world = chaosWorld(knex);
    const { id } = await world.start('region-failover', PROD, 'partition-0001');
    let cut = false;
    let sentAfterCut = 0;
    const a = await world.replica('replica-a', {
      leaseMs: LEASE_MS,
      partitioned: () => cut,
      hook: async (operation, send) => {
        if (cut) sentAfterCut++;
        const out = await send();
        // The promotion reached AWS; then A loses the database (not AWS: a call of a parallel
        // step already in flight still lands, and B must see it instead of sending it again).
        if (operation === 'PromoteReadReplica') cut = true;
        return out;
      },
    });
    for (let i = 0; i < 400 && !cut; i++) {
      await a.engine.tick().catch(() => undefined);
      world.clock.advance(15_000);
    }
    expect(cut).toBe(true);
    // A keeps trying while cut off.
    for (let i = 0; i < 3; i++) {
      await Promise.race([a.engine.tick().catch(() => undefined), sleep(3_000)]);
      world.clock.advance(15_000);
    }
    await sleep(LEASE_MS + 300);
    const b = await world.replica('replica-b', { leaseMs: LEASE_MS });
    const done = await runToEnd(world, b, id);

    // After the cut, steps already running may still send, but each call only behind a lease
    // renewal the database granted (issued before the cut, answered after it). No other call.
    expect(sentAfterCut).toBeLessThanOrEqual(a.lateRenewals());
    expect(world.received.filter(c => c.replica === 'replica-a' && c.operation === 'PromoteReadReplica')).toHaveLength(1);
    expect(done.status).toBe('succeeded');
    assertNoDuplicates(world);
    expect(world.count('PromoteReadReplica')).toBe(1);
    expect(await drEndState(world)).toEqual({ promoted: true, trafficOn: 'us-west-2' });
    const logs = (await world.store.logs(id)).map(l => l.message);
    expect(logs).toContainEqual(expect.stringMatching(/^Resumed by another backend replica after the lease expired at .* \(previous replica replica-a, now replica-b/));
  });

  it('clock skew: a replica whose clock is an hour ahead does not take a fresh lease', async () => {
    const world = chaosWorld(knex);
    const { id } = await world.start('rds-multi-az-failover', DB, 'skew-0001');
    const a = await world.replica('replica-a', { leaseMs: 30_000 });
    // A replica whose own clock runs an hour ahead (and keeps running away).
    let skew = 3_600_000;
    const ahead = {
      now: () => new Date(world.clock.now().getTime() + skew),
      advance: (ms: number) => {
        skew += ms;
        return ahead.now();
      },
    };
    const b = await world.replica('replica-b', { leaseMs: 30_000, clock: ahead });
    await a.engine.tick();
    for (let i = 0; i < 3; i++) {
      ahead.advance(3_600_000);
      await b.engine.tick();
    }
    expect((await world.store.get(id))!.leaseOwner).toBe('replica-a');
    expect(world.received.filter(c => c.replica === 'replica-b')).toEqual([]);
    const done = await runToEnd(world, a, id);
    expect(done.status).toBe('succeeded');
    expect(world.count('RebootDBInstance')).toBe(1);
  });

  it('region failover started again after it succeeded (an earlier failover): converges, promotes and moves nothing again', async () => {
    const world = chaosWorld(knex);
    const a = await world.replica('replica-a', { leaseMs: LEASE_MS });
    const first = await world.start('region-failover', PROD, 'rerun-0001');
    expect((await runToEnd(world, a, first.id)).status).toBe('succeeded');
    const second = await world.start('region-failover', PROD, 'rerun-0002');
    const done = await runToEnd(world, a, second.id);

    expect(done.status).toBe('succeeded');
    expect(world.count('PromoteReadReplica')).toBe(1);
    expect(world.count('ChangeResourceRecordSets')).toBe(1);
    expect(world.count('UpdateDistribution')).toBe(1);
    expect(await drEndState(world)).toEqual({ promoted: true, trafficOn: 'us-west-2' });
    const steps = await world.store.steps(second.id);
    expect(steps.find(s => s.stepId === 'route53-to-dr')!.output?.alreadyDone).toMatch(/^traffic is already served by the us-west-2 endpoint/);
    expect(steps.find(s => s.stepId === 'promote-replica')!.output?.alreadyDone).toMatch(/already promoted/);
  });

  it('region failover started again after a partial failure (Route 53 refused): finishes without promoting twice', async () => {
    const world = chaosWorld(knex);
    const a = await world.replica('replica-a', { leaseMs: LEASE_MS });
    await world.account.setFaults({ accessDenied: ['route53:ChangeResourceRecordSets'] });
    const first = await world.start('region-failover', PROD, 'partial-0001');
    const failed = await runToEnd(world, a, first.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^step route53-to-dr failed: .*ChangeResourceRecordSets/);
    expect((await drEndState(world)).trafficOn).toBe('us-east-1');

    await world.account.clearFaults();
    const second = await world.start('region-failover', PROD, 'partial-0002');
    const done = await runToEnd(world, a, second.id);
    expect(done.status).toBe('succeeded');
    expect(world.count('PromoteReadReplica')).toBe(1);
    assertNoDuplicates(world);
    expect(await drEndState(world)).toEqual({ promoted: true, trafficOn: 'us-west-2' });
  });
});
