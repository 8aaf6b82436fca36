import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { buildInventory, createTestGateway, exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import { drServiceModels } from './drModels';
import { ManualClock } from './ServiceModel';
import { SimulatedAccount } from './SimulatedAccount';
import { MINUTE, PROD, STAGING, errorOf, testAccount } from './testUtils/testAccount';

const PROD_URL = 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs';

function throughGateway() {
  const t = testAccount();
  // Few retries and no back-off wait worth speaking of: the throttling test stays fast.
  const { gateway } = createTestGateway({ platformOps: { aws: { mode: 'simulated', retry: { maxAttempts: 2 } } } }, t.account);
  return { ...t, gateway };
}

describe('the simulated account behind the real SDK clients (gateway in simulated mode)', () => {
  it('answers real commands with outputs the SDK types describe', async () => {
    const { gateway, clock } = throughGateway();
    const groups = await gateway.send(PROD, 'autoScaling', new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['prod-gpu-workers'] }));
    expect(groups.AutoScalingGroups?.[0]).toMatchObject({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 4 });
    expect(groups.AutoScalingGroups?.[0].CreatedTime).toBeInstanceOf(Date);

    await gateway.send(STAGING, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }));
    clock.advance(3 * MINUTE);
    const staging = await gateway.send(STAGING, 'autoScaling', new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['staging-gpu-workers'] }));
    expect(staging.AutoScalingGroups?.[0].Instances?.filter(i => i.LifecycleState === 'InService')).toHaveLength(3);

    const queue = await gateway.send(PROD, 'sqs', new GetQueueAttributesCommand({ QueueUrl: PROD_URL, AttributeNames: ['ApproximateNumberOfMessages', 'QueueArn'] }));
    expect(queue.Attributes?.QueueArn).toBe('arn:aws:sqs:us-east-1:410987654321:prod-video-jobs');

    const metrics = await gateway.send(PROD, 'cloudWatch', new GetMetricDataCommand({
      StartTime: new Date(clock.now().getTime() - 30 * MINUTE),
      EndTime: clock.now(),
      MetricDataQueries: [{ Id: 'inservice', MetricStat: { Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupInServiceInstances', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'prod-gpu-workers' }] }, Period: 300, Stat: 'Average' } }],
    }));
    expect(metrics.MetricDataResults?.[0].Values?.length).toBeGreaterThan(0);

    const costs = await gateway.send(PROD, 'costExplorer', new GetCostAndUsageCommand({
      TimePeriod: { Start: '2026-11-20', End: '2026-11-21' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'],
    }));
    expect(Number(costs.ResultsByTime?.[0].Total?.UnblendedCost?.Amount)).toBeGreaterThan(0);
  });

  it("maps the simulated account's AWS errors like AWS's: ValidationError -> 400 with AWS's message", async () => {
    const { gateway } = throughGateway();
    const error = await errorOf(gateway.send(PROD, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 25 })));
    expect(error.name).toBe('InputError');
    expect(error.message).toContain('New SetDesiredCapacity value 25 is above max value 20');
  });

  it('throttling faults are retried by the SDK, then surface as 503; nothing changes', async () => {
    const { gateway, account, call } = throughGateway();
    account.faults.set({ throttleRate: 1 });
    const error = await errorOf(gateway.send(PROD, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 6 })));
    expect(error.name).toBe('ServiceUnavailableError');
    account.faults.clear();
    const g = await call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['prod-gpu-workers'] });
    expect(g.AutoScalingGroups[0].DesiredCapacity).toBe(4);
  });
});

describe('fault injection', () => {
  it('throttles with the service\'s own SDK-shaped error', async () => {
    const { account, call } = testAccount();
    account.faults.set({ throttleRate: 1 });
    const error = await errorOf(call('autoScaling', 'DescribeAutoScalingGroups', {}));
    expect(error).toMatchObject({ name: 'Throttling', $fault: 'client', $metadata: { httpStatusCode: 400 }, $retryable: { throttling: true } });
    const sqs = await errorOf(call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' }));
    expect(sqs.name).toBe('RequestThrottled');
  });

  it('throttles about the configured share of calls', async () => {
    const { account, call } = testAccount();
    account.faults.set({ throttleRate: 0.3 });
    const failed: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      failed.push(await call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' }).then(() => false, () => true));
    }
    const throttled = failed.filter(Boolean).length;
    expect(throttled).toBeGreaterThan(40);
    expect(throttled).toBeLessThan(80);
  });

  it('refuses chosen actions with AccessDenied (403) and lets the others through', async () => {
    const { account, call } = testAccount();
    account.faults.set({ accessDenied: ['autoscaling:SetDesiredCapacity', 'ce:*'] });
    const denied = await errorOf(call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 6 }));
    expect(denied).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    expect(denied.message).toContain('not authorized to perform: autoscaling:SetDesiredCapacity');
    const ce = await errorOf(call('costExplorer', 'GetCostAndUsage', {}));
    expect(ce.name).toBe('AccessDeniedException');
    const ok = await call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['prod-gpu-workers'] });
    expect(ok.AutoScalingGroups[0].DesiredCapacity).toBe(4);
  });

  it('takes a whole region down for DR drills, leaving the other regions up', async () => {
    const { account, call } = testAccount();
    account.faults.set({ regionsDown: ['us-east-1'] });
    const down = await errorOf(call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' }));
    expect(down).toMatchObject({ name: 'ServiceUnavailable', $fault: 'server', $metadata: { httpStatusCode: 503 } });
    const west = await call('cloudWatch', 'DescribeAlarms', {}, { ...PROD, region: 'us-west-2' });
    expect(west.MetricAlarms).toEqual([]);
  });

  it('adds latency to every call', async () => {
    const { account, call } = testAccount();
    await call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' });
    account.faults.set({ latencyMs: 150 });
    const started = Date.now();
    await call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects malformed fault settings and keeps the current ones', async () => {
    const { account } = testAccount();
    account.faults.set({ throttleRate: 0.1 });
    expect(() => account.faults.set({ throttleRate: 2 })).toThrow();
    expect(() => account.faults.set({ accessDenied: ['SetDesiredCapacity'] } as never)).toThrow();
    expect(account.faults.current.throttleRate).toBe(0.1);
  });
});

