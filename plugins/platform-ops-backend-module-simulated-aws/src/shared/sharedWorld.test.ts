import { TestDatabases } from '@backstage/backend-test-utils';
import { AwsLocation, Inventory, InventoryResource, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';
import { buildInventory, exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import { Knex } from 'knex';
import { drServiceModels } from '../drModels';
import { ManualClock } from '../ServiceModel';
import { SimulatedAccount } from '../SimulatedAccount';
import { MINUTE, PROD, STAGING, errorOf } from '../testUtils/testAccount';
import { KnexWorldLog } from './KnexWorldLog';
import { WorldLog } from './WorldLog';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ? ['POSTGRES_15', 'SQLITE_3'] : ['SQLITE_3'],
});

const START = '2026-11-20T12:00:00Z';

/**
 * Backend replicas on one database: each its own SimulatedAccount and base clock (one wall
 * time, moved together by `wait`), one shared log.
 */
function cluster(knex: Knex, inventory: () => Inventory = () => buildInventory(exampleCatalogEntities())) {
  const clocks: ManualClock[] = [];
  let elapsed = 0;
  const replica = (options: { log?: WorldLog; skewMs?: number } = {}) => {
    // A replica started later starts on the same wall time as the others.
    const clock = new ManualClock(new Date(new Date(START).getTime() + elapsed + (options.skewMs ?? 0)));
    clocks.push(clock);
    const account = new SimulatedAccount({
      inventory: async () => inventory(),
      clock,
      backfillHours: 1,
      extraModels: drServiceModels,
      log: options.log ?? new KnexWorldLog(async () => knex),
      catalogCheckMs: 0,
    });
    const call = <T = Record<string, any>>(service: AwsServiceName, operation: string, input: Record<string, unknown>, location: AwsLocation = PROD) =>
      account.handle({ service, operation, input, location }) as Promise<T>;
    return { account, clock, call };
  };
  /** Real time passes for every replica alike. */
  const wait = (ms: number) => {
    elapsed += ms;
    clocks.forEach(c => c.advance(ms));
  };
  return { replica, wait };
}

type Replica = ReturnType<ReturnType<typeof cluster>['replica']>;

/** Everything a replica shows of the fleet side, instance ids included. */
async function fleetOf(r: Replica) {
  const state = await r.account.state();
  const staging = await r.call('autoScaling', 'DescribeAutoScalingGroups', {}, STAGING);
  const prod = await r.call('autoScaling', 'DescribeAutoScalingGroups', {}, PROD);
  const ids = [...staging.AutoScalingGroups, ...prod.AutoScalingGroups].map((g: any) => [g.AutoScalingGroupName, g.DesiredCapacity, g.Instances.map((i: any) => `${i.InstanceId}:${i.LifecycleState}`)]);
  return { now: state.now, groups: state.autoScalingGroups, queues: state.queues, alarms: state.alarms, ids };
}

