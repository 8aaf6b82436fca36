import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { SECOND_OWNER, migrated, userCredentials } from '../__testUtils__/harness';
import { chaosWorld } from '../__testUtils__/chaosWorld';
import { FAILBACK_SOURCE_TAG } from './failbackDatabase';

jest.setTimeout(300_000);

/*
 * Region failback against the simulated account, after a region failover. Assertions are on what the account received (exact inputs) and on
 * the account's end state: traffic on the primary ALB, a new primary database in us-east-1,
 * the DR side at pilot light; run twice, or after a partial run, it converges.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const PROD = 'resource:default/prod';
const ACCOUNT = '410987654321';
const EAST = { accountId: ACCOUNT, region: 'us-east-1' };
const WEST = { accountId: ACCOUNT, region: 'us-west-2' };
const LEASE_MS = 60_000;

type World = ReturnType<typeof chaosWorld>;

/**
 * Ticks until the execution ends, advancing simulated time by a minute per tick (a
 * cross-region replica takes up to an hour), approving the cutover as a second person.
 */
async function runToEnd(world: World, id: string, service: Awaited<ReturnType<World['start']>>['service']) {
  const replica = await world.replica('replica-a', { leaseMs: LEASE_MS });
  for (let i = 0; i < 400; i++) {
    await replica.engine.tick();
    const e = (await world.store.get(id))!;
    if (!['queued', 'running'].includes(e.status)) return service.view(id);
    const approval = (await world.store.steps(id)).find(s => s.stepId === 'approve-cutover');
    if (approval?.status === 'waiting-approval' && !approval.approvedBy) {
      await service.approve({
        executionId: id,
        stepId: 'approve-cutover',
        envelope: { reason: 'writes stopped, lag at zero', dryRun: false },
        credentials: userCredentials(SECOND_OWNER),
      });
    }
    world.clock.advance(60_000);
  }
  throw new Error(`execution ${id} did not end: ${(await world.store.logs(id)).slice(-4).map(l => l.message).join(' | ')}`);
}

async function call(world: World, service: 'rds' | 'route53' | 'ecs' | 'autoScaling' | 'cloudFront' | 'resourceGroupsTagging', operation: string, input: Record<string, unknown>, location = EAST) {
  return (await world.account.handle({ service, operation, input, location })) as Record<string, any>;
}

/** The prod distribution's id: CloudFront assigned it at apply; its tags find it. */
async function distributionId(world: World): Promise<string> {
  const out = await call(world, 'resourceGroupsTagging', 'GetResources', {
    ResourceTypeFilters: ['cloudfront:distribution'],
    TagFilters: [{ Key: 'platform-ops:environment', Values: ['prod'] }, { Key: 'platform-ops:role', Values: ['cdn'] }],
  });
  return (out.ResourceTagMappingList[0].ResourceARN as string).split('/').pop()!;
}

async function endState(world: World) {
  const describe = async (id: string, location: typeof EAST) => {
    try {
      return (await call(world, 'rds', 'DescribeDBInstances', { DBInstanceIdentifier: id }, location)).DBInstances[0];
    } catch {
      return undefined;
    }
  };
  const primary = await describe('prod-postgres', EAST);
  const dr = await describe('prod-postgres-dr', WEST);
  const records = (await call(world, 'route53', 'ListResourceRecordSets', { HostedZoneId: 'Z0PLATFORMPROD', StartRecordName: 'api.video.example.com.' })).ResourceRecordSets as Array<{ Failover?: string; AliasTarget?: { DNSName: string } }>;
  const drService = (await call(world, 'ecs', 'DescribeServices', { cluster: 'prod-cluster', services: ['prod-api'] }, WEST)).services[0];
  const distribution = (await call(world, 'cloudFront', 'GetDistributionConfig', { Id: await distributionId(world) })).DistributionConfig;
  return {
    trafficOn: /\.(us-[a-z]+-\d)\.elb/.exec(records.find(r => r.Failover === 'PRIMARY')!.AliasTarget!.DNSName)![1],
    primary: primary && { status: primary.DBInstanceStatus, replicaOf: primary.ReadReplicaSourceDBInstanceIdentifier ?? null, multiAz: primary.MultiAZ },
    dr: dr && { status: dr.DBInstanceStatus, replicaOf: dr.ReadReplicaSourceDBInstanceIdentifier ?? null },
    drTasks: drService.desiredCount,
    mediaOrigin: distribution.DefaultCacheBehavior.TargetOriginId,
  };
}

function received(world: World, operation: string) {
  return world.received.filter(c => c.operation === operation && c.replica !== 'preflight');
}

