import { DEV, MINUTE, PROD, STAGING, errorOf, testAccount } from './testUtils/testAccount';

async function group(call: ReturnType<typeof testAccount>['call'], name: string, location = PROD) {
  const out = await call('autoScaling', 'DescribeAutoScalingGroups', { AutoScalingGroupNames: [name] }, location);
  return out.AutoScalingGroups[0];
}

const states = (g: { Instances: Array<{ LifecycleState: string }> }) =>
  g.Instances.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.LifecycleState]: (acc[i.LifecycleState] ?? 0) + 1 }), {});

describe('simulated Auto Scaling', () => {
  it('seeds each tier from seed 004 with a mixed instances policy (prod: 2-20, desired 4, 70 % spot)', async () => {
    const { call } = testAccount();
    const prod = await group(call, 'prod-gpu-workers');
    expect(prod).toMatchObject({ MinSize: 2, MaxSize: 20, DesiredCapacity: 4 });
    expect(prod.MixedInstancesPolicy.InstancesDistribution).toMatchObject({
      OnDemandBaseCapacity: 0,
      OnDemandPercentageAboveBaseCapacity: 30,
    });
    expect(prod.MixedInstancesPolicy.LaunchTemplate.Overrides.map((o: any) => o.InstanceType)).toEqual([
      'g4dn.xlarge',
      'g4dn.2xlarge',
      'g5.xlarge',
    ]);
    expect(states(prod)).toEqual({ InService: 4 });
    const ec2 = await call('ec2', 'DescribeInstances', {
      Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['prod-gpu-workers'] }],
    });
    const instances = ec2.Reservations[0].Instances;
    // 30 % of 4 rounded up on demand, the rest spot.
    expect(instances.filter((i: any) => i.InstanceLifecycle === 'spot')).toHaveLength(2);
    expect(await group(call, 'dev-gpu-workers', DEV)).toMatchObject({ MinSize: 0, MaxSize: 1, DesiredCapacity: 1 });
    expect(await group(call, 'staging-gpu-workers', STAGING)).toMatchObject({ MinSize: 2, MaxSize: 4, DesiredCapacity: 2 });
  });

  it('answers many names per call, leaves unknown names out and pages with MaxRecords', async () => {
    const { call } = testAccount();
    const out = await call('autoScaling', 'DescribeAutoScalingGroups', {
      AutoScalingGroupNames: ['prod-gpu-workers', 'no-such-group'],
    });
    expect(out.AutoScalingGroups.map((g: any) => g.AutoScalingGroupName)).toEqual(['prod-gpu-workers']);
    const paged = await call('autoScaling', 'DescribeAutoScalingGroups', { MaxRecords: 1 }, PROD);
    expect(paged.AutoScalingGroups).toHaveLength(1);
    expect(paged.NextToken).toBeUndefined();
  });

  it('converges to a new desired capacity: Pending while booting, InService within 3 minutes', async () => {
    const { call, clock } = testAccount();
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);
    expect(states(await group(call, 'staging-gpu-workers', STAGING))).toEqual({ InService: 2, Pending: 2 });
    clock.advance(1.5 * MINUTE);
    // Seed 004: boot takes 2-3 minutes.
    expect(states(await group(call, 'staging-gpu-workers', STAGING))).toEqual({ InService: 2, Pending: 2 });
    clock.advance(1.5 * MINUTE);
    expect(states(await group(call, 'staging-gpu-workers', STAGING))).toEqual({ InService: 4 });

    const { Activities } = await call('autoScaling', 'DescribeScalingActivities', { AutoScalingGroupName: 'staging-gpu-workers', MaxRecords: 2 }, STAGING);
    expect(Activities).toHaveLength(2);
    for (const a of Activities) {
      expect(a.Description).toMatch(/^Launching a new EC2 instance: i-0[0-9a-f]{16}$/);
      expect(a.StatusCode).toBe('Successful');
      expect(a.Cause).toContain('a user request explicitly set group desired capacity changing the desired capacity from 2 to 4');
      expect(a.EndTime.getTime() - a.StartTime.getTime()).toBeGreaterThanOrEqual(2 * MINUTE);
    }
  });

  it('refuses a desired capacity outside min/max with a ValidationError and changes nothing', async () => {
    const { call } = testAccount();
    const error = await errorOf(call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 25 }));
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('New SetDesiredCapacity value 25 is above max value 20 for the AutoScalingGroup.');
    expect(error.$metadata.httpStatusCode).toBe(400);
    const below = await errorOf(call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 1 }));
    expect(below.message).toContain('below min value 2');
    expect((await group(call, 'prod-gpu-workers')).DesiredCapacity).toBe(4);
    const missing = await errorOf(call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'nope', DesiredCapacity: 1 }));
    expect(missing.name).toBe('ValidationError');
    expect(missing.message).toContain('AutoScalingGroup name not found');
  });

  it('terminates idle instances on scale-in after a 30 s graceful shutdown', async () => {
    const { call, clock } = testAccount();
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 2 });
    expect(states(await group(call, 'prod-gpu-workers'))).toEqual({ InService: 2, Terminating: 2 });
    clock.advance(31_000);
    expect(states(await group(call, 'prod-gpu-workers'))).toEqual({ InService: 2 });
  });

  it('honours suspended processes: no launch while Launch is suspended, converges once resumed', async () => {
    const { call, clock } = testAccount();
    await call('autoScaling', 'SuspendProcesses', { AutoScalingGroupName: 'staging-gpu-workers', ScalingProcesses: ['Launch'] }, STAGING);
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
    clock.advance(10 * MINUTE);
    const suspended = await group(call, 'staging-gpu-workers', STAGING);
    expect(states(suspended)).toEqual({ InService: 2 });
    expect(suspended.SuspendedProcesses.map((p: any) => p.ProcessName)).toEqual(['Launch']);
    await call('autoScaling', 'ResumeProcesses', { AutoScalingGroupName: 'staging-gpu-workers' }, STAGING);
    expect(states(await group(call, 'staging-gpu-workers', STAGING))).toEqual({ InService: 2, Pending: 1 });
    const bad = await errorOf(call('autoScaling', 'SuspendProcesses', { AutoScalingGroupName: 'staging-gpu-workers', ScalingProcesses: ['Launchh'] }, STAGING));
    expect(bad.name).toBe('ValidationError');
    expect(bad.message).toContain('Launchh');
  });

  it('updates min/max/desired and the on-demand share; new instances follow the distribution', async () => {
    const { call } = testAccount();
    await call('autoScaling', 'UpdateAutoScalingGroup', {
      AutoScalingGroupName: 'prod-gpu-workers',
      MinSize: 2,
      MaxSize: 12,
      DesiredCapacity: 8,
      MixedInstancesPolicy: { InstancesDistribution: { OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 50 } },
    });
    const g = await group(call, 'prod-gpu-workers');
    expect(g).toMatchObject({ MaxSize: 12, DesiredCapacity: 8 });
    expect(g.MixedInstancesPolicy.InstancesDistribution).toMatchObject({ OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 50 });
    const ec2 = await call('ec2', 'DescribeInstances', { Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['prod-gpu-workers'] }] });
    const onDemand = ec2.Reservations[0].Instances.filter((i: any) => i.InstanceLifecycle !== 'spot');
    // base 2 + 50 % of the 6 above it = 5 on demand.
    expect(onDemand).toHaveLength(5);
    const bad = await errorOf(call('autoScaling', 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'prod-gpu-workers', MinSize: 5, MaxSize: 3 }));
    expect(bad.name).toBe('ValidationError');
    const pct = await errorOf(call('autoScaling', 'UpdateAutoScalingGroup', {
      AutoScalingGroupName: 'prod-gpu-workers',
      MixedInstancesPolicy: { InstancesDistribution: { OnDemandPercentageAboveBaseCapacity: 120 } },
    }));
    expect(pct.name).toBe('ValidationError');
    expect((await group(call, 'prod-gpu-workers')).MinSize).toBe(2);
  });

  it('runs a one-time scheduled action at its start time and then deletes it', async () => {
    const { call, clock } = testAccount();
    const start = new Date(clock.now().getTime() + 10 * MINUTE);
    await call('autoScaling', 'PutScheduledUpdateGroupAction', {
      AutoScalingGroupName: 'staging-gpu-workers',
      ScheduledActionName: 'qa-load-test',
      StartTime: start,
      DesiredCapacity: 3,
    }, STAGING);
    const listed = await call('autoScaling', 'DescribeScheduledActions', { AutoScalingGroupName: 'staging-gpu-workers' }, STAGING);
    expect(listed.ScheduledUpdateGroupActions).toEqual([
      expect.objectContaining({ ScheduledActionName: 'qa-load-test', DesiredCapacity: 3, StartTime: start }),
    ]);
    clock.advance(9 * MINUTE);
    expect((await group(call, 'staging-gpu-workers', STAGING)).DesiredCapacity).toBe(2);
    clock.advance(2 * MINUTE);
    expect((await group(call, 'staging-gpu-workers', STAGING)).DesiredCapacity).toBe(3);
    const after = await call('autoScaling', 'DescribeScheduledActions', { AutoScalingGroupName: 'staging-gpu-workers' }, STAGING);
    expect(after.ScheduledUpdateGroupActions).toEqual([]);
    const past = await errorOf(call('autoScaling', 'PutScheduledUpdateGroupAction', {
      AutoScalingGroupName: 'staging-gpu-workers', ScheduledActionName: 'late', StartTime: new Date(0), DesiredCapacity: 2,
    }, STAGING));
    expect(past.message).toBe('Given start time is in the past');
    const gone = await errorOf(call('autoScaling', 'DeleteScheduledAction', { AutoScalingGroupName: 'staging-gpu-workers', ScheduledActionName: 'qa-load-test' }, STAGING));
    expect(gone.name).toBe('ValidationError');
  });

  it('runs recurring scheduled actions on their cron in their time zone', async () => {
    const { call, clock } = testAccount({ start: '2026-11-20T21:50:00Z' });
    // Dev scales to zero at night (seed 004 "auto-scale to 0 for cost savings").
    await call('autoScaling', 'PutScheduledUpdateGroupAction', {
      AutoScalingGroupName: 'dev-gpu-workers', ScheduledActionName: 'night', Recurrence: '0 23 * * *', TimeZone: 'Europe/Paris', DesiredCapacity: 0,
    }, DEV);
    clock.advance(9 * MINUTE);
    expect((await group(call, 'dev-gpu-workers', DEV)).DesiredCapacity).toBe(1);
    clock.advance(2 * MINUTE); // 22:01 UTC = 23:01 in Paris
    expect((await group(call, 'dev-gpu-workers', DEV)).DesiredCapacity).toBe(0);
    const bad = await errorOf(call('autoScaling', 'PutScheduledUpdateGroupAction', {
      AutoScalingGroupName: 'dev-gpu-workers', ScheduledActionName: 'x', Recurrence: '61 * * *', DesiredCapacity: 0,
    }, DEV));
    expect(bad.message).toContain('recurrence');
  });

  it('target tracking on a metric math backlog scales out when jobs wait, unless AlarmNotification is suspended', async () => {
    const policy = {
      AutoScalingGroupName: 'dev-gpu-workers',
      PolicyName: 'backlog-per-worker',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        TargetValue: 10,
        CustomizedMetricSpecification: {
          Metrics: [
            { Id: 'visible', MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'dev-video-jobs' }] }, Stat: 'Sum' }, ReturnData: false },
            { Id: 'backlog', Expression: 'visible / 1', ReturnData: true },
          ],
        },
      },
    };
    for (const suspended of [false, true]) {
      const { call, clock } = testAccount();
      await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'dev-gpu-workers', DesiredCapacity: 0 }, DEV);
      const put = await call('autoScaling', 'PutScalingPolicy', policy, DEV);
      expect(put.PolicyARN).toContain('policyName/backlog-per-worker');
      if (suspended) {
        await call('autoScaling', 'SuspendProcesses', { AutoScalingGroupName: 'dev-gpu-workers', ScalingProcesses: ['AlarmNotification'] }, DEV);
      }
      clock.advance(120 * MINUTE);
      const g = await group(call, 'dev-gpu-workers', DEV);
      expect(g.DesiredCapacity).toBe(suspended ? 0 : 1);
    }
    const { call } = testAccount();
    const bad = await errorOf(call('autoScaling', 'PutScalingPolicy', { ...policy, TargetTrackingConfiguration: { TargetValue: 10 } }, DEV));
    expect(bad.message).toContain('Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification');
    await call('autoScaling', 'PutScalingPolicy', policy, DEV);
    expect((await call('autoScaling', 'DescribePolicies', { AutoScalingGroupName: 'dev-gpu-workers' }, DEV)).ScalingPolicies).toEqual([
      expect.objectContaining({ PolicyName: 'backlog-per-worker', PolicyType: 'TargetTrackingScaling', Enabled: true }),
    ]);
    await call('autoScaling', 'DeletePolicy', { AutoScalingGroupName: 'dev-gpu-workers', PolicyName: 'backlog-per-worker' }, DEV);
    expect((await call('autoScaling', 'DescribePolicies', { AutoScalingGroupName: 'dev-gpu-workers' }, DEV)).ScalingPolicies).toEqual([]);
  });

  it('enables and disables group metrics as AWS does (only 1Minute; no list = all group metrics)', async () => {
    const { call } = testAccount();
    expect((await group(call, 'prod-gpu-workers')).EnabledMetrics).toEqual([]);
    await call('autoScaling', 'EnableMetricsCollection', {
      AutoScalingGroupName: 'prod-gpu-workers',
      Granularity: '1Minute',
      Metrics: ['GroupInServiceInstances'],
    });
    expect((await group(call, 'prod-gpu-workers')).EnabledMetrics).toEqual([{ Metric: 'GroupInServiceInstances', Granularity: '1Minute' }]);

    const badGranularity = await errorOf(
      call('autoScaling', 'EnableMetricsCollection', { AutoScalingGroupName: 'prod-gpu-workers', Granularity: '5Minute' }),
    );
    expect(badGranularity).toMatchObject({ name: 'ValidationError' });
    expect(badGranularity.message).toContain('only valid value is 1Minute');

    await call('autoScaling', 'EnableMetricsCollection', { AutoScalingGroupName: 'prod-gpu-workers', Granularity: '1Minute' });
    expect((await group(call, 'prod-gpu-workers')).EnabledMetrics).toHaveLength(13);
    await call('autoScaling', 'DisableMetricsCollection', { AutoScalingGroupName: 'prod-gpu-workers' });
    expect((await group(call, 'prod-gpu-workers')).EnabledMetrics).toEqual([]);
  });
});
