import { NotFoundError } from '@backstage/errors';
import {
  EnvironmentReadProblem,
  PlatformEnvironment,
  QueueResource,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { SingleFlightCache } from '../util/SingleFlightCache';
import { byLocation } from './batching';
import { readQueueDetail, readQueuesAt } from './QueueReader';

/** Queue resources of an environment, and which fleets drain each one. */
function queuesOf(environment: PlatformEnvironment) {
  const queues = environment.resources.filter((r): r is QueueResource => r.kind === 'queue');
  const drainedBy = new Map<string, string[]>();
  for (const r of environment.resources) {
    if (r.kind !== 'gpu-fleet' || !r.drainsQueue) continue;
    const key = r.drainsQueue.toLowerCase();
    drainedBy.set(key, [...(drainedBy.get(key) ?? []), r.entityRef]);
  }
  return { queues, drainedBy };
}

/** An environment's queues as a list shows them, with what could not be read. */
export interface EnvironmentQueues {
  queues: QueueStatus[];
  problems: EnvironmentReadProblem[];
}

export type QueueSeriesDepth = 'list' | 'full';

/**
 * Queue status per environment, cached briefly and shared: every viewer of the Queues view,
 * of a queue card or of a fleet card (which needs its queue's backlog) in the same few
 * seconds is served by one set of AWS calls. Lists read CloudWatch (a few GetMetricData
 * calls per account and region, whatever the number of queues); one queue's card adds a
 * live GetQueueAttributes of that queue and its DLQ.
 */
export class QueueService {
  private readonly lists: SingleFlightCache<EnvironmentQueues>;
  private readonly details: SingleFlightCache<QueueStatus>;

  constructor(
    private readonly inventory: InventoryService,
    private readonly gateway: AwsGateway,
    ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lists = new SingleFlightCache(ttlMs);
    this.details = new SingleFlightCache(ttlMs);
  }

  /** The list read of an environment; `full` adds the throughput series the charts draw. */
  listForEnvironment(name: string, series: QueueSeriesDepth = 'list'): Promise<EnvironmentQueues> {
    return this.lists.get(`${name}|${series}`, async () => {
      const environment = await this.inventory.getEnvironment(name);
      const { queues, drainedBy } = queuesOf(environment);
      const now = this.now();
      const groups = await Promise.all(
        byLocation(queues).map(g => readQueuesAt(this.gateway, g.location, g.items, drainedBy, now, series)),
      );
      return {
        queues: groups.flatMap(g => g.queues),
        problems: groups.flatMap(g => g.problems.map(p => ({ environment: name, ...p }))),
      };
    });
  }

  async forEnvironment(name: string): Promise<QueueStatus[]> {
    return (await this.listForEnvironment(name)).queues;
  }

  /** One queue, read fresh from SQS (its card): what the list says, plus live counts and the charts. */
  async byEntity(entityRef: string): Promise<QueueStatus> {
    const { environment, resource } = await this.inventory.getResource(entityRef);
    if (resource.kind !== 'queue') {
      throw new NotFoundError(`${entityRef} is a ${resource.kind}, not a queue`);
    }
    return this.details.get(resource.entityRef, async () => {
      const queues = await this.forEnvironment(environment.name);
      const listed = queues.find(q => q.entityRef === resource.entityRef);
      if (!listed) throw new NotFoundError(`${entityRef} is not a queue of ${environment.name}`);
      return readQueueDetail(this.gateway, listed, this.now());
    });
  }

  /** After a change (redrive) the next read goes to AWS. */
  invalidate(environment: string) {
    this.lists.invalidate(`${environment}|list`);
    this.lists.invalidate(`${environment}|full`);
    // Details are keyed by queue; a change is rare enough to drop them all.
    this.details.invalidate();
  }
}