describe('region failback in the simulated account', () => {
  let knex: Knex;
  let world: World;
  beforeEach(async () => {
    knex = await migrated(await databases.init('SQLITE_3'));
    world = chaosWorld(knex);
    // A region failover (game day: us-east-1 up, so Route 53 and CloudFront were changed too).
    const failover = await world.start('region-failover', PROD, 'failover-0001');
    const failedOver = await runToEnd(world, failover.id, failover.service);
    if (failedOver.status !== 'succeeded') throw new Error(`the region failover before the failback ended ${failedOver.status}: ${failedOver.error}`);
    world.received.length = 0;
  });

  it('ends with traffic on the primary ALB, a new primary database in us-east-1 and the DR side at pilot light; exact AWS inputs', async () => {
    const before = await endState(world);
    expect(before).toMatchObject({ trafficOn: 'us-west-2', dr: { replicaOf: null } });

    const { id, service } = await world.start('region-failback', PROD, 'failback-0001');
    const done = await runToEnd(world, id, service);
    expect({ status: done.status, error: done.error }).toEqual({ status: 'succeeded', error: undefined });

    expect(await endState(world)).toEqual({
      trafficOn: 'us-east-1',
      primary: { status: 'available', replicaOf: null, multiAz: true },
      dr: { status: 'available', replicaOf: `arn:aws:rds:us-east-1:${ACCOUNT}:db:prod-postgres` },
      drTasks: 0,
      mediaOrigin: 'primary-media-us-east-1',
    });

    // The stale primary and the failover's writer are renamed out of the way, not deleted.
    const renames = received(world, 'ModifyDBInstance');
    expect(renames.map(c => [c.region, c.input])).toEqual([
      ['us-east-1', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: expect.stringMatching(/^prod-postgres-pre-failback-\d{8}t\d{4}$/), ApplyImmediately: true }],
      ['us-west-2', { DBInstanceIdentifier: 'prod-postgres-dr', NewDBInstanceIdentifier: expect.stringMatching(/^prod-postgres-dr-pre-failback-\d{8}t\d{4}$/), ApplyImmediately: true }],
    ]);
    const creates = received(world, 'CreateDBInstanceReadReplica');
    expect(creates).toHaveLength(2);
    expect(creates[0].region).toBe('us-east-1');
    expect(creates[0].input).toMatchObject({
      DBInstanceIdentifier: 'prod-postgres',
      SourceDBInstanceIdentifier: `arn:aws:rds:us-west-2:${ACCOUNT}:db:prod-postgres-dr`,
      // Signed by the SDK's RDS middleware for the source region.
      PreSignedUrl: expect.stringMatching(/^https:\/\/rds\.us-west-2\.amazonaws\.com\/\?Action=CreateDBInstanceReadReplica&/),
      KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:410987654321:key\//),
      MultiAZ: true,
      Tags: [{ Key: FAILBACK_SOURCE_TAG, Value: expect.stringMatching(/^db-/) }],
    });
    expect(creates[1].region).toBe('us-west-2');
    expect(creates[1].input).toMatchObject({
      DBInstanceIdentifier: 'prod-postgres-dr',
      SourceDBInstanceIdentifier: `arn:aws:rds:us-east-1:${ACCOUNT}:db:prod-postgres`,
      PreSignedUrl: expect.stringMatching(/^https:\/\/rds\.us-east-1\.amazonaws\.com\/\?Action=CreateDBInstanceReadReplica&/),
      KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:410987654321:key\//),
      MultiAZ: false,
    });
    expect(received(world, 'PromoteReadReplica').map(c => [c.region, c.input])).toEqual([
      ['us-east-1', { DBInstanceIdentifier: 'prod-postgres', BackupRetentionPeriod: 30 }],
    ]);
    const change = received(world, 'ChangeResourceRecordSets');
    expect(change).toHaveLength(1);
    expect(change[0].input).toMatchObject({
      HostedZoneId: 'Z0PLATFORMPROD',
      ChangeBatch: {
        Comment: 'platform-ops region-failback prod to us-east-1',
        Changes: [
          { Action: 'UPSERT', ResourceRecordSet: { Failover: 'PRIMARY', AliasTarget: { DNSName: expect.stringMatching(/\.us-east-1\.elb\.amazonaws\.com\.?$/) } } },
          { Action: 'UPSERT', ResourceRecordSet: { Failover: 'SECONDARY', AliasTarget: { DNSName: expect.stringMatching(/\.us-west-2\.elb\.amazonaws\.com\.?$/) } } },
        ],
      },
    });
    const distribution = received(world, 'UpdateDistribution');
    expect(distribution).toHaveLength(1);
    expect(distribution[0].input).toMatchObject({ Id: await distributionId(world), IfMatch: expect.stringMatching(/^E/), DistributionConfig: { DefaultCacheBehavior: { TargetOriginId: 'primary-media-us-east-1' } } });
    // Capacity up in us-east-1 before the cutover, the DR region back to zero after it.
    const ecs = received(world, 'UpdateService').map(c => [c.region, c.input]);
    expect(ecs).toContainEqual(['us-east-1', { cluster: 'prod-cluster', service: 'prod-api', desiredCount: expect.any(Number) }]);
    expect(ecs).toContainEqual(['us-west-2', { cluster: 'prod-cluster', service: 'prod-api', desiredCount: 0 }]);
    const asg = received(world, 'UpdateAutoScalingGroup').map(c => [c.region, c.input]);
    expect(asg.filter(([region]) => region === 'us-west-2')).toEqual(
      asg.filter(([region]) => region === 'us-west-2').map(([region, input]) => [region, { AutoScalingGroupName: (input as { AutoScalingGroupName: string }).AutoScalingGroupName, MinSize: 0, DesiredCapacity: 0 }]),
    );

    // The approval came between the caught-up replica and the promotion.
    const steps = new Map(done.steps.map(s => [s.stepId, s]));
    expect(steps.get('approve-cutover')!.approvedBy).toBe(SECOND_OWNER);
    expect(Date.parse(steps.get('promote-primary')!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(steps.get('approve-cutover')!.finishedAt!));
    expect(Date.parse(steps.get('approve-cutover')!.startedAt!)).toBeGreaterThanOrEqual(Date.parse(steps.get('wait-primary-caught-up')!.finishedAt!));
  });

  it('run twice: the second run changes nothing and says why', async () => {
    const first = await world.start('region-failback', PROD, 'failback-0001');
    expect((await runToEnd(world, first.id, first.service)).status).toBe('succeeded');
    const counts = () => ['ModifyDBInstance', 'CreateDBInstanceReadReplica', 'PromoteReadReplica', 'ChangeResourceRecordSets', 'UpdateDistribution'].map(op => received(world, op).length);
    expect(counts()).toEqual([2, 2, 1, 1, 1]);
    const stateAfterFirst = await endState(world);

    const second = await world.start('region-failback', PROD, 'failback-0002');
    const done = await runToEnd(world, second.id, second.service);
    expect(done.status).toBe('succeeded');
    expect(counts()).toEqual([2, 2, 1, 1, 1]);
    expect(await endState(world)).toEqual(stateAfterFirst);
    const steps = new Map(done.steps.map(s => [s.stepId, s]));
    // Nothing to move back for the database: no database steps at all.
    expect(steps.has('create-primary-replica')).toBe(false);
    expect(steps.get('route53-to-primary')!.output?.alreadyDone).toMatch(/^traffic is already served by the us-east-1 endpoint/);
    expect(steps.get('cloudfront-to-primary')!.output?.alreadyDone).toBe('every cache behaviour already targets primary-media-us-east-1');
  });

  it('after a partial run (Route 53 refused): the user sees why, and a second run finishes without creating or promoting again', async () => {
    await world.account.setFaults({ accessDenied: ['route53:ChangeResourceRecordSets'] });
    const first = await world.start('region-failback', PROD, 'failback-0001');
    const failed = await runToEnd(world, first.id, first.service);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^step route53-to-primary failed: .*ChangeResourceRecordSets/);
    expect((await endState(world)).trafficOn).toBe('us-west-2');

    await world.account.clearFaults();
    const second = await world.start('region-failback', PROD, 'failback-0002');
    const done = await runToEnd(world, second.id, second.service);
    expect(done.status).toBe('succeeded');
    expect(received(world, 'CreateDBInstanceReadReplica')).toHaveLength(2);
    expect(received(world, 'PromoteReadReplica')).toHaveLength(1);
    expect(received(world, 'ModifyDBInstance')).toHaveLength(2);
    const steps = new Map(done.steps.map(s => [s.stepId, s]));
    expect(steps.get('set-aside-old-primary')!.output?.alreadyDone).toBe('prod-postgres is already the replica created from prod-postgres-dr');
    expect(steps.get('create-primary-replica')!.output?.alreadyDone).toBe('already the primary: prod-postgres was created from prod-postgres-dr and promoted');
    expect(steps.get('promote-primary')!.output?.alreadyDone).toBe('prod-postgres is no longer a replica (already promoted)');
    expect((await endState(world)).trafficOn).toBe('us-east-1');
  });

  it('refuses to start while the primary region does not answer, and changes nothing', async () => {
    await world.account.setFaults({ regionsDown: ['us-east-1'] });
    await expect(world.start('region-failback', PROD, 'failback-0001')).rejects.toThrow(/us-east-1 answers/);
    expect(world.received.filter(c => !['DescribeDBInstances', 'ListResourceRecordSets', 'GetHealthCheckStatus', 'DescribeAutoScalingGroups', 'DescribeServices'].includes(c.operation))).toEqual([]);
  });
});
