import { drFleetCapacity } from '../../fleet/drCapacity';
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudFrontClient,
  GetDistributionCommand,
  GetDistributionConfigCommand,
  UpdateDistributionCommand,
} from '@aws-sdk/client-cloudfront';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeServicesCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  TestFailoverCommand,
} from '@aws-sdk/client-elasticache';
import {
  DescribeDBInstancesCommand,
  PromoteReadReplicaCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Request } from 'express';
import { Knex } from 'knex';
import { AwsGateway, AwsServiceName } from '../../aws/types';
import {
  OWNER,
  SECOND_OWNER,
  TestClock,
  makeService,
  migrated,
  realGateway,
  userCredentials,
} from '../__testUtils__/harness';
import { assertValidGraph } from '../engine/plan';
import { RUNBOOKS } from '.';
import { runRunbook as runToEnd } from '../__testUtils__/runRunbook';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const rds = mockClient(RDSClient);
const cloudWatch = mockClient(CloudWatchClient);
const route53 = mockClient(Route53Client);
const ecs = mockClient(ECSClient);
const elastiCache = mockClient(ElastiCacheClient);
const sqs = mockClient(SQSClient);
const autoScaling = mockClient(AutoScalingClient);
const cloudFront = mockClient(CloudFrontClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const allMocks = [rds, cloudWatch, route53, ecs, elastiCache, sqs, autoScaling, cloudFront, tagging];

const awsError = (name: string, status: number, message: string) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });

/** The real gateway, recording where each call went (region and service). */
function recordingGateway() {
  const real = realGateway();
  const calls: Array<{ service: AwsServiceName; operation: string; region: string }> = [];
  const gateway: AwsGateway = {
    mode: real.mode,
    preview: real.preview.bind(real),
    ledger: real.ledger.bind(real),
    send: ((location: AwsLocation, service: AwsServiceName, command: { constructor: { name: string } }) => {
      calls.push({ service, operation: command.constructor.name.replace(/Command$/, ''), region: location.region });
      return real.send(location, service, command as never);
    }) as AwsGateway['send'],
  };
  return { gateway, calls };
}

let knex: Knex;
beforeEach(async () => {
  knex = await migrated(await databases.init('SQLITE_3'));
  for (const m of allMocks) m.reset();
});

/** Runs a runbook to its end on this test's database (see __testUtils__/runRunbook.ts). */
const runRunbook = (options: Omit<Parameters<typeof runToEnd>[0], 'knex'>) => runToEnd({ knex, ...options });

