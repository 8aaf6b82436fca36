import { MINUTE, PROD, STAGING, errorOf, testAccount } from './testUtils/testAccount';

const desired = (stat: string, period = 300) => ({
  Id: 'desired',
  MetricStat: {
    Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupDesiredCapacity', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'staging-gpu-workers' }] },
    Period: period,
    Stat: stat,
  },
});

describe('simulated CloudWatch', () => {
  it('buckets samples by period, aligned to it, with each statistic, newest first unless ScanBy ascending', async () => {
    const { call, clock } = testAccount({ start: '2026-11-20T12:00:00Z' });
    // The first call seeds the account with an hour of history (11:00-12:00).
    await call('autoScaling', 'DescribeAutoScalingGroups', {}, STAGING);
    clock.advance(3 * MINUTE); // 12:03
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);
    clock.advance(12 * MINUTE); // 12:15
    const window = { StartTime: new Date('2026-11-20T11:52:00Z'), EndTime: new Date('2026-11-20T12:15:00Z') };
    const stats = ['Minimum', 'Maximum', 'Average', 'Sum', 'SampleCount'];
    const out = await call('cloudWatch', 'GetMetricData', {
      ...window,
      MetricDataQueries: stats.map((s, i) => ({ ...desired(s), Id: `q${i}` })),
    }, STAGING);
    const [min, max, avg, sum, count] = out.MetricDataResults;
    // Buckets start at multiples of 5 minutes (the 11:52 start falls in the 11:50 bucket), newest first.
    expect(min.Timestamps.map((t: Date) => t.toISOString())).toEqual([
      '2026-11-20T12:10:00.000Z',
      '2026-11-20T12:05:00.000Z',
      '2026-11-20T12:00:00.000Z',
      '2026-11-20T11:55:00.000Z',
      '2026-11-20T11:50:00.000Z',
    ]);
    // 12:00-12:05 holds 3 minutes at 2 then 2 at 4 (the 12:03 minute is sampled at its end).
    expect(min.Values).toEqual([4, 4, 2, 2, 2]);
    expect(max.Values).toEqual([4, 4, 4, 2, 2]);
    expect(sum.Values).toEqual([20, 20, 14, 10, 10]);
    expect(count.Values).toEqual([5, 5, 5, 5, 5]);
    expect(avg.Values[2]).toBeCloseTo(2.8);
    expect(min.StatusCode).toBe('Complete');

    const asc = await call('cloudWatch', 'GetMetricData', { ...window, ScanBy: 'TimestampAscending', MetricDataQueries: [desired('Maximum')] }, STAGING);
    expect(asc.MetricDataResults[0].Values).toEqual([2, 2, 4, 4, 4]);
    const hourly = await call('cloudWatch', 'GetMetricData', { ...window, MetricDataQueries: [desired('SampleCount', 3600)] }, STAGING);
    expect(hourly.MetricDataResults[0].Timestamps.map((t: Date) => t.toISOString())).toEqual(['2026-11-20T12:00:00.000Z', '2026-11-20T11:00:00.000Z']);
    expect(hourly.MetricDataResults[0].Values).toEqual([15, 60]);
  });

  it('evaluates metric math between ids and constants, and returns only ReturnData queries', async () => {
    const { call, clock } = testAccount();
    clock.advance(30 * MINUTE);
    const queue = (id: string, name: string) => ({
      Id: id,
      ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: name, Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs' }] }, Period: 60, Stat: 'Sum' },
    });
    const out = await call('cloudWatch', 'GetMetricData', {
      StartTime: new Date(clock.now().getTime() - 20 * MINUTE),
      EndTime: clock.now(),
      MetricDataQueries: [
        queue('sent', 'NumberOfMessagesSent'),
        queue('deleted', 'NumberOfMessagesDeleted'),
        { Id: 'net', Expression: 'sent - deleted', Label: 'net' },
        { Id: 'scaled', Expression: '(sent + deleted) * 2 / 4 - 1' },
      ],
    });
    expect(out.MetricDataResults.map((r: any) => r.Id)).toEqual(['net', 'scaled']);
    const raw = await call('cloudWatch', 'GetMetricData', {
      StartTime: new Date(clock.now().getTime() - 20 * MINUTE),
      EndTime: clock.now(),
      MetricDataQueries: [{ ...queue('sent', 'NumberOfMessagesSent'), ReturnData: true }, { ...queue('deleted', 'NumberOfMessagesDeleted'), ReturnData: true }],
    });
    const [sent, deleted] = raw.MetricDataResults;
    expect(sent.Values).toHaveLength(20);
    expect(sent.Values.reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(0);
    expect(out.MetricDataResults[0].Values).toEqual(sent.Values.map((v: number, i: number) => v - deleted.Values[i]));
    out.MetricDataResults[1].Values.forEach((v: number, i: number) =>
      expect(v).toBeCloseTo(((sent.Values[i] + deleted.Values[i]) * 2) / 4 - 1),
    );
  });

  it('refuses more than 500 queries, bad periods, unknown ids and reversed time ranges with ValidationError', async () => {
    const { call } = testAccount();
    const base = { StartTime: new Date('2026-11-20T11:00:00Z'), EndTime: new Date('2026-11-20T12:00:00Z') };
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...desired('Average', 60), Id: `m${i}` }));
    const ok = await call('cloudWatch', 'GetMetricData', { ...base, MetricDataQueries: many(500) }, STAGING);
    expect(ok.MetricDataResults).toHaveLength(500);
    const tooMany = await errorOf(call('cloudWatch', 'GetMetricData', { ...base, MetricDataQueries: many(501) }, STAGING));
    expect(tooMany.name).toBe('ValidationError');
    expect(tooMany.message).toBe('The collection MetricDataQueries must not have a size greater than 500.');
    const period = await errorOf(call('cloudWatch', 'GetMetricData', { ...base, MetricDataQueries: [desired('Average', 45)] }, STAGING));
    expect(period.message).toContain('must be a multiple of 60');
    const unknown = await errorOf(call('cloudWatch', 'GetMetricData', { ...base, MetricDataQueries: [{ Id: 'e1', Expression: 'm9 * 2' }] }, STAGING));
    expect(unknown.message).toContain("Unrecognized metric id 'm9'");
    const reversed = await errorOf(call('cloudWatch', 'GetMetricData', { StartTime: base.EndTime, EndTime: base.StartTime, MetricDataQueries: [desired('Average')] }, STAGING));
    expect(reversed.message).toContain('StartTime must be less than');
    const stat = await errorOf(call('cloudWatch', 'GetMetricData', { ...base, MetricDataQueries: [desired('Median')] }, STAGING));
    expect(stat.name).toBe('ValidationError');
  });

  it('keeps CloudWatch per account: another account does not see prod metrics', async () => {
    const { call } = testAccount();
    const query = {
      StartTime: new Date('2026-11-20T11:00:00Z'),
      EndTime: new Date('2026-11-20T12:00:00Z'),
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupInServiceInstances', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'prod-gpu-workers' }] }, Period: 60, Stat: 'Average' } }],
    };
    expect((await call('cloudWatch', 'GetMetricData', query, PROD)).MetricDataResults[0].Values).toHaveLength(60);
    expect((await call('cloudWatch', 'GetMetricData', query, STAGING)).MetricDataResults[0].Values).toEqual([]);
  });

  it('serves back-filled ReplicaLag of the DR replica in its region', async () => {
    const { call } = testAccount();
    const out = await call('cloudWatch', 'GetMetricData', {
      StartTime: new Date('2026-11-20T11:00:00Z'),
      EndTime: new Date('2026-11-20T12:00:00Z'),
      MetricDataQueries: [{ Id: 'lag', MetricStat: { Metric: { Namespace: 'AWS/RDS', MetricName: 'ReplicaLag', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'prod-postgres-dr' }] }, Period: 300, Stat: 'Maximum' } }],
    }, { ...PROD, region: 'us-west-2' });
    expect(out.MetricDataResults[0].Values).toHaveLength(12);
    for (const v of out.MetricDataResults[0].Values) expect(v).toBeGreaterThan(0);
  });

  it('puts the DLQ alarm (> 5 messages, seed 004) into ALARM when failures pile up, with AWS-style reasons', async () => {
    const { account, call, clock } = testAccount();
    // Enough workers that retries are not stuck behind new jobs.
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 16 });
    account.faults.set({ jobFailureRate: 1 });
    clock.advance(90 * MINUTE);
    const { MetricAlarms } = await call('cloudWatch', 'DescribeAlarms', { AlarmNamePrefix: 'prod-video-jobs' });
    const names = MetricAlarms.map((a: any) => a.AlarmName);
    expect(names).toEqual(['prod-video-jobs-depth-high', 'prod-video-jobs-dlq-not-empty', 'prod-video-jobs-oldest-message-age']);
    const dlq = MetricAlarms.find((a: any) => a.AlarmName === 'prod-video-jobs-dlq-not-empty');
    expect(dlq).toMatchObject({ StateValue: 'ALARM', Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', MetricName: 'ApproximateNumberOfMessagesVisible' });
    expect(dlq.StateReason).toMatch(/^Threshold Crossed: 1 out of the last 1 datapoints \[\d+\.0 .*\] was greater than the threshold \(5\.0\)/);
    const inAlarm = await call('cloudWatch', 'DescribeAlarms', { StateValue: 'ALARM' });
    expect(inAlarm.MetricAlarms.map((a: any) => a.AlarmName)).toContain('prod-video-jobs-dlq-not-empty');
    const bad = await errorOf(call('cloudWatch', 'DescribeAlarms', { AlarmNames: ['x'], AlarmNamePrefix: 'y' }));
    expect(bad.name).toBe('InvalidParameterValue');
  });
});
