import { DescribeAlarmsCommand, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AwsLocation,
  MetricPoint,
  QueueAlarm,
  QueueResource,
  QueueStatus,
  sqsQueueUrl,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { mapLimit } from './batching';
import {
  FULL_SERIES,
  LIST_SERIES,
  QueueSeriesKind,
  buildQueueMetricQueries,
  fetchMetricSeries,
  queryId,
} from './queueMetrics';

/** Calls in flight per location for the GetQueueAttributes fallback (SQS has no batch read). */
const ATTRIBUTE_CONCURRENCY = 16;

interface Depth {
  found: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
}

async function readDepth(
  gateway: AwsGateway,
  location: AwsLocation,
  queueName: string,
): Promise<Depth> {
  try {
    const { Attributes = {} } = await gateway.send(
      location,
      'sqs',
      new GetQueueAttributesCommand({
        QueueUrl: sqsQueueUrl(location, queueName),
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      }),
    );
    return {
      found: true,
      visible: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
      delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0),
    };
  } catch (error) {
    // A queue the catalog declares but AWS does not have is shown as missing, not a page error.
    if (error instanceof Error && error.name === NotFoundError.name) {
      return { found: false, visible: 0, inFlight: 0, delayed: 0 };
    }
    throw error;
  }
}

/** Metric alarms on SQS queues of a location, by queue name (one paged DescribeAlarms). */
async function readAlarms(
  gateway: AwsGateway,
  location: AwsLocation,
  queueNames: Set<string>,
): Promise<Map<string, QueueAlarm[]>> {
  const alarms = new Map<string, QueueAlarm[]>();
  let nextToken: string | undefined;
  do {
    const output = await gateway.send(
      location,
      'cloudWatch',
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'], MaxRecords: 100, NextToken: nextToken }),
    );
    for (const alarm of output.MetricAlarms ?? []) {
      const queue = queueOfAlarm(alarm);
      if (!queue || !queueNames.has(queue)) continue;
      const list = alarms.get(queue) ?? [];
      list.push({
        name: alarm.AlarmName ?? '',
        state: alarm.StateValue ?? 'INSUFFICIENT_DATA',
        metricName: alarm.MetricName,
        threshold: alarm.Threshold,
        reason: alarm.StateReason,
        stateUpdatedAt: alarm.StateUpdatedTimestamp?.toISOString(),
        queueName: queue,
        evaluationSeconds: alarm.Period && alarm.EvaluationPeriods ? alarm.Period * alarm.EvaluationPeriods : undefined,
      });
      alarms.set(queue, list);
    }
    nextToken = output.NextToken;
  } while (nextToken);
  return alarms;
}

function queueOfAlarm(alarm: MetricAlarm): string | undefined {
  if (alarm.Namespace !== 'AWS/SQS') return undefined;
  return alarm.Dimensions?.find(d => d.Name === 'QueueName')?.Value;
}

/** A part of a location's read that failed while the rest is still shown. */
export interface QueueReadProblem {
  message: string;
  iamAction?: string;
  fallback?: string;
}

export interface LocationQueues {
  queues: QueueStatus[];
  problems: QueueReadProblem[];
}

/** Depth of a queue as the list shows it, from wherever it could be read. */
interface ListDepth extends Depth {
  dlqVisible?: number;
  source: 'cloudwatch' | 'sqs';
  asOf?: string;
}

const GET_METRIC_DATA = 'cloudwatch:GetMetricData';

/** The gateway's 403 for a refused action says "... may not call <action>". */
function refused(error: unknown, action: string): boolean {
  return error instanceof Error && error.name === NotAllowedError.name && error.message.includes(`may not call ${action}`);
}

const lastPoint = (points: MetricPoint[] | undefined) => (points && points.length ? points[points.length - 1] : undefined);

/**
 * Depths from the AWS/SQS metrics: the latest one-minute Maximum of each gauge. A queue with
 * no datapoint in the window is idle as far as CloudWatch knows (SQS stops publishing for an
 * inactive queue): it shows 0 and no `asOf`, and its own card asks SQS.
 */
function depthsFromSeries(queues: QueueResource[], series: Map<string, MetricPoint[]>): ListDepth[] {
  return queues.map((q, i) => {
    const points = (['visible', 'inFlight', 'delayed', 'dlqVisible'] as const).map(kind => lastPoint(series.get(queryId(i, kind))));
    const [visible, inFlight, delayed, dlq] = points;
    const asOf = points.reduce<string | undefined>((latest, p) => (p && (!latest || p.timestamp > latest) ? p.timestamp : latest), undefined);
    return {
      found: true,
      visible: visible?.value ?? 0,
      inFlight: inFlight?.value ?? 0,
      delayed: delayed?.value ?? 0,
      dlqVisible: q.dlqName ? dlq?.value ?? 0 : undefined,
      source: 'cloudwatch',
      asOf,
    };
  });
}

/** The pre-CloudWatch read, kept for a role without cloudwatch:GetMetricData: two calls per queue. */
async function depthsFromSqs(gateway: AwsGateway, location: AwsLocation, queues: QueueResource[]): Promise<ListDepth[]> {
  const [depths, dlqDepths] = await Promise.all([
    mapLimit(queues, ATTRIBUTE_CONCURRENCY, q => readDepth(gateway, location, q.queueName)),
    mapLimit(queues, ATTRIBUTE_CONCURRENCY, q => (q.dlqName ? readDepth(gateway, location, q.dlqName) : Promise.resolve(undefined))),
  ]);
  return depths.map((d, i) => ({ ...d, dlqVisible: dlqDepths[i]?.visible, source: 'sqs' }));
}

