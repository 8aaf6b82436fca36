import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { InputError } from '@backstage/errors';
import { QueueResource, RedriveTask } from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { PlannedCall } from '../changes/types';
import { sqsQueueArn } from './batching';

export function dlqArnOf(queue: QueueResource): string {
  if (!queue.dlqName) {
    throw new InputError(
      `${queue.entityRef} declares no dead-letter queue (annotation platform-ops.io/dlq-name): nothing to redrive`,
    );
  }
  return sqsQueueArn(queue.location, queue.dlqName);
}

/** Moves the DLQ's messages back to the queue they came from (SQS StartMessageMoveTask). */
export function planRedrive(queue: QueueResource, maxNumberOfMessagesPerSecond?: number): PlannedCall[] {
  return [
    {
      service: 'sqs',
      command: new StartMessageMoveTaskCommand({
        SourceArn: dlqArnOf(queue),
        DestinationArn: sqsQueueArn(queue.location, queue.queueName),
        ...(maxNumberOfMessagesPerSecond !== undefined && {
          MaxNumberOfMessagesPerSecond: maxNumberOfMessagesPerSecond,
        }),
      }),
    },
  ];
}

/** Progress of the DLQ's move tasks, newest first (SQS keeps the last ones per source). */
export async function listRedriveTasks(gateway: AwsGateway, queue: QueueResource): Promise<RedriveTask[]> {
  const out = await gateway.send(
    queue.location,
    'sqs',
    new ListMessageMoveTasksCommand({ SourceArn: dlqArnOf(queue), MaxResults: 10 }),
  );
  return (out.Results ?? []).map(t => ({
    taskHandle: t.TaskHandle,
    status: t.Status ?? 'UNKNOWN',
    sourceArn: t.SourceArn ?? '',
    destinationArn: t.DestinationArn,
    approximateNumberOfMessagesMoved: t.ApproximateNumberOfMessagesMoved ?? 0,
    approximateNumberOfMessagesToMove: t.ApproximateNumberOfMessagesToMove,
    maxNumberOfMessagesPerSecond: t.MaxNumberOfMessagesPerSecond,
    failureReason: t.FailureReason,
    startedAt: t.StartedTimestamp ? new Date(t.StartedTimestamp).toISOString() : undefined,
  }));
}
