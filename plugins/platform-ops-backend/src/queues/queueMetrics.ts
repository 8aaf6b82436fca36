import {
  GetMetricDataCommand,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { AwsLocation, MetricPoint } from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { chunk } from './batching';

/** GetMetricData accepts at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;
/** One hour at one-minute resolution: enough for "empty for 10 min" and the charts. */
export const METRIC_WINDOW_MINUTES = 60;
export const METRIC_PERIOD_SECONDS = 60;

export type QueueSeriesKind =
  | 'visible'
  | 'inFlight'
  | 'delayed'
  | 'oldestAgeSeconds'
  | 'dlqVisible'
  | 'sent'
  | 'deleted';

/**
 * AWS/SQS metrics by what they answer. SQS publishes them once a minute per queue; the
 * "Approximate*" gauges are sampled, so the one-minute Maximum is the depth the queue reached
 * in that minute (what a backlog alarm looks at), while the counters (sent, deleted) are Sums.
 */
const METRIC_OF: Record<QueueSeriesKind, { metricName: string; stat: 'Maximum' | 'Sum'; dlq?: boolean }> = {
  visible: { metricName: 'ApproximateNumberOfMessagesVisible', stat: 'Maximum' },
  inFlight: { metricName: 'ApproximateNumberOfMessagesNotVisible', stat: 'Maximum' },
  delayed: { metricName: 'ApproximateNumberOfMessagesDelayed', stat: 'Maximum' },
  oldestAgeSeconds: { metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum' },
  dlqVisible: { metricName: 'ApproximateNumberOfMessagesVisible', stat: 'Maximum', dlq: true },
  sent: { metricName: 'NumberOfMessagesSent', stat: 'Sum' },
  deleted: { metricName: 'NumberOfMessagesDeleted', stat: 'Sum' },
};

/** What the Queues list shows: the depths, in place of one GetQueueAttributes per queue and DLQ. */
export const LIST_SERIES: readonly QueueSeriesKind[] = ['visible', 'inFlight', 'delayed', 'oldestAgeSeconds', 'dlqVisible'];
/** The charts (a queue's card, or a list asked for `series=full`) add the throughput. */
export const FULL_SERIES: readonly QueueSeriesKind[] = [...LIST_SERIES, 'sent', 'deleted'];

export interface QueueMetricTarget {
  queueName: string;
  dlqName?: string;
}

/** Query id of a series: GetMetricData ids must start with a lower-case letter. */
export function queryId(index: number, kind: QueueSeriesKind): string {
  return `q${index}_${kind}`;
}

/** The metric queries of the queues of one location: one per queue and kind (no DLQ, no DLQ query). */
export function buildQueueMetricQueries(
  queues: QueueMetricTarget[],
  kinds: readonly QueueSeriesKind[] = FULL_SERIES,
): MetricDataQuery[] {
  const queries: MetricDataQuery[] = [];
  queues.forEach((queue, index) => {
    for (const kind of kinds) {
      const metric = METRIC_OF[kind];
      const name = metric.dlq ? queue.dlqName : queue.queueName;
      if (!name) continue;
      queries.push({
        Id: queryId(index, kind),
        MetricStat: {
          Metric: {
            Namespace: 'AWS/SQS',
            MetricName: metric.metricName,
            Dimensions: [{ Name: 'QueueName', Value: name }],
          },
          Period: METRIC_PERIOD_SECONDS,
          Stat: metric.stat,
        },
        ReturnData: true,
      });
    }
  });
  return queries;
}

/** Window ending at the last whole minute, so every viewer in that minute asks the same. */
export function metricWindow(now: Date): { start: Date; end: Date } {
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return { start: new Date(end.getTime() - METRIC_WINDOW_MINUTES * 60_000), end };
}

/**
 * Fetches every query of a location in ceil(queries / 500) calls (plus NextToken pages when
 * AWS caps the datapoints), and returns the points of each query id, oldest first.
 */
export async function fetchMetricSeries(
  gateway: AwsGateway,
  location: AwsLocation,
  queries: MetricDataQuery[],
  now: Date,
): Promise<Map<string, MetricPoint[]>> {
  const { start, end } = metricWindow(now);
  const series = new Map<string, MetricPoint[]>();
  // One string per minute of the window, shared by every point (10,000 queues x 60 minutes of
  // points would otherwise hold 600,000 copies of 60 strings).
  const stamps = new Map<number, string>();
  const stampOf = (t: Date) => {
    const ms = new Date(t).getTime();
    let text = stamps.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      stamps.set(ms, text);
    }
    return text;
  };
  await Promise.all(
    chunk(queries, MAX_QUERIES_PER_CALL).map(async batch => {
      let nextToken: string | undefined;
      do {
        const output = await gateway.send(
          location,
          'cloudWatch',
          new GetMetricDataCommand({
            MetricDataQueries: batch,
            StartTime: start,
            EndTime: end,
            ScanBy: 'TimestampAscending',
            NextToken: nextToken,
          }),
        );
        for (const result of output.MetricDataResults ?? []) {
          if (!result.Id) continue;
          const points = series.get(result.Id) ?? [];
          (result.Timestamps ?? []).forEach((timestamp, i) => {
            points.push({ timestamp: stampOf(timestamp), value: result.Values?.[i] ?? 0 });
          });
          series.set(result.Id, points);
        }
        nextToken = output.NextToken;
      } while (nextToken);
    }),
  );
  for (const points of series.values()) points.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  return series;
}
