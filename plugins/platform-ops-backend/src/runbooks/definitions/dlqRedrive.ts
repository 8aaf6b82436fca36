import { GetQueueAttributesCommand, ListMessageMoveTasksCommand } from '@aws-sdk/client-sqs';
import { QueueResource } from '@platformops/plugin-platform-ops-common';
import { planRedrive } from '../../queues/redrive';
import { RunbookDefinition, RunbookStep, StepCall } from '../types';
import { check, guarded, queue, sqsArn } from './common';

function listTasksCall(q: QueueResource): StepCall<ListMessageMoveTasksCommand> {
  return {
    service: 'sqs',
    location: q.location,
    command: new ListMessageMoveTasksCommand({ SourceArn: sqsArn(q.location, q.dlqName!), MaxResults: 1 }),
    plane: 'control',
  };
}

/**
 * DLQ redrive as a runbook step (SQS StartMessageMoveTask from the DLQ back to its source
 * queue). Starting a second move task while one runs fails, and a finished one must not be
 * repeated blindly: the step checks ListMessageMoveTasks first.
 */
export const dlqRedriveRunbook: RunbookDefinition = {
  id: 'dlq-redrive',
  title: 'DLQ redrive',
  description: 'Moves the messages of the dead-letter queue back to the source queue and waits until the move task completes.',
  rtoTargetMinutes: 30,
  appliesTo: target => Boolean(queue(target)?.dlqName),

  async preflight(target, aws) {
    const q = queue(target)!;
    return [
      await guarded('dlq-has-messages', 'The DLQ has messages to redrive', async () => {
        const out = await aws.send({
          service: 'sqs',
          location: q.location,
          command: new GetQueueAttributesCommand({ QueueUrl: q.dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
          plane: 'data',
        });
        const count = Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
        return check('dlq-has-messages', 'The DLQ has messages to redrive', count > 0, `${count} message(s) in ${q.dlqName}`, 'warn');
      }, 'warn'),
    ];
  },

  steps(target, _resolved, _options): RunbookStep[] {
    const q = queue(target)!;
    const latestStatus = (tasks: Array<{ Status?: string }> | undefined) => tasks?.[0]?.Status;
    return [
      {
        id: 'start-move',
        title: `Start moving ${q.dlqName} back to ${q.queueName}`,
        kind: 'aws-action',
        dependsOn: [],
        // The queue capability's redrive command, so both buttons send the same call.
        calls: planRedrive(q).map(call => ({ ...call, location: q.location, plane: 'control' as const })),
        alreadyDone: async aws => {
          const status = latestStatus((await aws.send(listTasksCall(q))).Results);
          return status === 'RUNNING' ? 'a move task from this DLQ is already running' : undefined;
        },
      },
      {
        id: 'wait-moved',
        title: 'Wait until the move task completes',
        kind: 'wait-until',
        dependsOn: ['start-move'],
        probe: () => listTasksCall(q),
        until: out => {
          const task = (out as { Results?: Array<{ Status?: string; ApproximateNumberOfMessagesMoved?: number; FailureReason?: string }> }).Results?.[0];
          if (task?.Status === 'FAILED') throw new Error(`move task failed: ${task.FailureReason ?? 'no reason given'}`);
          return { done: task?.Status === 'COMPLETED', detail: `move task ${task?.Status ?? 'not found'}, ${task?.ApproximateNumberOfMessagesMoved ?? 0} moved` };
        },
        timeoutSeconds: 60 * 60,
        intervalSeconds: 15,
      },
    ];
  },
};
