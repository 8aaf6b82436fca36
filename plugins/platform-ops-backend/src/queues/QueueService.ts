import { NotFoundError } from '@backstage/errors';
import {
  PlatformEnvironment,
  QueueResource,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { SingleFlightCache } from '../util/SingleFlightCache';
import { byLocation } from './batching';
import { readQueuesAt } from './QueueReader';

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

/**
 * Queue status per environment, cached briefly and shared: every viewer of the Queues view,
 * of a queue card or of a fleet card (which needs its queue's backlog) in the same few
 * seconds is served by one set of AWS calls.
 */
export class QueueService {
  private readonly cache: SingleFlightCache<QueueStatus[]>;

  constructor(
    private readonly inventory: InventoryService,
    private readonly gateway: AwsGateway,
    ttlMs: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cache = new SingleFlightCache(ttlMs);
  }

  forEnvironment(name: string): Promise<QueueStatus[]> {
    return this.cache.get(name, async () => {
      const environment = await this.inventory.getEnvironment(name);
      const { queues, drainedBy } = queuesOf(environment);
      const now = this.now();
      const groups = await Promise.all(
        byLocation(queues).map(g => readQueuesAt(this.gateway, g.location, g.items, drainedBy, now)),
      );
      return groups.flat();
    });
  }

  async byEntity(entityRef: string): Promise<QueueStatus> {
    const { environment, resource } = await this.inventory.getResource(entityRef);
    if (resource.kind !== 'queue') {
      throw new NotFoundError(`${entityRef} is a ${resource.kind}, not a queue`);
    }
    const queues = await this.forEnvironment(environment.name);
    const queue = queues.find(q => q.entityRef === resource.entityRef);
    if (!queue) throw new NotFoundError(`${entityRef} is not a queue of ${environment.name}`);
    return queue;
  }

  /** After a change (redrive) the next read goes to AWS. */
  invalidate(environment: string) {
    this.cache.invalidate(environment);
  }
}
