import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockCredentials } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { awsError, mockAwsClients } from '../fleet/__testUtils__/awsFixtures';
import { NON_OWNER, startFleetBackend } from '../fleet/__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

describe('GET /resources/state', () => {
  const aws = mockAwsClients();
  const rds = mockClient(RDSClient);
  const cache = mockClient(ElastiCacheClient);
  const ecs = mockClient(ECSClient);
  let server: Awaited<ReturnType<typeof startFleetBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startFleetBackend());
  });
  beforeEach(() => {
    aws.answerDefaults();
    rds.reset();
    cache.reset();
    ecs.reset();
  });

  // Reads are open to every signed-in user (a non-owner here).
  const get = (entityRef?: string) =>
    request(server)
      .get(`/api/platform-ops/resources/state${entityRef ? `?entityRef=${encodeURIComponent(entityRef)}` : ''}`)
      .set('Authorization', mockCredentials.user.header(NON_OWNER));

  it('a database: primary and standby AZ from one DescribeDBInstances', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        { DBInstanceIdentifier: 'prod-postgres', DBInstanceStatus: 'available', AvailabilityZone: 'us-east-1b', SecondaryAvailabilityZone: 'us-east-1a', MultiAZ: true, DBInstanceClass: 'db.r6g.xlarge', Engine: 'postgres', EngineVersion: '16.3' },
      ],
    });
    const res = await get('resource:default/prod-postgres');
    expect(res.status).toBe(200);
    // A second viewer within a few seconds is served the same answer: one AWS call.
    expect((await get('resource:default/prod-postgres')).body).toEqual(res.body);
    expect(res.body).toMatchObject({
      entityRef: 'resource:default/prod-postgres',
      kind: 'database',
      found: true,
      awsName: 'prod-postgres',
      facts: [
        { label: 'status', value: 'available' },
        { label: 'primary AZ', value: 'us-east-1b' },
        { label: 'standby AZ', value: 'us-east-1a' },
        { label: 'instance class', value: 'db.r6g.xlarge' },
        { label: 'engine', value: 'postgres 16.3' },
      ],
    });
    expect(rds).toHaveReceivedCommandTimes(DescribeDBInstancesCommand, 1);
    expect(rds).toHaveReceivedCommandWith(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'prod-postgres' });
  });

  it('a cache: the primary node and its AZ from DescribeReplicationGroups', async () => {
    cache.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [
        {
          ReplicationGroupId: 'prod-redis',
          Status: 'available',
          AutomaticFailover: 'enabled',
          MultiAZ: 'enabled',
          NodeGroups: [
            {
              NodeGroupMembers: [
                { CacheClusterId: 'prod-redis-001', CurrentRole: 'replica', PreferredAvailabilityZone: 'us-east-1a' },
                { CacheClusterId: 'prod-redis-002', CurrentRole: 'primary', PreferredAvailabilityZone: 'us-east-1b' },
              ],
            },
          ],
        },
      ],
    });
    const res = await get('resource:default/prod-redis');
    expect(res.body.facts).toEqual([
      { label: 'status', value: 'available' },
      { label: 'primary node', value: 'prod-redis-002 (us-east-1b)' },
      { label: 'replicas', value: '1' },
      { label: 'automatic failover', value: 'enabled' },
      { label: 'Multi-AZ', value: 'enabled' },
    ]);
    expect(cache).toHaveReceivedCommandWith(DescribeReplicationGroupsCommand, { ReplicationGroupId: 'prod-redis' });
  });

  it('an ECS component: tasks, task definition and rollout from DescribeServices', async () => {
    ecs.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceName: 'prod-api',
          status: 'ACTIVE',
          runningCount: 3,
          desiredCount: 3,
          pendingCount: 0,
          taskDefinition: 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:41',
          deployments: [{ status: 'PRIMARY', rolloutState: 'COMPLETED' }],
        },
      ],
      failures: [],
    });
    const res = await get('component:default/video-api');
    expect(res.body).toMatchObject({ kind: 'ecs-service', found: true, awsName: 'prod-cluster/prod-api' });
    expect(res.body.facts).toEqual([
      { label: 'status', value: 'ACTIVE' },
      { label: 'tasks', value: '3 running of 3 desired (0 pending)' },
      { label: 'task definition', value: 'video-api:41' },
      { label: 'deployments', value: '1' },
      { label: 'rollout', value: 'COMPLETED' },
    ]);
    expect(ecs).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: 'prod-cluster', services: ['prod-api'] });
  });

  // Each test below reads entities no earlier test read: answers are shared for a few seconds.
  it('a resource AWS does not have is found: false (Terraform not applied), not an error', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(awsError('DBInstanceNotFoundFault', 404, 'DBInstance dev-postgres not found.'));
    const res = await get('resource:default/dev-postgres');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ found: false, facts: [], awsName: 'dev-postgres' });
    ecs.on(DescribeServicesCommand).resolves({ services: [], failures: [{ reason: 'MISSING' }] });
    expect((await get('component:default/gpu-worker')).body).toMatchObject({ found: false });
    expect(ecs).toHaveReceivedCommandWith(DescribeServicesCommand, { cluster: 'prod-cluster', services: ['prod-worker'] });
  });

  it('maps AWS refusals: AccessDenied 403, throttling 503; bad input 400 and a fleet 404 call nothing', async () => {
    // Failures are not shared: the next read asks AWS again.
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 403, 'not authorized to perform: rds:DescribeDBInstances'));
    expect((await get('resource:default/staging-postgres')).status).toBe(403);
    rds.on(DescribeDBInstancesCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
    expect((await get('resource:default/staging-postgres')).status).toBe(503);
    rds.reset();
    expect((await get()).status).toBe(400);
    const fleet = await get('resource:default/prod-gpu-fleet');
    expect(fleet.status).toBe(404);
    expect(fleet.body.error.message).toContain('its state is on its own card');
    expect(rds).toHaveReceivedCommandTimes(DescribeDBInstancesCommand, 0);
  });
});
