import { NotFoundError } from '@backstage/errors';
import {
  FleetStatus,
  GpuFleetResource,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { byLocation } from '../queues/batching';
import { QueueService } from '../queues/QueueService';
import { SingleFlightCache } from '../util/SingleFlightCache';
import { readFleetDetail, readFleetsAt } from './FleetReader';
import { FleetSettings } from './fleetSettings';
import { toFleetStatus } from './fleetStatus';

/**
 * Fleet status per environment, cached briefly and shared between viewers (single flight):
 * one refresh of an environment is two calls per location (groups, instance lifecycles),
 * one more per group still converging (its activities, to say since when), plus the queue
 * reads it shares with the Queues view. One fleet's card (and a change's plan)
 * reads that group's policies, scheduled actions and activities too.
 */
export class FleetService {
  private readonly cache: SingleFlightCache<FleetStatus[]>;
  private readonly details: SingleFlightCache<FleetStatus>;

  constructor(
    private readonly inventory: InventoryService,
    private readonly gateway: AwsGateway,
    private readonly queues: QueueService,
    private readonly settings: FleetSettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cache = new SingleFlightCache(settings.cacheTtlMs);
    this.details = new SingleFlightCache(settings.cacheTtlMs);
  }

  /** The queue a fleet drains, from the shared list read; a failing queue read leaves the backlog out. */
  private async drainedQueues(environment: string, fleets: GpuFleetResource[]): Promise<QueueStatus[]> {
    if (!fleets.some(f => f.drainsQueue)) return [];
    return this.queues.forEnvironment(environment).catch(() => [] as QueueStatus[]);
  }

  forEnvironment(name: string): Promise<FleetStatus[]> {
    return this.cache.get(name, async () => {
      const environment = await this.inventory.getEnvironment(name);
      const fleets = environment.resources.filter(
        (r): r is GpuFleetResource => r.kind === 'gpu-fleet',
      );
      if (fleets.length === 0) return [];
      const guardrail = this.settings.guardrailFor(environment);
      const [queues, ...locations] = await Promise.all([
        // The backlog is a bonus on the fleet view: a queue read that fails leaves it out.
        this.drainedQueues(name, fleets),
        ...byLocation(fleets).map(async g => ({
          fleets: g.items,
          data: await readFleetsAt(this.gateway, g.location, g.items.map(f => f.asgName)),
        })),
      ]);
      const now = this.now();
      return locations.flatMap(({ fleets: here, data }) =>
        here.map(fleet =>
          toFleetStatus({
            fleet,
            data,
            queue: queues.find(q => q.entityRef.toLowerCase() === fleet.drainsQueue?.toLowerCase()),
            rule: this.settings.ruleFor(fleet.name),
            guardrail,
            now,
          }),
        ),
      );
    });
  }

  /** The fleet a catalog entity declares; 404 when it is not a gpu-fleet of the inventory. */
  async resolve(entityRef: string) {
    const { environment, resource } = await this.inventory.getResource(entityRef);
    if (resource.kind !== 'gpu-fleet') {
      throw new NotFoundError(`${entityRef} is a ${resource.kind}, not a gpu-fleet`);
    }
    return { environment, fleet: resource };
  }

  /** One fleet in full (its card, a change's plan): the group with its policies, schedules and activities. */
  async byEntity(entityRef: string): Promise<FleetStatus> {
    const { environment, fleet } = await this.resolve(entityRef);
    return this.details.get(fleet.entityRef, async () => {
      const [queues, data] = await Promise.all([
        this.drainedQueues(environment.name, [fleet]),
        readFleetDetail(this.gateway, fleet.location, fleet.asgName),
      ]);
      return toFleetStatus({
        fleet,
        data,
        queue: queues.find(q => q.entityRef.toLowerCase() === fleet.drainsQueue?.toLowerCase()),
        rule: this.settings.ruleFor(fleet.name),
        guardrail: this.settings.guardrailFor(environment),
        now: this.now(),
      });
    });
  }

  /** After a change, the next read goes to AWS so the card shows the group converging. */
  invalidate(environment: string) {
    this.cache.invalidate(environment);
    // Details are keyed by fleet; changes are rare enough to drop them all.
    this.details.invalidate();
    this.queues.invalidate(environment);
  }
}