describe('the simulated account', () => {
  it('says which operation it does not implement', async () => {
    const { call } = testAccount();
    const error = await errorOf(call('autoScaling', 'CreateAutoScalingGroup', {}));
    expect(error).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    expect(error.message).toBe('The simulated AWS account does not implement autoScaling.CreateAutoScalingGroup');
  });

  it('is deterministic for a seed: same calls, same clock, same account', async () => {
    const run = async (seed: number) => {
      const { call, clock } = testAccount({ seed });
      await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 7 });
      clock.advance(45 * MINUTE);
      const g = await call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: ['prod-gpu-workers'] });
      const q = await call('sqs', 'GetQueueAttributes', { QueueUrl: PROD_URL, AttributeNames: ['All'] });
      return JSON.stringify([g, q.Attributes.ApproximateNumberOfMessages, q.Attributes.ApproximateNumberOfMessagesNotVisible]);
    };
    expect(await run(7)).toBe(await run(7));
    expect(await run(7)).not.toBe(await run(8));
  });

  it('dispatches the DR services to the DR models, on the same clock', async () => {
    const { call } = testAccount();
    const out = await call('rds', 'DescribeDBInstances', { DBInstanceIdentifier: 'prod-postgres' });
    expect(out.DBInstances[0]).toMatchObject({ DBInstanceIdentifier: 'prod-postgres', MultiAZ: true });
    const missing = await errorOf(call('rds', 'DescribeDBInstances', { DBInstanceIdentifier: 'nope' }));
    expect(missing.name).toBe('DBInstanceNotFoundFault');
  });

  it('summarises its state and the operations it answers', async () => {
    const { account } = testAccount();
    const state = await account.state();
    // Each environment with a DR region also has its pilot-light group there, at zero.
    expect(state.autoScalingGroups.map(g => `${g.name}@${g.region}:${g.desired}`).sort()).toEqual([
      'dev-gpu-workers@us-east-1:1',
      'prod-gpu-workers@us-east-1:4',
      'prod-gpu-workers@us-west-2:0',
      'staging-gpu-workers@us-east-1:2',
      'staging-gpu-workers@us-west-2:0',
    ]);
    expect(state.queues).toHaveLength(6);
    const ops = await account.operations();
    expect(ops).toEqual(expect.arrayContaining(['autoScaling.SetDesiredCapacity', 'sqs.StartMessageMoveTask', 'cloudWatch.GetMetricData', 'costExplorer.GetCostAndUsage', 'budgets.DescribeBudgets', 'ec2.DescribeInstances', 'rds.RebootDBInstance', 'cloudFront.UpdateDistribution']));
  });
});

describe('the simulated account before the catalog is ready', () => {
  it('refuses with a 503 that says why, then seeds itself once environments exist', async () => {
    const full = buildInventory(exampleCatalogEntities());
    let inventory = { environments: [], problems: [] } as typeof full;
    const account = new SimulatedAccount({
      inventory: async () => inventory,
      clock: new ManualClock('2026-11-20T12:00:00Z'),
      backfillHours: 1,
      extraModels: drServiceModels,
    });
    const describe = () =>
      account.handle({
        service: 'autoScaling',
        operation: 'DescribeAutoScalingGroups',
        input: { AutoScalingGroupNames: ['prod-gpu-workers'] },
        location: PROD,
      });

    const refused = await errorOf(describe());
    expect(refused.name).toBe('ServiceUnavailable');
    expect(refused.$metadata.httpStatusCode).toBe(503);
    expect(refused.message).toContain('the catalog lists no environments');

    inventory = full;
    const answer = (await describe()) as { AutoScalingGroups: Array<{ DesiredCapacity: number }> };
    expect(answer.AutoScalingGroups.map(g => g.DesiredCapacity)).toEqual([4]);
  });
});
