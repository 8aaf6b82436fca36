import { DescribeAlarmsCommand, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { NotFoundError } from '@backstage/errors';
import {
  AwsLocation,
  QueueAlarm,
  QueueResource,
  QueueStatus,
  sqsQueueUrl,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { mapLimit } from './batching';
import { buildQueueMetricQueries, fetchMetricSeries, queryId } from './queueMetrics';

/** Calls in flight per location for GetQueueAttributes (SQS has no batch read). */
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

/**
 * Reads the queues of one location: depth of each queue and DLQ (GetQueueAttributes), their
 * metric series in ceil(queries / 500) GetMetricData calls, and alarm states.
 */
export async function readQueuesAt(
  gateway: AwsGateway,
  location: AwsLocation,
  queues: QueueResource[],
  drainedBy: Map<string, string[]>,
  now: Date,
): Promise<QueueStatus[]> {
  const names = new Set<string>();
  for (const q of queues) {
    names.add(q.queueName);
    if (q.dlqName) names.add(q.dlqName);
  }
  const [depths, dlqDepths, series, alarms] = await Promise.all([
    mapLimit(queues, ATTRIBUTE_CONCURRENCY, q => readDepth(gateway, location, q.queueName)),
    mapLimit(queues, ATTRIBUTE_CONCURRENCY, q =>
      q.dlqName ? readDepth(gateway, location, q.dlqName) : Promise.resolve(undefined),
    ),
    fetchMetricSeries(gateway, location, buildQueueMetricQueries(queues), now),
    readAlarms(gateway, location, names),
  ]);
  const fetchedAt = now.toISOString();
  return queues.map((q, i) => ({
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
    dlqVisible: dlqDepths[i]?.visible,
    drainedBy: drainedBy.get(q.entityRef.toLowerCase()) ?? [],
    series: {
      visible: series.get(queryId(i, 'visible')) ?? [],
      oldestAgeSeconds: series.get(queryId(i, 'oldestAgeSeconds')) ?? [],
      sent: series.get(queryId(i, 'sent')) ?? [],
      deleted: series.get(queryId(i, 'deleted')) ?? [],
      dlqVisible: series.get(queryId(i, 'dlqVisible')) ?? [],
    },
    alarms: [
      ...(alarms.get(q.queueName) ?? []),
      ...(q.dlqName ? alarms.get(q.dlqName) ?? [] : []),
    ],
    fetchedAt,
  }));
}
