import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ResolvedQueue } from '../spec/resolve';

/**
 * Tag on a main queue naming its dead-letter queue (the name its RedrivePolicy points at).
 * Catalog discovery reads it from the Resource Groups Tagging API, which returns every
 * resource's tags with the listing, instead of one SQS GetQueueAttributes per queue (SQS has
 * no batch form of it). The construct writes the tag and the RedrivePolicy together, so they
 * agree unless someone edits the queue by hand.
 */
export const DLQ_TAG = 'platform-ops:dlq-name';

export interface JobQueueProps {
  queueName: string;
  dlqName: string;
  settings: ResolvedQueue;
  alarmTopicArn?: string;
}

/**
 * SQS job queue + dead-letter queue with the seed 004 settings (5 min visibility, 4 days
 * retention, 20 s long polling, 3 receives then DLQ kept 14 days), SSE on both, and the
 * depth (> 100) and DLQ (> 5) alarms. The main queue carries DLQ_TAG.
 */
export class JobQueue extends Construct {
  readonly queue: SqsQueue;
  readonly dlq: SqsQueue;

  constructor(scope: Construct, id: string, props: JobQueueProps) {
    super(scope, id);
    const s = props.settings;
    this.dlq = new SqsQueue(this, 'dlq', {
      name: props.dlqName,
      messageRetentionSeconds: s.dlqRetentionSeconds,
      sqsManagedSseEnabled: true,
    });
    this.queue = new SqsQueue(this, 'queue', {
      name: props.queueName,
      visibilityTimeoutSeconds: s.visibilityTimeoutSeconds,
      messageRetentionSeconds: s.messageRetentionSeconds,
      receiveWaitTimeSeconds: s.receiveWaitTimeSeconds,
      maxMessageSize: 262144,
      sqsManagedSseEnabled: true,
      redrivePolicy: JSON.stringify({
        deadLetterTargetArn: this.dlq.arn,
        maxReceiveCount: s.maxReceiveCount,
      }),
      // A literal known at synth time (not a reference): tag values are read as they are.
      tags: { [DLQ_TAG]: props.dlqName },
    });
    const actions = props.alarmTopicArn ? [props.alarmTopicArn] : [];
    new CloudwatchMetricAlarm(this, 'dlq-alarm', {
      alarmName: `${props.dlqName}-messages`,
      alarmDescription: `Failed jobs in ${props.dlqName} (> ${s.dlqAlarmThreshold})`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: props.dlqName },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 1,
      threshold: s.dlqAlarmThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: actions,
      treatMissingData: 'notBreaching',
    });
    new CloudwatchMetricAlarm(this, 'depth-alarm', {
      alarmName: `${props.queueName}-depth`,
      alarmDescription: `Backlog in ${props.queueName} (> ${s.depthAlarmThreshold})`,
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: props.queueName },
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 2,
      threshold: s.depthAlarmThreshold,
      comparisonOperator: 'GreaterThanThreshold',
      alarmActions: actions,
      treatMissingData: 'notBreaching',
    });
  }
}