/** What a list keeps of a series: the hour of depth (fleets judge "empty for N minutes" on it), else the latest point. */
function keep(points: MetricPoint[] | undefined, full: boolean): MetricPoint[] {
  if (!points) return [];
  return full ? points : points.slice(-1);
}

/**
 * Reads the queues of one location for a list: depth, in flight, delayed, oldest age and DLQ
 * depth of every queue from CloudWatch in ceil(queries / 500) GetMetricData calls (instead of
 * a GetQueueAttributes per queue and DLQ), and alarm states in one paged DescribeAlarms.
 * `series: 'full'` adds the throughput series the charts draw. When the role may not call
 * GetMetricData, the depths come from SQS as before and a problem says so.
 */
export async function readQueuesAt(
  gateway: AwsGateway,
  location: AwsLocation,
  queues: QueueResource[],
  drainedBy: Map<string, string[]>,
  now: Date,
  series: 'list' | 'full' = 'list',
): Promise<LocationQueues> {
  const names = new Set<string>();
  for (const q of queues) {
    names.add(q.queueName);
    if (q.dlqName) names.add(q.dlqName);
  }
  const full = series === 'full';
  const problems: QueueReadProblem[] = [];
  const readMetrics = async (): Promise<{ depths: ListDepth[]; points: Map<string, MetricPoint[]> }> => {
    try {
      const kinds = full ? FULL_SERIES : LIST_SERIES;
      const points = await fetchMetricSeries(gateway, location, buildQueueMetricQueries(queues, kinds), now);
      return { depths: depthsFromSeries(queues, points), points };
    } catch (error) {
      if (!refused(error, GET_METRIC_DATA)) throw error;
      problems.push({
        message: `queue depth from CloudWatch unavailable in ${location.accountId}/${location.region}: ${GET_METRIC_DATA} denied`,
        iamAction: GET_METRIC_DATA,
        fallback: 'live counts from SQS GetQueueAttributes, one call per queue and DLQ; no oldest-message age',
      });
      return { depths: await depthsFromSqs(gateway, location, queues), points: new Map() };
    }
  };
  const [{ depths, points }, alarms] = await Promise.all([readMetrics(), readAlarms(gateway, location, names)]);
  const fetchedAt = now.toISOString();
  const statuses = queues.map((q, i): QueueStatus => ({
    entityRef: q.entityRef,
    name: q.name,
    title: q.title,
    environment: q.environment,
    queueName: q.queueName,
    queueUrl: q.queueUrl,
    location: q.location,
    consoleUrl: q.consoleUrl,
    found: depths[i].found,
    visible: depths[i].visible,
    inFlight: depths[i].inFlight,
    delayed: depths[i].delayed,
    dlqName: q.dlqName,
    dlqVisible: depths[i].dlqVisible,
    depthSource: depths[i].source,
    ...(depths[i].asOf ? { depthAsOf: depths[i].asOf } : {}),
    drainedBy: drainedBy.get(q.entityRef.toLowerCase()) ?? [],
    series: {
      visible: keep(points.get(queryId(i, 'visible')), true),
      oldestAgeSeconds: keep(points.get(queryId(i, 'oldestAgeSeconds')), full),
      sent: keep(points.get(queryId(i, 'sent')), full),
      deleted: keep(points.get(queryId(i, 'deleted')), full),
      dlqVisible: keep(points.get(queryId(i, 'dlqVisible')), full),
    },
    alarms: [...(alarms.get(q.queueName) ?? []), ...(q.dlqName ? alarms.get(q.dlqName) ?? [] : [])],
    fetchedAt,
  }));
  return { queues: statuses, problems };
}

/**
 * One queue's own read, where freshness matters (its card, a redrive): live counts from SQS
 * GetQueueAttributes for the queue and its DLQ, and the hour of every chart in one
 * GetMetricData call. Alarms and drained-by come from the list's read (`listed`).
 */
export async function readQueueDetail(
  gateway: AwsGateway,
  listed: QueueStatus,
  now: Date,
): Promise<QueueStatus> {
  const location = listed.location;
  const [depth, dlqDepth, points] = await Promise.all([
    readDepth(gateway, location, listed.queueName),
    listed.dlqName ? readDepth(gateway, location, listed.dlqName) : Promise.resolve(undefined),
    fetchMetricSeries(gateway, location, buildQueueMetricQueries([listed], FULL_SERIES), now),
  ]);
  const get = (kind: QueueSeriesKind) => points.get(queryId(0, kind)) ?? [];
  const { depthAsOf: _listedAsOf, ...rest } = listed;
  return {
    ...rest,
    found: depth.found,
    visible: depth.visible,
    inFlight: depth.inFlight,
    delayed: depth.delayed,
    dlqVisible: dlqDepth?.visible,
    depthSource: 'sqs',
    series: {
      visible: get('visible'),
      oldestAgeSeconds: get('oldestAgeSeconds'),
      sent: get('sent'),
      deleted: get('deleted'),
      dlqVisible: get('dlqVisible'),
    },
    fetchedAt: now.toISOString(),
  };
}
