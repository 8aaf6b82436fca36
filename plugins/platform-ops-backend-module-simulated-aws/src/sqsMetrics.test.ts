import { MINUTE, PROD, testAccount } from './testUtils/testAccount';

/**
 * The Queues list reads depths from the AWS/SQS metrics and a queue's card from
 * GetQueueAttributes: in the simulated account both must tell the same story.
 */
const PROD_URL = 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs';

const gauge = (id: string, metricName: string, queueName: string) => ({
  Id: id,
  MetricStat: {
    Metric: { Namespace: 'AWS/SQS', MetricName: metricName, Dimensions: [{ Name: 'QueueName', Value: queueName }] },
    Period: 60,
    Stat: 'Maximum',
  },
});

describe('simulated AWS/SQS metrics', () => {
  it("publish each queue's and DLQ's depths every minute, equal to GetQueueAttributes at the minute's end", async () => {
    const { call, clock } = testAccount({ start: '2026-11-20T12:00:00Z' });
    const seen: number[] = [];
    for (let minute = 1; minute <= 5; minute++) {
      clock.advance(MINUTE); // on the minute: the bucket that just closed describes now
      const now = clock.now();
      const out = await call('cloudWatch', 'GetMetricData', {
        StartTime: new Date(now.getTime() - 10 * MINUTE),
        EndTime: now,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          gauge('visible', 'ApproximateNumberOfMessagesVisible', 'prod-video-jobs'),
          gauge('inflight', 'ApproximateNumberOfMessagesNotVisible', 'prod-video-jobs'),
          gauge('delayed', 'ApproximateNumberOfMessagesDelayed', 'prod-video-jobs'),
          gauge('dlq', 'ApproximateNumberOfMessagesVisible', 'prod-video-jobs-dlq'),
        ],
      });
      const latest = Object.fromEntries(
        out.MetricDataResults.map((r: { Id: string; Timestamps: Date[]; Values: number[] }) => {
          // One datapoint per minute, the newest for the minute that just ended.
          expect(r.Timestamps).toHaveLength(10);
          expect(r.Timestamps.at(-1)!.getTime()).toBe(now.getTime() - MINUTE);
          return [r.Id, r.Values.at(-1)];
        }),
      );
      const attributes = async (QueueUrl: string) =>
        (await call('sqs', 'GetQueueAttributes', { QueueUrl, AttributeNames: ['All'] })).Attributes;
      const queue = await attributes(PROD_URL);
      const dlq = await attributes(`${PROD_URL}-dlq`);
      expect(latest).toEqual({
        visible: Number(queue.ApproximateNumberOfMessages),
        inflight: Number(queue.ApproximateNumberOfMessagesNotVisible),
        delayed: Number(queue.ApproximateNumberOfMessagesDelayed),
        dlq: Number(dlq.ApproximateNumberOfMessages),
      });
      seen.push(latest.visible + latest.inflight);
    }
    // prod's queue is busy: the comparison is not between zeros.
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });

  it('answers 500 queries in one call and refuses 501, as AWS does', async () => {
    const { call, clock } = testAccount();
    clock.advance(2 * MINUTE);
    const window = { StartTime: new Date(clock.now().getTime() - 60 * MINUTE), EndTime: clock.now() };
    const queries = (n: number) =>
      Array.from({ length: n }, (_, i) => gauge(`q${i}`, 'ApproximateNumberOfMessagesVisible', 'prod-video-jobs'));
    const ok = await call('cloudWatch', 'GetMetricData', { ...window, MetricDataQueries: queries(500) }, PROD);
    expect(ok.MetricDataResults).toHaveLength(500);
    await expect(call('cloudWatch', 'GetMetricData', { ...window, MetricDataQueries: queries(501) }, PROD)).rejects.toMatchObject({
      name: 'ValidationError',
    });
  });
});
