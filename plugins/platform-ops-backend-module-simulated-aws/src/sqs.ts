import type {
  CancelMessageMoveTaskCommandOutput,
  GetQueueAttributesCommandOutput,
  GetQueueUrlCommandOutput,
  ListMessageMoveTasksCommandOutput,
  StartMessageMoveTaskCommandOutput,
} from '@aws-sdk/client-sqs';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { sqsErrors } from './errors';
import { hexId } from './random';
import { ServiceModel } from './ServiceModel';
import type { PlatformWorld } from './world/PlatformWorld';
import { SimQueue } from './world/types';

type Answer<T> = Omit<T, '$metadata'>;
type Input = Record<string, unknown>;

const ATTRIBUTE_NAMES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'QueueArn',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'MaximumMessageSize',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'SqsManagedSseEnabled',
] as const;

function parse<S extends z.ZodTypeAny>(schema: S, input: Input): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw sqsErrors.invalidParameter(
    result.error.issues.map(i => `Value for parameter ${i.path.join('.') || 'input'} is invalid. Reason: ${i.message}`).join('; '),
  );
}

/**
 * SQS in the simulated account: the job queues and their DLQs, with depths that come from
 * the world (arrivals, workers, failures) and message move tasks for DLQ redrive.
 */
export class SqsModel implements ServiceModel {
  readonly service = 'sqs' as const;
  readonly operations = [
    'GetQueueUrl',
    'GetQueueAttributes',
    'StartMessageMoveTask',
    'ListMessageMoveTasks',
    'CancelMessageMoveTask',
  ] as const;

