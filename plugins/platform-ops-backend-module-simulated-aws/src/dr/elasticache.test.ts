import { DescribeReplicationGroupsCommandOutput } from '@aws-sdk/client-elasticache';
import { ManualClock } from '../ServiceModel';
import { ElastiCacheModel } from './elasticache/ElastiCacheModel';
import { exampleInventory, seededRandom } from './testInventory';
import {
  awsErrorOf,
  DEV_EAST,
  driver,
  PROD_EAST,
  STAGING_EAST,
} from './testUtils';

function setup() {
  const clock = new ManualClock();
  const model = new ElastiCacheModel({
    inventory: exampleInventory(),
    random: seededRandom(9),
    now: clock.now(),
  });
  const { call } = driver(model, clock);
  const group = async (id = 'prod-redis', location = PROD_EAST) =>
    (
      (await call(
        'DescribeReplicationGroups',
        { ReplicationGroupId: id },
        location,
      )) as Omit<DescribeReplicationGroupsCommandOutput, '$metadata'>
    ).ReplicationGroups![0];
  const roles = async (id = 'prod-redis', location = PROD_EAST) =>
    (await group(id, location)).NodeGroups![0].NodeGroupMembers!.map(
      m => `${m.CacheClusterId}=${m.CurrentRole}`,
    );
  return { clock, call, group, roles };
}

describe('simulated ElastiCache', () => {
  it('seeds seed-004 topologies: prod 1 primary + 2 replicas, staging 2 nodes, dev 1 without failover', async () => {
    const { group, roles } = setup();
    expect(await group()).toMatchObject({
      Status: 'available',
      CacheNodeType: 'cache.r6g.large',
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
    });
    expect(await roles()).toEqual([
      'prod-redis-001=primary',
      'prod-redis-002=replica',
      'prod-redis-003=replica',
    ]);
    expect(await roles('staging-redis', STAGING_EAST)).toHaveLength(2);
    expect(await group('dev-redis', DEV_EAST)).toMatchObject({
      AutomaticFailover: 'disabled',
      MultiAZ: 'disabled',
    });
  });

  it('TestFailover: modifying, then the roles swap after 1-2 minutes', async () => {
    const { clock, call, group, roles } = setup();
    const answer = (await call(
      'TestFailover',
      { ReplicationGroupId: 'prod-redis', NodeGroupId: '0001' },
      PROD_EAST,
    )) as {
      ReplicationGroup: { Status: string };
    };
    expect(answer.ReplicationGroup.Status).toBe('modifying');
    clock.advance(59_000);
    expect(await roles()).toEqual([
      'prod-redis-001=primary',
      'prod-redis-002=replica',
      'prod-redis-003=replica',
    ]);
    const again = await awsErrorOf(() =>
      call(
        'TestFailover',
        { ReplicationGroupId: 'prod-redis', NodeGroupId: '0001' },
        PROD_EAST,
      ),
    );
    expect(again).toMatchObject({
      name: 'TestFailoverNotAvailableFault',
      $metadata: { httpStatusCode: 400 },
    });

    clock.advance(61_000);
    expect((await group()).Status).toBe('available');
    expect(await roles()).toEqual([
      'prod-redis-001=replica',
      'prod-redis-002=primary',
      'prod-redis-003=replica',
    ]);
  });

  it('refuses TestFailover without automatic failover, and answers not-found faults', async () => {
    const { call, group } = setup();
    expect(
      await awsErrorOf(() =>
        call(
          'TestFailover',
          { ReplicationGroupId: 'dev-redis', NodeGroupId: '0001' },
          DEV_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'InvalidReplicationGroupStateFault',
      Code: 'InvalidReplicationGroupState',
    });
    expect(
      await awsErrorOf(() =>
        call(
          'TestFailover',
          { ReplicationGroupId: 'prod-redis', NodeGroupId: '0002' },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'NodeGroupNotFoundFault',
      $metadata: { httpStatusCode: 404 },
    });
    expect(
      await awsErrorOf(() =>
        call(
          'DescribeReplicationGroups',
          { ReplicationGroupId: 'prod-redis' },
          STAGING_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'ReplicationGroupNotFoundFault',
      $metadata: { httpStatusCode: 404 },
      message: 'ReplicationGroup prod-redis not found.',
    });
    expect(
      await awsErrorOf(() =>
        call('TestFailover', { ReplicationGroupId: 'prod-redis' }, PROD_EAST),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValueException',
      Code: 'InvalidParameterValue',
    });
    expect((await group()).Status).toBe('available');
  });
});
