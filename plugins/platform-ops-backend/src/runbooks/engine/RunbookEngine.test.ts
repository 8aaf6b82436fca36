import {
  DBInstance,
  DescribeDBInstancesCommand,
  RDSClient,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Request } from 'express';
import { Knex } from 'knex';
import { AwsGateway } from '../../aws/types';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { RUNBOOKS } from '../definitions';
import { RunbookEngine } from './RunbookEngine';
import {
  OWNER,
  TestClock,
  healthyProbe,
  makeEngine,
  makeService,
  migrated,
  realGateway,
  userCredentials,
} from '../__testUtils__/harness';
import { tickUntilEnded } from '../__testUtils__/runRunbook';
import { killable, sleep } from '../__testUtils__/replicaKill';
import { ExecutionStore } from './ExecutionStore';

jest.setTimeout(120_000);

/** Short leases (real time, database clock) so that expiry takes a fraction of a second. */
const LEASE_MS = 1_000;

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
    ? ['POSTGRES_15', 'SQLITE_3']
    : ['SQLITE_3'],
});

const rds = mockClient(RDSClient);
const cloudWatch = mockClient(CloudWatchClient);
const DB = 'resource:default/prod-postgres';

/**
 * A Multi-AZ instance that AWS fails over in 90 s: rebooting right after the call, then
 * available with the primary in the other AZ. Driven by the test clock.
 */
function fakeMultiAzInstance(clock: TestClock) {
  let rebootedAt: number | undefined;
  rds.reset();
  rds.on(DescribeDBInstancesCommand).callsFake((): { DBInstances: DBInstance[] } => {
    const failingOver = rebootedAt !== undefined && clock.now().getTime() - rebootedAt < 90_000;
    const moved = rebootedAt !== undefined && !failingOver;
    return {
      DBInstances: [
        {
          DBInstanceIdentifier: 'prod-postgres',
          MultiAZ: true,
          DBInstanceStatus: failingOver ? 'rebooting' : 'available',
          AvailabilityZone: moved ? 'us-east-1b' : 'us-east-1a',
          SecondaryAvailabilityZone: moved ? 'us-east-1a' : 'us-east-1b',
        },
      ],
    };
  });
  rds.on(RebootDBInstanceCommand).callsFake(() => {
    rebootedAt = clock.now().getTime();
    return { DBInstance: { DBInstanceIdentifier: 'prod-postgres', DBInstanceStatus: 'rebooting' } };
  });
}

async function startRdsFailover(knex: Knex, gateway: AwsGateway, clock: TestClock, key = 'rds-failover-key-1') {
  const { service } = makeService({ knex, gateway, clock });
  const result = await service.start({
    runbookId: 'rds-multi-az-failover',
    entityRef: DB,
    mode: 'live',
    confirm: 'prod',
    envelope: { reason: 'AZ us-east-1a impaired', dryRun: false, idempotencyKey: key },
    credentials: userCredentials(OWNER),
    auditOrigin: {} as Request,
  });
  if (result.dryRun) throw new Error('expected a real start');
  return { service, execution: result.execution };
}

/** Ticks an engine every 10 s of test time until the execution ends (or gives up). */
function runToEnd(engine: ReturnType<typeof makeEngine>, store: ExecutionStore, id: string, clock: TestClock) {
  return tickUntilEnded(engine, store, id, clock, { stepMs: 10_000, maxTicks: 100 });
}