  constructor(private readonly world: () => PlatformWorld) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    const world = this.world();
    world.advanceTo(now.getTime());
    switch (operation) {
      case 'GetQueueUrl':
        return this.getQueueUrl(world, input, location);
      case 'GetQueueAttributes':
        return this.getAttributes(world, input, location);
      case 'StartMessageMoveTask':
        return this.startMoveTask(world, input, location);
      case 'ListMessageMoveTasks':
        return this.listMoveTasks(world, input, location);
      case 'CancelMessageMoveTask':
        return this.cancelMoveTask(world, input, location);
      default:
        throw sqsErrors.unsupported(`Unsupported operation ${operation}`);
    }
  }

  private getQueueUrl(world: PlatformWorld, input: Input, location: AwsLocation): Answer<GetQueueUrlCommandOutput> {
    const { QueueName, QueueOwnerAWSAccountId } = parse(
      z.object({ QueueName: z.string().min(1).max(80), QueueOwnerAWSAccountId: z.string().optional() }),
      input,
    );
    const queue = world.findQueue(QueueOwnerAWSAccountId ?? location.accountId, location.region, QueueName);
    if (!queue) throw sqsErrors.nonExistentQueue();
    return { QueueUrl: queue.url };
  }

  private byUrl(world: PlatformWorld, url: string, location: AwsLocation): SimQueue {
    const queue = world.queueByUrl(url);
    // A queue URL of another region is not found in this one, as with AWS's regional endpoints.
    if (!queue || queue.region !== location.region) throw sqsErrors.nonExistentQueue();
    return queue;
  }

  private getAttributes(world: PlatformWorld, input: Input, location: AwsLocation): Answer<GetQueueAttributesCommandOutput> {
    const { QueueUrl, AttributeNames } = parse(
      z.object({ QueueUrl: z.string().min(1), AttributeNames: z.array(z.string()).optional() }),
      input,
    );
    const queue = this.byUrl(world, QueueUrl, location);
    const requested = AttributeNames ?? [];
    for (const n of requested) {
      if (n !== 'All' && !(ATTRIBUTE_NAMES as readonly string[]).includes(n)) throw sqsErrors.invalidAttributeName(n);
    }
    const all: Record<string, string | undefined> = {
      ApproximateNumberOfMessages: String(world.visibleCount(queue)),
      ApproximateNumberOfMessagesNotVisible: String(world.notVisibleCount(queue)),
      ApproximateNumberOfMessagesDelayed: String(world.delayedCount(queue)),
      QueueArn: queue.arn,
      RedrivePolicy: queue.redrive ? JSON.stringify(queue.redrive) : undefined,
      RedriveAllowPolicy: queue.isDeadLetterQueue ? JSON.stringify({ redrivePermission: 'allowAll' }) : undefined,
      VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(queue.retentionSeconds),
      MaximumMessageSize: '262144',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '20',
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      SqsManagedSseEnabled: 'true',
    };
    const names = requested.includes('All') ? Object.keys(all) : requested;
    const Attributes: Record<string, string> = {};
    for (const n of names) {
      const value = all[n];
      if (value !== undefined) Attributes[n] = value;
    }
    // AWS leaves Attributes out entirely when none was asked for.
    return names.length > 0 ? { Attributes } : {};
  }

  private dlqByArn(world: PlatformWorld, arn: string, location: AwsLocation): SimQueue {
    const queue = world.queueByArn(arn);
    if (!queue || queue.accountId !== location.accountId || queue.region !== location.region) {
      throw sqsErrors.resourceNotFound(`The resource that you specified for the SourceArn parameter doesn't exist: ${arn}`);
    }
    return queue;
  }

  private startMoveTask(world: PlatformWorld, input: Input, location: AwsLocation): Answer<StartMessageMoveTaskCommandOutput> {
    const { SourceArn, DestinationArn, MaxNumberOfMessagesPerSecond } = parse(
      z.object({
        SourceArn: z.string().min(1),
        DestinationArn: z.string().min(1).optional(),
        MaxNumberOfMessagesPerSecond: z.number().int().min(1).max(500).optional(),
      }),
      input,
    );
    const source = this.dlqByArn(world, SourceArn, location);
    if (!source.isDeadLetterQueue) {
      throw sqsErrors.unsupported(`Source queue must be configured as a Dead Letter Queue: ${SourceArn}`);
    }
    if (DestinationArn && !world.queueByArn(DestinationArn)) {
      throw sqsErrors.resourceNotFound(`The resource that you specified for the DestinationArn parameter doesn't exist: ${DestinationArn}`);
    }
    if (source.moveTasks.some(t => t.Status === 'RUNNING')) {
      throw sqsErrors.unsupported(`There is already a task running for ${SourceArn}. Only one active task is allowed for each source queue.`);
    }
    const handle = Buffer.from(
      JSON.stringify({ taskId: `${hexId(world.rng, 8)}-${hexId(world.rng, 4)}-${hexId(world.rng, 4)}`, sourceArn: SourceArn }),
    ).toString('base64');
    source.moveTasks.unshift({
      TaskHandle: handle,
      SourceArn,
      DestinationArn,
      // Without a rate AWS moves as fast as it can; 50/s is a conservative simulated pace.
      MaxNumberOfMessagesPerSecond: MaxNumberOfMessagesPerSecond ?? 50,
      Status: 'RUNNING',
      StartedTimestamp: world.now,
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: source.visible.length,
      carry: 0,
    });
    if (source.visible.length === 0) source.moveTasks[0].Status = 'COMPLETED';
    return { TaskHandle: handle };
  }

  private listMoveTasks(world: PlatformWorld, input: Input, location: AwsLocation): Answer<ListMessageMoveTasksCommandOutput> {
    const { SourceArn, MaxResults } = parse(
      z.object({ SourceArn: z.string().min(1), MaxResults: z.number().int().min(1).max(10).optional() }),
      input,
    );
    const source = this.dlqByArn(world, SourceArn, location);
    return {
      Results: source.moveTasks.slice(0, MaxResults ?? 1).map(t => ({
        ...(t.Status === 'RUNNING' ? { TaskHandle: t.TaskHandle } : {}),
        Status: t.Status,
        SourceArn: t.SourceArn,
        ...(t.DestinationArn ? { DestinationArn: t.DestinationArn } : {}),
        MaxNumberOfMessagesPerSecond: t.MaxNumberOfMessagesPerSecond,
        ApproximateNumberOfMessagesMoved: t.ApproximateNumberOfMessagesMoved,
        ApproximateNumberOfMessagesToMove: t.ApproximateNumberOfMessagesToMove,
        StartedTimestamp: t.StartedTimestamp,
      })),
    };
  }

  private cancelMoveTask(world: PlatformWorld, input: Input, location: AwsLocation): Answer<CancelMessageMoveTaskCommandOutput> {
    const { TaskHandle } = parse(z.object({ TaskHandle: z.string().min(1) }), input);
    const task = world.queues
      .filter(q => q.accountId === location.accountId && q.region === location.region)
      .flatMap(q => q.moveTasks)
      .find(t => t.TaskHandle === TaskHandle);
    if (!task) throw sqsErrors.resourceNotFound(`The task handle ${TaskHandle} does not exist.`);
    if (task.Status !== 'RUNNING') {
      throw sqsErrors.unsupported(`The task is ${task.Status} and can no longer be cancelled.`);
    }
    task.Status = 'CANCELLED';
    return { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved };
  }
}