describe('runbook definitions', () => {
  it('every definition is a valid graph for every entity it applies to', async () => {
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const refs = ['prod', 'prod-postgres', 'prod-redis', 'prod-jobs-queue', 'staging-postgres'].map(n => `resource:default/${n}`);
    refs.push('component:default/video-api');
    for (const ref of refs) {
      const target = await service.resolveTarget(ref);
      for (const d of RUNBOOKS.values()) {
        if (!d.appliesTo(target)) continue;
        const resolved = d.id === 'route53-failover' ? { changeBatch: { Changes: [] } } : { previous: 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:4', ecsDesired: {}, fleetDesired: {}, changeBatch: null, drBucket: 'b' };
        expect(() => assertValidGraph(d.steps(target, resolved, { mode: 'live' }))).not.toThrow();
      }
    }
  });

  it('promote-read-replica (live): waits for a second person, then promotes in us-west-2 exactly once', async () => {
    let promoted = false;
    rds.on(DescribeDBInstancesCommand).callsFake(() => ({
      DBInstances: [{ DBInstanceIdentifier: 'prod-postgres-dr', DBInstanceStatus: 'available', ...(promoted ? {} : { ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres' }) }],
    }));
    rds.on(PromoteReadReplicaCommand).callsFake(() => {
      promoted = true;
      return { DBInstance: { DBInstanceStatus: 'modifying' } };
    });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [30], Timestamps: [new Date()] }] });
    const { gateway, calls } = recordingGateway();
    let approvedAt = -1;
    let promotionsBeforeApproval = -1;
    let ticks = 0;
    const { execution, view } = await runRunbook({
      runbookId: 'promote-read-replica',
      entityRef: 'resource:default/prod-postgres',
      mode: 'live',
      confirm: 'prod',
      gateway,
      between: async id => {
        ticks++;
        if (ticks === 3) {
          promotionsBeforeApproval = rds.commandCalls(PromoteReadReplicaCommand).length;
          const { service } = makeService({ knex, gateway, clock: new TestClock() });
          await service.approve({ executionId: id, stepId: 'approve', envelope: { reason: 'lag 30 s, ok', dryRun: false }, credentials: userCredentials(SECOND_OWNER), auditOrigin: {} as Request });
          approvedAt = ticks;
        }
      },
    });
    expect(approvedAt).toBe(3);
    // Nothing was promoted while waiting for the approval.
    expect(promotionsBeforeApproval).toBe(0);
    expect(execution.status).toBe('succeeded');
    expect(rds).toHaveReceivedCommandTimes(PromoteReadReplicaCommand, 1);
    expect(rds).toHaveReceivedCommandWith(PromoteReadReplicaCommand, { DBInstanceIdentifier: 'prod-postgres-dr' });
    expect(calls.filter(c => c.service === 'rds').every(c => c.region === 'us-west-2')).toBe(true);
    expect(view.steps.find(s => s.stepId === 'approve')!.approvedBy).toBe(SECOND_OWNER);
  });

  it('promotion preflight reads ReplicaLag in the DR region and blocks when it is above the RPO', async () => {
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'prod-postgres-dr', DBInstanceStatus: 'available', ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres' }],
    });
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [1200, 30], Timestamps: [new Date(), new Date()] }] });
    const clock = new TestClock();
    const { service } = makeService({ knex, gateway: realGateway(), clock });
    const preview = await service.preview('promote-read-replica', 'resource:default/prod-postgres', 'live');
    expect(preview.preflight.find(c => c.id === 'replica-lag')).toEqual({
      id: 'replica-lag',
      title: 'Replica lag below the RPO (15 min)',
      status: 'fail',
      detail: 'ReplicaLag 1200 s (RPO 900 s)',
    });
    expect(cloudWatch).toHaveReceivedCommandWith(GetMetricDataCommand, {
      MetricDataQueries: [
        {
          Id: 'lag',
          MetricStat: {
            Metric: { Namespace: 'AWS/RDS', MetricName: 'ReplicaLag', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'prod-postgres-dr' }] },
            Period: 60,
            Stat: 'Maximum',
          },
        },
      ],
      StartTime: new Date(clock.now().getTime() - 600_000),
      EndTime: clock.now(),
      ScanBy: 'TimestampDescending',
    });
  });

  it('route53-failover: points PRIMARY at the DR endpoint (with its health check) in one UPSERT batch, waits for INSYNC', async () => {
    const primary = { Name: 'api.video.example.com.', Type: 'A' as const, SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY' as const, HealthCheckId: 'hc-use1', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.prod-alb-1234.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: true } };
    const secondary = { Name: 'api.video.example.com.', Type: 'A' as const, SetIdentifier: 'secondary-us-west-2', Failover: 'SECONDARY' as const, HealthCheckId: 'hc-usw2', AliasTarget: { HostedZoneId: 'Z1H1FL5HABSF5', DNSName: 'dualstack.prod-alb-5678.us-west-2.elb.amazonaws.com.', EvaluateTargetHealth: true } };
    route53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [primary, secondary], IsTruncated: false, MaxItems: 10 });
    route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: [{ StatusReport: { Status: 'Success: HTTP Status Code 200' } }] });
    route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C123', Status: 'PENDING', SubmittedAt: new Date() } });
    route53.on(GetChangeCommand).resolvesOnce({ ChangeInfo: { Id: '/change/C123', Status: 'PENDING', SubmittedAt: new Date() } }).resolves({ ChangeInfo: { Id: '/change/C123', Status: 'INSYNC', SubmittedAt: new Date() } });

    const { execution } = await runRunbook({ runbookId: 'route53-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod' });

    expect(execution.status).toBe('succeeded');
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
    expect(route53).toHaveReceivedCommandWith(ChangeResourceRecordSetsCommand, {
      HostedZoneId: 'Z0PLATFORMPROD',
      ChangeBatch: {
        Comment: 'platform-ops route53-failover prod',
        Changes: [
          { Action: 'UPSERT', ResourceRecordSet: { Name: primary.Name, Type: 'A', SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY', AliasTarget: secondary.AliasTarget, HealthCheckId: 'hc-usw2' } },
          { Action: 'UPSERT', ResourceRecordSet: { Name: primary.Name, Type: 'A', SetIdentifier: 'secondary-us-west-2', Failover: 'SECONDARY', AliasTarget: primary.AliasTarget, HealthCheckId: 'hc-use1' } },
        ],
      },
    });
    expect(route53).toHaveReceivedCommandWith(GetChangeCommand, { Id: '/change/C123' });
    expect(execution.plan[0].calls[0]).toMatchObject({ region: 'us-east-1', plane: 'control', note: "Route 53's control plane (the API that changes records) is in us-east-1" });
    expect(execution.plan[0].alternative).toContain('health check');
  });

  it('ecs-rollback: UpdateService to the previous revision with a forced deployment, then /health and /health/detailed', async () => {
    let current = 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:5';
    ecs.on(DescribeServicesCommand).callsFake(() => ({ services: [{ serviceName: 'video-api', taskDefinition: current, runningCount: 2, desiredCount: 2, deployments: [{ status: 'PRIMARY' }] }] }));
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [5, 4, 3].map(r => `arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:${r}`) });
    ecs.on(UpdateServiceCommand).callsFake(input => {
      current = input.taskDefinition;
      return { service: { taskDefinition: current } };
    });
    const { execution, view } = await runRunbook({ runbookId: 'ecs-rollback', entityRef: 'component:default/video-api', mode: 'live', confirm: 'prod' });

    expect(execution.status).toBe('succeeded');
    expect(ecs).toHaveReceivedCommandWith(ListTaskDefinitionsCommand, { familyPrefix: 'video-api', status: 'ACTIVE', maxResults: 100 });
    expect(ecs).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
    expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, {
      cluster: 'prod-cluster',
      service: 'prod-api',
      taskDefinition: 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:4',
      forceNewDeployment: true,
    });
    expect(view.steps.find(s => s.stepId === 'health')!.output).toEqual({
      detail: 'https://api.video.example.com/health healthy; https://api.video.example.com/health/detailed healthy',
    });
  });

  it('ecs-rollback with a single revision: preflight fails and nothing is started', async () => {
    ecs.on(DescribeServicesCommand).resolves({ services: [{ taskDefinition: 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:1' }] });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: ['arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:1'] });
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const preview = await service.preview('ecs-rollback', 'component:default/video-api', 'live');
    expect(preview.preflight[0]).toMatchObject({ status: 'fail', detail: 'no ACTIVE revision of the family is lower than the running arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:1' });
    expect(preview.plan).toEqual([]);
    await expect(
      service.start({ runbookId: 'ecs-rollback', entityRef: 'component:default/video-api', mode: 'live', confirm: 'prod', envelope: { reason: 'bad deploy', dryRun: false }, credentials: userCredentials(OWNER), auditOrigin: {} as Request }),
    ).rejects.toThrow('Preflight failed, nothing was started');
    expect(ecs).not.toHaveReceivedCommand(UpdateServiceCommand);
  });

  it('elasticache-failover: TestFailover on node group 0001, once, then waits for a new primary', async () => {
    let primary = 'prod-redis-001';
    let failedOver = false;
    elastiCache.on(DescribeReplicationGroupsCommand).callsFake(() => ({
      ReplicationGroups: [{ ReplicationGroupId: 'prod-redis', Status: 'available', AutomaticFailover: 'enabled', NodeGroups: [{ NodeGroupId: '0001', NodeGroupMembers: [{ CacheClusterId: 'prod-redis-001', CurrentRole: primary === 'prod-redis-001' ? 'primary' : 'replica' }, { CacheClusterId: 'prod-redis-002', CurrentRole: primary === 'prod-redis-002' ? 'primary' : 'replica' }] }] }],
    }));
    elastiCache.on(TestFailoverCommand).callsFake(() => {
      failedOver = true;
      primary = 'prod-redis-002';
      return { ReplicationGroup: { Status: 'modifying' } };
    });
    const { execution } = await runRunbook({ runbookId: 'elasticache-failover', entityRef: 'resource:default/prod-redis', mode: 'live', confirm: 'prod' });
    expect(failedOver).toBe(true);
    expect(execution.status).toBe('succeeded');
    expect(elastiCache).toHaveReceivedCommandTimes(TestFailoverCommand, 1);
    expect(elastiCache).toHaveReceivedCommandWith(TestFailoverCommand, { ReplicationGroupId: 'prod-redis', NodeGroupId: '0001' });
  });

  it('elasticache-failover when AWS says no (InvalidReplicationGroupState): the execution fails with AWS\'s reason', async () => {
    elastiCache.on(DescribeReplicationGroupsCommand).resolves({
      ReplicationGroups: [{ ReplicationGroupId: 'prod-redis', Status: 'available', AutomaticFailover: 'enabled', NodeGroups: [{ NodeGroupMembers: [{ CacheClusterId: 'a', CurrentRole: 'primary' }, { CacheClusterId: 'b', CurrentRole: 'replica' }] }] }],
    });
    elastiCache.on(TestFailoverCommand).rejects(awsError('InvalidReplicationGroupState', 400, 'Replication group prod-redis is not in available state'));
    const { execution, view } = await runRunbook({ runbookId: 'elasticache-failover', entityRef: 'resource:default/prod-redis', mode: 'live', confirm: 'prod' });
    expect(execution.status).toBe('failed');
    expect(execution.error).toContain('step test-failover failed');
    expect(execution.error).toContain('not in available state');
    expect(view.steps.map(s => s.status)).toEqual(['failed', 'cancelled']);
  });

  it('dlq-redrive: StartMessageMoveTask from the DLQ to its queue, once, then waits until COMPLETED', async () => {
    // The move task runs for two polls after it starts, then completes.
    let listsSinceStart: number | undefined;
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '12' } });
    sqs.on(ListMessageMoveTasksCommand).callsFake(() => {
      if (listsSinceStart === undefined) return { Results: [] };
      listsSinceStart++;
      const status = listsSinceStart > 2 ? 'COMPLETED' : 'RUNNING';
      return { Results: [{ Status: status, ApproximateNumberOfMessagesMoved: status === 'COMPLETED' ? 12 : 3 }] };
    });
    sqs.on(StartMessageMoveTaskCommand).callsFake(() => {
      listsSinceStart = 0;
      return { TaskHandle: 'h1' };
    });
    const { execution } = await runRunbook({ runbookId: 'dlq-redrive', entityRef: 'resource:default/prod-jobs-queue', mode: 'live', confirm: 'prod' });
    expect(execution.status).toBe('succeeded');
    expect(sqs).toHaveReceivedCommandTimes(StartMessageMoveTaskCommand, 1);
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      SourceArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq',
      DestinationArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs',
    });
  });

  it('dlq-redrive does not start a second move task while one from the same DLQ is running', async () => {
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: { ApproximateNumberOfMessages: '12' } });
    sqs.on(ListMessageMoveTasksCommand).resolvesOnce({ Results: [{ Status: 'RUNNING' }] }).resolves({ Results: [{ Status: 'COMPLETED' }] });
    const { execution, view } = await runRunbook({ runbookId: 'dlq-redrive', entityRef: 'resource:default/prod-jobs-queue', mode: 'live', confirm: 'prod' });
    expect(execution.status).toBe('succeeded');
    expect(sqs).not.toHaveReceivedCommand(StartMessageMoveTaskCommand);
    expect(view.steps[0].output).toEqual({ alreadyDone: 'a move task from this DLQ is already running' });
  });

  it('rds failover of an Aurora cluster is FailoverDBCluster, guarded by a state check', async () => {
    const clock = new TestClock();
    const { service } = makeService({ knex, gateway: realGateway(), clock });
    const target = await service.resolveTarget('resource:default/prod-postgres');
    const aurora = { ...target, resource: { ...target.resource!, dbInstanceId: undefined, dbClusterId: 'prod-aurora' } };
    const steps = RUNBOOKS.get('rds-multi-az-failover')!.steps(aurora, {}, { mode: 'live' });
    const failover = steps[0];
    if (failover.kind !== 'aws-action') throw new Error('expected an aws-action');
    expect(failover.calls.map(c => [c.command.constructor.name, c.command.input])).toEqual([
      ['FailoverDBClusterCommand', { DBClusterIdentifier: 'prod-aurora' }],
    ]);
    expect(failover.alreadyDone).toBeDefined();
  });

  describe('region-failover', () => {
    const replicaArn = 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres';
    function drRegionUp(options: { primaryDown: boolean; route53Down?: boolean; primaryGpuDesired?: number }) {
      let promoted = false;
      const primaryDown = (region: string) => options.primaryDown && region === 'us-east-1';
      const down = awsError('ServiceUnavailable', 503, 'us-east-1 is not answering');
      rds.on(DescribeDBInstancesCommand).callsFake(() => ({ DBInstances: [{ DBInstanceIdentifier: 'prod-postgres-dr', DBInstanceStatus: 'available', ...(promoted ? {} : { ReadReplicaSourceDBInstanceIdentifier: replicaArn }) }] }));
      rds.on(PromoteReadReplicaCommand).callsFake(() => {
        promoted = true;
        return {};
      });
      cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [60], Timestamps: [new Date()] }] });
      const ecsRunning = new Map<string, number>();
      ecs.on(DescribeServicesCommand).callsFake(async (input, getClient) => {
        if (primaryDown(await getClient().config.region())) throw down;
        const name = input.services[0];
        return { services: [{ serviceName: name, desiredCount: 3, runningCount: ecsRunning.get(name) ?? 0 }] };
      });
      ecs.on(UpdateServiceCommand).callsFake(input => {
        ecsRunning.set(input.service, input.desiredCount);
        return {};
      });
      let gpuDesired = 0;
      autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake(async (_input, getClient) => {
        if (primaryDown(await getClient().config.region())) throw down;
        return { AutoScalingGroups: [{ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: options.primaryGpuDesired ?? 4, Instances: Array.from({ length: gpuDesired }, (_, i) => ({ InstanceId: `i-${i}`, LifecycleState: 'InService' })) }] };
      });
      autoScaling.on(UpdateAutoScalingGroupCommand).callsFake(input => {
        gpuDesired = input.DesiredCapacity;
        return {};
      });
      const primary = { Name: 'api.video.example.com.', Type: 'A' as const, SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY' as const, HealthCheckId: 'hc-use1', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: 'dualstack.prod-alb-1234.us-east-1.elb.amazonaws.com.', EvaluateTargetHealth: true } };
      const secondary = { Name: 'api.video.example.com.', Type: 'A' as const, SetIdentifier: 'secondary-us-west-2', Failover: 'SECONDARY' as const, HealthCheckId: 'hc-usw2', AliasTarget: { HostedZoneId: 'Z1H1FL5HABSF5', DNSName: 'dualstack.prod-alb-5678.us-west-2.elb.amazonaws.com.', EvaluateTargetHealth: true } };
      if (options.route53Down) {
        route53.on(ListResourceRecordSetsCommand).rejects(down);
      } else {
        route53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [primary, secondary], IsTruncated: false, MaxItems: 10 });
        route53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: [{ StatusReport: { Status: 'Success: HTTP Status Code 200' } }] });
        route53.on(ChangeResourceRecordSetsCommand).resolves({ ChangeInfo: { Id: '/change/C9', Status: 'PENDING', SubmittedAt: new Date() } });
        route53.on(GetChangeCommand).resolves({ ChangeInfo: { Id: '/change/C9', Status: 'INSYNC', SubmittedAt: new Date() } });
      }
      // The catalog names the distribution by its tags (CloudFront assigns the id at apply).
      tagging.on(GetResourcesCommand).callsFake(async () => {
        if (options.primaryDown) throw down;
        return { ResourceTagMappingList: [{ ResourceARN: 'arn:aws:cloudfront::410987654321:distribution/E2PRODVIDEOCDN' }], PaginationToken: '' };
      });
      cloudFront.on(GetDistributionConfigCommand).resolves({
        ETag: 'E1',
        DistributionConfig: { CallerReference: 'x', Comment: '', Enabled: true, DefaultCacheBehavior: { TargetOriginId: 'media', ViewerProtocolPolicy: 'redirect-to-https' }, Origins: { Quantity: 1, Items: [{ Id: 'media', DomainName: 'prod-assets-410987654321.s3.us-east-1.amazonaws.com' }] } },
      });
      cloudFront.on(UpdateDistributionCommand).resolves({ ETag: 'E2', Distribution: { Status: 'InProgress' } as never });
      cloudFront.on(GetDistributionCommand).resolvesOnce({ Distribution: { Status: 'InProgress' } as never }).resolves({ Distribution: { Status: 'Deployed' } as never });
    }

    it('caps the DR GPU capacity at the environment guardrail instead of copying the primary blindly', async () => {
      drRegionUp({ primaryDown: false, primaryGpuDesired: 60 });
      const { execution } = await runRunbook({ runbookId: 'region-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod' });
      expect(execution.status).toBe('succeeded');
      const capped = drFleetCapacity({ name: 'prod', tier: 'prod' }, 60).desired;
      expect(capped).toBeLessThan(60);
      expect(capped).toBeGreaterThan(0);
      const drScale = autoScaling.commandCalls(UpdateAutoScalingGroupCommand).map(c => c.args[0].input);
      expect(drScale).toEqual([expect.objectContaining({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: capped })]);
    });

    it('brings up the DR region in parallel and calls only us-west-2 or the global control planes', async () => {
      drRegionUp({ primaryDown: false });
      const { gateway, calls } = recordingGateway();
      const { execution } = await runRunbook({ runbookId: 'region-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod', gateway });
      expect(execution.status).toBe('succeeded');

      // After the start (preflight/resolve read the primary when it answers), steps touch
      // us-west-2, and Route 53 / CloudFront through their us-east-1 control plane only.
      const started = calls.findIndex(c => c.operation === 'PromoteReadReplica');
      const stepCalls = calls.slice(started);
      const expectedRegion = (service: string) =>
        service === 'route53' || service === 'cloudFront' || service === 'resourceGroupsTagging' ? 'us-east-1' : 'us-west-2';
      expect(stepCalls.map(c => ({ service: c.service, operation: c.operation, region: c.region }))).toEqual(
        stepCalls.map(c => ({ service: c.service, operation: c.operation, region: expectedRegion(c.service) })),
      );
      expect(rds).toHaveReceivedCommandWith(PromoteReadReplicaCommand, { DBInstanceIdentifier: 'prod-postgres-dr' });
      expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'prod-cluster', service: 'prod-api', desiredCount: 3 });
      expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'prod-cluster', service: 'prod-worker', desiredCount: 3 });
      expect(autoScaling).toHaveReceivedCommandWith(UpdateAutoScalingGroupCommand, { AutoScalingGroupName: 'prod-gpu-workers', MinSize: 4, DesiredCapacity: 4 });
      expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
      expect(route53).toHaveReceivedCommandWith(GetChangeCommand, { Id: '/change/C9' });
      // The distribution is found by the tags the catalog declares, in us-east-1 (where the
      // Tagging API lists CloudFront), then moved by its id.
      expect(tagging).toHaveReceivedCommandWith(GetResourcesCommand, {
        ResourceTypeFilters: ['cloudfront:distribution'],
        TagFilters: [
          { Key: 'platform-ops:environment', Values: ['prod'] },
          { Key: 'platform-ops:role', Values: ['cdn'] },
        ],
      });
      expect(calls.filter(c => c.service === 'resourceGroupsTagging').map(c => c.region)).toEqual(['us-east-1']);
      expect(cloudFront).toHaveReceivedCommandWith(GetDistributionConfigCommand, { Id: 'E2PRODVIDEOCDN' });
      expect(cloudFront).toHaveReceivedCommandWith(GetDistributionCommand, { Id: 'E2PRODVIDEOCDN' });
      expect(cloudFront).toHaveReceivedCommandWith(UpdateDistributionCommand, {
        Id: 'E2PRODVIDEOCDN',
        IfMatch: 'E1',
        DistributionConfig: expect.objectContaining({ Origins: { Quantity: 1, Items: [{ Id: 'media', DomainName: 'prod-assets-410987654321-usw2.s3.us-west-2.amazonaws.com' }] } }),
      });
      // The graph: promotion, ECS, GPU and CloudFront all start right after "declare".
      const steps = new Map(execution.plan.map(s => [s.stepId, s.dependsOn]));
      for (const id of ['promote-replica', 'scale-video-api', 'scale-prod-gpu-fleet', 'cloudfront-to-dr']) {
        expect(steps.get(id)).toEqual(['declare']);
      }
      expect(steps.get('route53-to-dr')).toEqual(['wait-database', 'wait-gpu-worker', 'wait-video-api']);
      expect(steps.get('route53-insync')).toEqual(['route53-to-dr']);
      expect(steps.get('verify-video-api')).toEqual(['wait-prod-gpu-fleet', 'route53-insync', 'cloudfront-deployed']);
    });

    it('AWS refusing the promotion (AccessDenied) fails the run, stops the parallel branches and never moves traffic', async () => {
      drRegionUp({ primaryDown: false });
      rds.on(PromoteReadReplicaCommand).rejects(
        awsError('AccessDenied', 403, 'User: arn:aws:sts::410987654321:assumed-role/backstage is not authorized to perform: rds:PromoteReadReplica'),
      );
      const { execution, view } = await runRunbook({ runbookId: 'region-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod' });
      expect(execution.status).toBe('failed');
      expect(execution.error).toMatch(/^step promote-replica failed: .*PromoteReadReplica/);
      expect(view.steps.filter(s => ['pending', 'running', 'waiting-approval'].includes(s.status))).toEqual([]);
      expect(view.steps.find(s => s.stepId === 'route53-to-dr')!.status).toBe('cancelled');
      expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
    });

    it('skips GPU capacity (with a preflight warning) when the fleet has no Auto Scaling group in the DR region', async () => {
      drRegionUp({ primaryDown: false });
      autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake(async (_input, getClient) =>
        (await getClient().config.region()) === 'us-west-2'
          ? { AutoScalingGroups: [] }
          : { AutoScalingGroups: [{ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 4 }] },
      );
      const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
      const preview = await service.preview('region-failover', 'resource:default/prod', 'live');
      expect(preview.preflight.find(c => c.id === 'dr-asg-prod-gpu-fleet')).toMatchObject({ status: 'warn' });
      expect(preview.plan.map(s => s.stepId)).not.toContain('scale-prod-gpu-fleet');
      expect(preview.plan.find(s => s.stepId === 'verify-video-api')!.dependsOn).toEqual(['route53-insync', 'cloudfront-deployed']);
    });

    it('a preview looks the distribution up by its tags once: its preflight and its plan share the answer', async () => {
      drRegionUp({ primaryDown: false });
      const { gateway, calls } = recordingGateway();
      const { service } = makeService({ knex, gateway, clock: new TestClock() });
      const preview = await service.preview('region-failover', 'resource:default/prod', 'live');
      // One tag:GetResources, to us-east-1 (where the Tagging API lists CloudFront), with the catalog's tags.
      expect(tagging.commandCalls(GetResourcesCommand).map(c => c.args[0].input)).toEqual([
        {
          ResourceTypeFilters: ['cloudfront:distribution'],
          TagFilters: [
            { Key: 'platform-ops:environment', Values: ['prod'] },
            { Key: 'platform-ops:role', Values: ['cdn'] },
          ],
        },
      ]);
      expect(calls.filter(c => c.operation === 'GetResources').map(c => c.region)).toEqual(['us-east-1']);
      expect(preview.preflight.find(c => c.id === 'cloudfront')).toMatchObject({
        status: 'pass',
        detail: 'E2PRODVIDEOCDN, found by its tags platform-ops:environment=prod, platform-ops:role=cdn',
      });
      expect(preview.plan.find(s => s.stepId === 'cloudfront-to-dr')!.title).toBe('CloudFront E2PRODVIDEOCDN: origin to prod-assets-410987654321-usw2');
      // The next preview asks AWS again: the distribution may have been replaced since.
      await service.preview('region-failover', 'resource:default/prod', 'live');
      expect(tagging).toHaveReceivedCommandTimes(GetResourcesCommand, 2);
    });

    it('completes with us-east-1 down, Route 53 control plane included: falls back to the data plane and says so', async () => {
      drRegionUp({ primaryDown: true, route53Down: true });
      cloudFront.on(GetDistributionConfigCommand).rejects(awsError('ServiceUnavailable', 503, 'CloudFront API unavailable'));
      const { gateway, calls } = recordingGateway();
      const { execution, view } = await runRunbook({ runbookId: 'region-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod', gateway });

      expect(execution.status).toBe('succeeded');
      // Primary down at start: the DR capacity defaults to 2 (the primary could not be read).
      expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'prod-cluster', service: 'prod-api', desiredCount: 2 });
      expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
      expect(view.steps.find(s => s.stepId === 'route53-to-dr')).toMatchObject({ kind: 'note', status: 'succeeded' });
      // us-east-1 down: the Tagging API that lists CloudFront does not answer either, so the
      // distribution is not found and its origin group is relied on, saying why.
      const cloudFrontStep = view.steps.find(s => s.stepId === 'cloudfront-to-dr')!;
      expect(cloudFrontStep).toMatchObject({ kind: 'note', status: 'succeeded' });
      expect(view.plan.find(s => s.stepId === 'cloudfront-to-dr')!.detail).toBe(
        "The distribution could not be found: could not look up the distribution tagged platform-ops:environment=prod, platform-ops:role=cdn (AWS answered ResourceGroupsTaggingAPI.GetResources in 410987654321/us-east-1 with ServiceUnavailable (HTTP 503): us-east-1 is not answering). Its origin group sends requests to the DR bucket when the primary origin fails.",
      );
      expect(view.steps.find(s => s.stepId === 'cloudfront-deployed')).toBeUndefined();
      expect(cloudFront).not.toHaveReceivedCommand(GetDistributionConfigCommand);
      const regional = calls.filter(c => !['route53', 'cloudFront'].includes(c.service) && c.region === 'us-east-1');
      expect(regional.every(c => ['DescribeServices', 'DescribeAutoScalingGroups', 'GetResources'].includes(c.operation))).toBe(true);
    });

    it("falls back to the origin group when CloudFront's control plane does not answer, and says so", async () => {
      drRegionUp({ primaryDown: false });
      cloudFront.on(GetDistributionConfigCommand).rejects(awsError('ServiceUnavailable', 503, 'CloudFront API unavailable'));
      const { execution, view } = await runRunbook({ runbookId: 'region-failover', entityRef: 'resource:default/prod', mode: 'live', confirm: 'prod' });

      expect(execution.status).toBe('succeeded');
      expect(cloudFront).toHaveReceivedCommandWith(GetDistributionConfigCommand, { Id: 'E2PRODVIDEOCDN' });
      expect(view.steps.find(s => s.stepId === 'cloudfront-to-dr')!.output).toEqual({ fallback: 'an origin group with the DR bucket as secondary origin fails over at the edge' });
      expect(view.steps.find(s => s.stepId === 'cloudfront-deployed')!.output).toEqual({ detail: 'nothing to wait for' });
      expect(cloudFront).not.toHaveReceivedCommand(GetDistributionCommand);
      expect(view.logs.map(l => l.message)).toContainEqual(expect.stringContaining('Control plane unavailable'));
    });
  });
});