describe.each(databases.eachSupportedId())('RunbookEngine on %p', databaseId => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await migrated(await databases.init(databaseId));
  });

  it('runs the RDS failover: one forced reboot, then waits on the test clock until the primary moved', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const { execution } = await startRdsFailover(knex, gateway, clock);
    const store = new ExecutionStore(knex);
    const engine = makeEngine({ knex, gateway, clock, ownerId: 'replica-a' });

    const done = await runToEnd(engine, store, execution.id, clock);

    expect(done.status).toBe('succeeded');
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    expect(rds).toHaveReceivedCommandWith(RebootDBInstanceCommand, {
      DBInstanceIdentifier: 'prod-postgres',
      ForceFailover: true,
    });
    const steps = await store.steps(execution.id);
    expect(steps.map(s => [s.stepId, s.status])).toEqual([
      ['force-failover', 'succeeded'],
      ['wait-available', 'succeeded'],
    ]);
    // The state before acting, then the intent, both recorded before the reboot was sent.
    expect(steps[0].memo).toEqual({ state: { availabilityZone: 'us-east-1a' }, intent: 'rds.RebootDBInstance' });
    // 90 s of failover, observed on 10 s ticks: the wait ends between 90 and 100 s.
    const elapsed = (Date.parse(done.finishedAt!) - Date.parse(done.startedAt!)) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThanOrEqual(100);
    const logs = (await store.logs(execution.id)).map(l => l.message);
    expect(logs).toContainEqual(expect.stringContaining('-> rds.RebootDBInstance in us-east-1 (control plane'));
    expect(logs).toContainEqual(expect.stringContaining('Condition met: status available, primary in us-east-1b (was us-east-1a)'));
    // The target is free again: the active-target slot was released.
    expect(await store.findActive(DB)).toBeUndefined();
  });

  it('a second replica finishes a run whose replica stopped mid-run, without repeating the failover', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const { service, execution } = await startRdsFailover(knex, gateway, clock);
    const store = new ExecutionStore(knex);
    const a = makeEngine({ knex, gateway, clock, ownerId: 'replica-a', leaseMs: LEASE_MS });
    const b = makeEngine({ knex, gateway, clock, ownerId: 'replica-b', leaseMs: LEASE_MS });

    await a.tick(); // reboots, polls once (rebooting), then has nothing to do
    expect((await service.view(execution.id)).takeovers).toEqual([]);
    a.stop(); // replica A goes away holding the lease

    // Hours of engine (simulated) time do not expire a lease: the database's clock decides.
    clock.advance(3_600_000);
    await b.tick();
    expect((await store.get(execution.id))!.leaseOwner).toBe('replica-a');

    await sleep(LEASE_MS + 200); // the lease expires on the database's clock
    const done = await runToEnd(b, store, execution.id, clock);
    expect(done.status).toBe('succeeded');
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    const steps = await store.steps(execution.id);
    expect(steps.map(s => [s.stepId, s.status, s.attempts])).toEqual([
      ['force-failover', 'succeeded', 1],
      ['wait-available', 'succeeded', 1],
    ]);
    const resumed = (await store.logs(execution.id)).find(l => l.message.startsWith('Resumed by another backend replica'));
    expect(resumed?.message).toMatch(/^Resumed by another backend replica after the lease expired at \S+Z \(previous replica replica-a, now replica-b, lease epoch 2\)$/);
    // The execution API says when and why, for the execution view: the wait for the
    // database was in progress when replica A's lease ran out.
    const { takeovers } = await service.view(execution.id);
    expect(takeovers).toEqual([
      {
        at: expect.stringMatching(/Z$/),
        replica: 'replica-b',
        previousReplica: 'replica-a',
        leaseExpiredAt: expect.stringMatching(/Z$/),
        interruptedSteps: [{ stepId: 'wait-available', title: steps[1].title }],
      },
    ]);
    expect(Date.parse(takeovers[0].at)).toBe(Date.parse(resumed!.at));
  });

  it('a replica that dies during the AWS call: the next one sees the failover under way and does not send it again', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const real = realGateway();
    const { execution } = await startRdsFailover(knex, real, clock);
    const store = new ExecutionStore(knex);

    // Replica A's process dies after AWS accepted the reboot, before it recorded the result.
    let sentByA = 0;
    const dying: AwsGateway = {
      ...real,
      mode: real.mode,
      preview: real.preview.bind(real),
      ledger: real.ledger.bind(real),
      send: (async (location, service, command) => {
        const out = await real.send(location, service, command);
        if (command instanceof RebootDBInstanceCommand) {
          sentByA++;
          return new Promise(() => {}); // never returns
        }
        return out;
      }) as AwsGateway['send'],
    };
    // The process dies with the call: its store (heartbeats included) goes silent too.
    const aStore = killable(new ExecutionStore(knex));
    const a = makeEngine({ knex, gateway: dying, clock, ownerId: 'replica-a', leaseMs: LEASE_MS, store: aStore.proxy });
    void a.tick();
    for (let i = 0; i < 100 && sentByA === 0; i++) await sleep(20);
    aStore.kill();
    expect(sentByA).toBe(1);
    expect((await store.steps(execution.id))[0].status).toBe('running');

    await sleep(LEASE_MS + 200);
    const b = makeEngine({ knex, gateway: real, clock, ownerId: 'replica-b', leaseMs: LEASE_MS });
    const done = await runToEnd(b, store, execution.id, clock);

    expect(done.status).toBe('succeeded');
    expect(rds).toHaveReceivedCommandTimes(RebootDBInstanceCommand, 1);
    const [failover] = await store.steps(execution.id);
    expect(failover.attempts).toBe(2);
    expect(failover.output).toEqual({ alreadyDone: 'the instance is already rebooting (failover in progress)' });
    const logs = (await store.logs(execution.id)).map(l => l.message);
    expect(logs).toContainEqual(
      'Resuming a step started by another replica (attempt 2); it had recorded the intent to send rds.RebootDBInstance; checking AWS before acting',
    );
  });

  it('concurrent starts on one database: same key -> one execution, other key -> refused by the unique index', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const [a, b] = await Promise.all([
      startRdsFailover(knex, gateway, clock, 'same-key-0001'),
      startRdsFailover(knex, gateway, clock, 'same-key-0001'),
    ]);
    expect(a.execution.id).toBe(b.execution.id);
    const other = await Promise.allSettled([startRdsFailover(knex, gateway, clock, 'other-key-0002')]);
    expect(other[0].status).toBe('rejected');
    expect((other[0] as PromiseRejectedResult).reason.message).toContain(`already has an active runbook execution (rds-multi-az-failover, ${a.execution.id}`);
    expect(await new ExecutionStore(knex).list(DB)).toHaveLength(1);
  });

  it('an execution waiting for an approval does not take the only worker slot', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const { service } = makeService({ knex, gateway, clock });
    const store = new ExecutionStore(knex);
    // A concurrency of 1: one promotion waits for its approval...
    const start = (runbookId: string, entityRef: string) =>
      service.start({
        runbookId,
        entityRef,
        mode: 'live',
        confirm: 'prod',
        envelope: { reason: 'test', dryRun: false },
        credentials: userCredentials(OWNER),
        auditOrigin: {} as Request,
      });
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'prod-postgres-dr' }).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'prod-postgres-dr', DBInstanceStatus: 'available', ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres' }],
    });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [20] }] });
    const waiting = await start('promote-read-replica', 'resource:default/prod-postgres');
    if (waiting.dryRun) throw new Error('expected a start');
    const engine = new RunbookEngine({
      store,
      definitions: RUNBOOKS,
      gatewayFor: () => gateway,
      httpProbeFor: () => healthyProbe,
      clock,
      ownerId: 'replica-a',
      leaseMs: 30_000,
      concurrency: 1,
      logger: mockServices.logger.mock(),
    });
    await engine.tick();
    // ...and a failover on another target, started later, still runs.
    clock.advance(1_000);
    const staging = await start('rds-multi-az-failover', 'resource:default/staging-postgres');
    if (staging.dryRun) throw new Error('expected a start');
    await engine.tick();
    expect(rds).toHaveReceivedCommandWith(RebootDBInstanceCommand, { DBInstanceIdentifier: 'staging-postgres', ForceFailover: true });
    expect((await store.get(staging.execution.id))!.status).toBe('running');
    expect((await store.steps(waiting.execution.id))[0].status).toBe('waiting-approval');
  });

  it('cancel takes effect between steps and frees the target', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const { service, execution } = await startRdsFailover(knex, gateway, clock);
    const store = new ExecutionStore(knex);
    const engine = makeEngine({ knex, gateway, clock, ownerId: 'replica-a' });
    await engine.tick(); // reboot sent, waiting

    await service.cancel({
      executionId: execution.id,
      envelope: { reason: 'wrong database', dryRun: false },
      credentials: userCredentials(OWNER),
      auditOrigin: {} as Request,
    });
    clock.advance(10_000);
    await engine.tick();

    const cancelled = (await store.get(execution.id))!;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.cancelledBy).toBe(OWNER);
    expect((await store.steps(execution.id)).map(s => s.status)).toEqual(['succeeded', 'cancelled']);
    expect(await store.findActive(DB)).toBeUndefined();
  });

  it('a wait-until that never sees its condition fails at its timeout and says what it saw', async () => {
    const clock = new TestClock();
    fakeMultiAzInstance(clock);
    const gateway = realGateway();
    const { execution } = await startRdsFailover(knex, gateway, clock);
    const store = new ExecutionStore(knex);
    const engine = makeEngine({ knex, gateway, clock, ownerId: 'replica-a', leaseMs: 3_600_000 });
    await engine.tick(); // the reboot is sent
    // ...and AWS keeps reporting "rebooting" forever.
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'prod-postgres', MultiAZ: true, DBInstanceStatus: 'rebooting', AvailabilityZone: 'us-east-1a' }],
    });
    const done = await runToEnd(engine, store, execution.id, clock);

    expect(done.status).toBe('failed');
    expect(done.error).toBe(
      'step wait-available failed: timed out after 600s waiting: status rebooting, primary in us-east-1a (was us-east-1a)',
    );
  });
});
