import { NotFoundError } from '@backstage/errors';
import { queueRedrivePermission, QueueResource } from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { MutationOutcome, MutationRunner } from '../changes/MutationRunner';
import { ChangeActor, runPlannedChange } from '../changes/runPlannedChange';
import { HistoryQuery } from '../changes/types';
import { InventoryService } from '../inventory/InventoryService';
import { QueueService } from './QueueService';
import { listRedriveTasks, planRedrive } from './redrive';

/**
 * Queue changes (the dead-letter redrive) and what they need to show: the running move
 * tasks and the change history. No HTTP here: routes and actions call it alike.
 */
export class QueueChanges {
  constructor(
    private readonly deps: {
      queues: QueueService;
      inventory: InventoryService;
      runner: MutationRunner;
      gateway: AwsGateway;
    },
  ) {}

  /** The queue an entity ref names; 404 when it names something else. */
  async resolve(entityRef: string) {
    const { environment, resource } = await this.deps.inventory.getResource(entityRef);
    if (resource.kind !== 'queue') throw new NotFoundError(`${entityRef} is a ${resource.kind}, not a queue`);
    return { environment, queue: resource as QueueResource };
  }

  /** A page of the change history of a queue, newest first. */
  async history(entityRef: string, query: HistoryQuery = {}) {
    const { queue } = await this.resolve(entityRef);
    return this.deps.runner.history(queue.entityRef, query);
  }

  /** SQS message move tasks of the queue's dead-letter queue, newest first. */
  async redriveTasks(entityRef: string) {
    const { queue } = await this.resolve(entityRef);
    return listRedriveTasks(this.deps.gateway, queue);
  }

  /**
   * Starts moving the dead-letter queue's messages back. `actor` may be a function: it is
   * called once the queue is known, so an unknown queue is a 404 before any credential check.
   */
  async redrive(
    input: { entityRef: string; maxNumberOfMessagesPerSecond?: number },
    actor: ChangeActor | (() => Promise<ChangeActor>),
  ): Promise<MutationOutcome> {
    const { runner, gateway, queues } = this.deps;
    const { environment, queue } = await this.resolve(input.entityRef);
    return runPlannedChange({ runner, gateway }, typeof actor === 'function' ? await actor() : actor, {
      action: 'queue-redrive-dlq',
      permission: queueRedrivePermission,
      targetRef: queue.entityRef,
      input: { ...input, entityRef: queue.entityRef },
      plan: async () => ({
        calls: planRedrive(queue, input.maxNumberOfMessagesPerSecond),
        location: queue.location,
      }),
      after: outputs => {
        queues.invalidate(environment.name);
        const started = outputs[0] as { TaskHandle?: string } | undefined;
        return started?.TaskHandle ? { taskHandle: started.TaskHandle } : {};
      },
    });
  }
}