describe.each(databases.eachSupportedId())('one simulated world per database (%p)', databaseId => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });

  it('a change made through replica A is what replica B answers, instance for instance', async () => {
    const { replica, wait } = cluster(knex);
    const a = replica();
    const b = replica();
    await a.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
    const seen = await b.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['staging-gpu-workers'] }, STAGING);
    expect(seen.AutoScalingGroups[0].DesiredCapacity).toBe(3);
    wait(3 * MINUTE);
    expect(await fleetOf(b)).toEqual(await fleetOf(a));
    const inService = (await fleetOf(b)).groups.find(g => g.name === 'staging-gpu-workers')!.inService;
    expect(inService).toBe(3);
  });

  it('a clock advance on A moves the clock of B; faults set on A apply on B, cleared on B they stop on A', async () => {
    const { replica } = cluster(knex);
    const a = replica();
    const b = replica();
    await b.account.state();
    const before = b.account.clock.now().getTime();
    await a.account.advance(10 * MINUTE);
    expect(new Date((await b.account.state()).now).getTime()).toBe(before + 10 * MINUTE);

    await a.account.setFaults({ regionsDown: ['us-east-1'] });
    const refused = await errorOf(b.call('autoScaling', 'DescribeAutoScalingGroups', {}, PROD));
    expect(refused.message).toMatch(/us-east-1/);
    expect((await b.account.state()).faults.regionsDown).toEqual(['us-east-1']);
    await b.account.clearFaults();
    const answered = await a.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['prod-gpu-workers'] }, PROD);
    expect(answered.AutoScalingGroups).toHaveLength(1);
  });

  it('the same log replays to the same state: replicas reading at different moments, and one started later', async () => {
    const { replica, wait } = cluster(knex);
    const a = replica();
    const b = replica();
    await a.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);
    for (let i = 0; i < 12; i++) {
      wait(7_000 + i * 1_300);
      // A reads every time, B every third time: their worlds step identically anyway.
      await a.call('sqs', 'GetQueueAttributes', { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs', AttributeNames: ['All'] });
      if (i % 3 === 0) await b.call('autoScaling', 'DescribeAutoScalingGroups', {}, PROD);
      if (i === 5) await b.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 6 }, PROD);
      if (i === 8) await a.call('rds', 'RebootDBInstance', { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true }, PROD);
    }
    const late = replica();
    const [fa, fb, fl] = [await fleetOf(a), await fleetOf(b), await fleetOf(late)];
    expect(fb).toEqual(fa);
    expect(fl).toEqual(fa);
    const db = async (r: Replica) => (await r.call('rds', 'DescribeDBInstances', { DBInstanceIdentifier: 'prod-postgres' }, PROD)).DBInstances[0];
    expect(await db(late)).toEqual(await db(a));
    expect((await db(b)).AvailabilityZone).toBe((await db(a)).AvailabilityZone);
  });

  it('a replica that answered past an event it had not seen yet rebuilds from the log and agrees', async () => {
    const { replica, wait } = cluster(knex);
    const a = replica();
    const ahead = replica({ skewMs: 40_000 });
    await a.account.state();
    await ahead.account.state();
    // A's change is stamped 40 s before what `ahead` already answered at.
    await a.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
    wait(60_000);
    const seen = await ahead.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['staging-gpu-workers'] }, STAGING);
    expect(seen.AutoScalingGroups[0].DesiredCapacity).toBe(3);
    expect((await ahead.account.state()).log.rebuilds).toBe(1);
    const fresh = replica({ skewMs: 40_000 });
    expect(await fleetOf(fresh)).toEqual(await fleetOf(ahead));
  });

  it('an environment the catalog gains is added to the running world of every replica, once', async () => {
    let inventory = buildInventory(exampleCatalogEntities());
    const { replica, wait } = cluster(knex, () => inventory);
    const a = replica();
    const b = replica();
    await a.account.state();
    await b.account.state();
    wait(5 * MINUTE);
    const staging = inventory.environments.find(e => e.name === 'staging')!;
    const added: PlatformEnvironment = {
      ...staging,
      entityRef: 'resource:default/qa',
      name: 'qa',
      costTag: 'qa',
      drRegion: undefined,
      route53Record: undefined,
      cloudFrontDistributionId: undefined,
      resources: staging.resources.flatMap((r): InventoryResource[] => {
        if (r.kind === 'gpu-fleet') return [{ ...r, entityRef: 'resource:default/qa-gpu-workers', asgName: 'qa-gpu-workers', drainsQueue: 'resource:default/qa-video-jobs' }];
        if (r.kind === 'queue') return [{ ...r, entityRef: 'resource:default/qa-video-jobs', queueName: 'qa-video-jobs', dlqName: 'qa-video-jobs-dlq' }];
        return [];
      }),
    };
    inventory = { ...inventory, environments: [...inventory.environments, added] };
    expect(await b.account.syncCatalog()).toEqual(['resource:default/qa']);
    expect(await a.account.syncCatalog()).toEqual([]);
    const seen = await a.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['qa-gpu-workers'] }, STAGING);
    expect(seen.AutoScalingGroups[0]).toMatchObject({ AutoScalingGroupName: 'qa-gpu-workers', DesiredCapacity: 2 });
    const queue = await a.call('sqs', 'GetQueueUrl', { QueueName: 'qa-video-jobs' }, STAGING);
    expect(queue.QueueUrl).toBe('https://sqs.us-east-1.amazonaws.com/310987654321/qa-video-jobs');
    wait(3 * MINUTE);
    expect(await fleetOf(b)).toEqual(await fleetOf(a));
    expect((await b.account.state()).environments).toContain('resource:default/qa');
    expect((await knex('platform_ops_simulator_events').where({ kind: 'environment' })).length).toBe(1);
  });

  it('a replica cut off from the database answers ServiceUnavailable and changes nothing', async () => {
    const { replica } = cluster(knex);
    const a = replica();
    await a.account.state();
    let cut = false;
    const real = new KnexWorldLog(async () => knex);
    const failing: WorldLog = {
      genesis: create => real.genesis(create),
      head: () => (cut ? Promise.reject(new Error('connection refused')) : real.head()),
      since: seq => real.since(seq),
      append: (seq, write) => (cut ? Promise.reject(new Error('connection refused')) : real.append(seq, write)),
    };
    const b = replica({ log: failing });
    await b.account.state();
    cut = true;
    const error = await errorOf(b.call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING));
    expect(error.name).toBe('ServiceUnavailable');
    expect(error.$metadata.httpStatusCode).toBe(503);
    const seen = await a.call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['staging-gpu-workers'] }, STAGING);
    expect(seen.AutoScalingGroups[0].DesiredCapacity).toBe(2);
  });
});
