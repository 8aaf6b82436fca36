import { DatabaseResource, Inventory, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { MetricFeed, MetricSample } from '../metricFeed';
import { PurchaseOption } from '../priceTable';
import { hashUnit } from '../random';
import { seedWorld } from '../seed';
import type { TerraformSeedSource } from '../terraform/source';
import { SimAlarm, evaluateAlarm, seedAlarms } from './alarms';
import { activeInstances, advanceGroup } from './groups';
import { MINUTE_MS, MetricStore, metricScope } from './metrics';
import {
  advanceMoveTask,
  advanceQueue,
  delayedCount,
  notVisibleCount,
  runWorkers,
} from './queues';
import { evaluateGroupScaling } from './scaling';
import { EnvironmentSeed, SimGroup, SimMessage, SimQueue } from './types';

/** Instance-hours of one day, group, instance type and purchase option (what Cost Explorer bills). */
export interface UsageRow {
  day: string;
  accountId: string;
  region: string;
  environment: string;
  costTag: string;
  groupName: string;
  instanceType: string;
  purchase: PurchaseOption;
  hours: number;
}

export interface WorldOptions {
  inventory: Inventory;
  random: () => number;
  /** Real (simulated) time at creation. */
  now: number;
  /** History simulated before `now` on creation, so charts and costs are not empty. */
  backfillMs: number;
  /** Other models' metrics (e.g. RDS ReplicaLag from the DR models). */
  metricFeeds?: MetricFeed[];
  /**
   * ReplicaLag of a read replica from the RDS model (undefined once it is no longer a
   * replica, e.g. promoted); without it the world makes up a plausible lag.
   */
  replicaLagSeconds?: (replicaId: string, at: Date) => number | undefined;
  /** Cost-allocation tag key the resources carry (platformOps.aws.simulation.costTagKey). */
  costTagKey?: string;
  /** Current override of the share of jobs that always fail (fault injection). */
  poisonRateOverride?: () => number | undefined;
  /** Environments applied from their synthesized Terraform (see seed.ts). */
  terraform?: TerraformSeedSource;
}

const STEP_MS = 10_000;

/** Cross-region read replicas of an environment's databases (their ReplicaLag). */
function replicasOf(env: PlatformEnvironment) {
  return env.resources
    .filter((r): r is DatabaseResource => r.kind === 'database' && !!r.replicaId)
    .map(r => ({
      accountId: r.location.accountId,
      region: env.drRegion ?? r.location.region,
      id: r.replicaId!,
    }));
}

/**
 * The fleet side of the simulated account: Auto Scaling groups, the queues they drain, the
 * CloudWatch history and alarms they produce, and the instance-hours they bill. It has no
 * timers: every call first advances it to the clock's `now` in small steps, so state is a
 * pure function of the seed, the calls made and the clock.
 */
export class PlatformWorld {
  readonly environments: EnvironmentSeed[];
  readonly groups: SimGroup[];
  readonly queues: SimQueue[];
  readonly alarms: SimAlarm[];
  readonly metrics: MetricStore;
  readonly usage = new Map<string, UsageRow>();
  /** First simulated instant (now - backfill at creation). */
  readonly startedAt: number;
  readonly costTagKey: string;
  private time: number;
  private readonly random: () => number;
  private readonly feeds: MetricFeed[];
  private readonly replicas: Array<{ accountId: string; region: string; id: string }>;

  constructor(private readonly options: WorldOptions) {
    this.random = options.random;
    this.costTagKey = options.costTagKey ?? 'environment';
    this.startedAt = Math.floor((options.now - options.backfillMs) / MINUTE_MS) * MINUTE_MS;
    this.time = this.startedAt;
    this.metrics = new MetricStore(Math.max(86_400_000, options.backfillMs));
    this.feeds = options.metricFeeds ?? [];
    const seed = seedWorld(options.inventory, this.startedAt, this.random, options.terraform);
    this.environments = seed.environments;
    this.groups = seed.groups;
    this.queues = seed.queues;
    this.alarms = seedAlarms(this.queues, this.environments, this.startedAt);
    this.replicas = options.inventory.environments.flatMap(replicasOf);
    this.bootInitialFleets();
    this.advanceTo(options.now);
  }

  get now(): number {
    return this.time;
  }

  /**
   * Steps the model up to `target` (never backwards), rounded down to a fixed 10 s grid:
   * what a read sees. Reads happen at different moments on different replicas; on the grid
   * they take the same steps, so replicas replaying the same log stay identical.
   */
  advanceTo(target: number) {
    this.advanceExactlyTo(Math.floor(target / STEP_MS) * STEP_MS);
  }

  /**
   * Steps the model exactly to `target`: only for the instants of logged changes (a mutating
   * call, a fault change), which every replica applies at the same instant. Steps end at the
   * next grid point or the target, whichever comes first, so a change between two grid points
   * splits one step the same way everywhere.
   */
  advanceExactlyTo(target: number) {
    while (this.time < target) {
      const nextGrid = (Math.floor(this.time / STEP_MS) + 1) * STEP_MS;
      const next = Math.min(nextGrid, target);
      this.step(this.time, next);
      this.time = next;
      if (next % MINUTE_MS === 0) this.endOfMinute(next);
    }
  }

  /**
   * Seeds an environment the catalog gained while the world runs (a template published it):
   * its groups, queues and alarms start at `at`, the fleets launching as a new group does.
   */
  addEnvironment(environment: PlatformEnvironment, at: number) {
    this.advanceExactlyTo(at);
    const inventory: Inventory = { environments: [environment], problems: [] };
    const seed = seedWorld(inventory, this.time, this.random, this.options.terraform);
    this.environments.push(...seed.environments);
    this.queues.push(...seed.queues);
    this.groups.push(...seed.groups);
    this.alarms.push(...seedAlarms(seed.queues, seed.environments, this.time));
    this.replicas.push(...replicasOf(environment));
    for (const group of seed.groups) this.reconcile(group);
  }

  /** Applies a change made by a call now (desired capacity, distribution...): converge at once. */
  reconcile(group: SimGroup) {
    advanceGroup(group, this.time, this.time, this.random, this.abandonFor(group));
  }

  findGroup(accountId: string, region: string, name: string): SimGroup | undefined {
    return this.groups.find(g => g.accountId === accountId && g.region === region && g.name === name);
  }

  findQueue(accountId: string, region: string, name: string): SimQueue | undefined {
    return this.queues.find(q => q.accountId === accountId && q.region === region && q.name === name);
  }

  queueByArn(arn: string): SimQueue | undefined {
    return this.queues.find(q => q.arn === arn);
  }

  queueByUrl(url: string): SimQueue | undefined {
    return this.queues.find(q => q.url === url);
  }

  /** Messages available to receive now (ApproximateNumberOfMessagesVisible). */
  visibleCount(queue: SimQueue): number {
    return queue.visible.filter(m => m.availableAt <= this.time).length;
  }

  notVisibleCount(queue: SimQueue): number {
    return notVisibleCount(queue, this.groups);
  }

  delayedCount(queue: SimQueue): number {
    return delayedCount(queue, this.time);
  }

  private poisonOverride(): number | undefined {
    return this.options.poisonRateOverride?.();
  }

  /** The first fleets are already running when history starts. */
  private bootInitialFleets() {
    for (const group of this.groups) {
      advanceGroup(group, this.startedAt, this.startedAt, this.random, () => undefined);
      for (const instance of group.instances) {
        instance.launchedAt = this.startedAt - 3 * 86_400_000;
        instance.readyAt = instance.launchedAt + 150_000;
        instance.state = 'InService';
      }
      for (const activity of group.activities) {
        activity.StartTime = this.startedAt - 3 * 86_400_000;
        activity.EndTime = activity.StartTime + 150_000;
        activity.StatusCode = 'Successful';
        activity.Progress = 100;
      }
    }
  }

  private abandonFor(group: SimGroup) {
    const queue = group.queueName
      ? this.findQueue(group.accountId, group.region, group.queueName)
      : undefined;
    return (message: SimMessage, startedAt: number) => {
      if (!queue) return;
      message.invisibleUntil = startedAt + queue.visibilityTimeoutSeconds * 1000;
      queue.invisible.push(message);
    };
  }

  private step(from: number, to: number) {
    for (const group of this.groups) {
      this.accrue(group, from, to);
      advanceGroup(group, from, to, this.random, this.abandonFor(group));
    }
    const override = this.poisonOverride();
    for (const queue of this.queues) advanceQueue(queue, from, to, this.random, override);
    for (const group of this.groups) {
      const queue = group.queueName
        ? this.findQueue(group.accountId, group.region, group.queueName)
        : undefined;
      if (!queue) continue;
      const dlq = queue.redrive ? this.queueByArn(queue.redrive.deadLetterTargetArn) : undefined;
      runWorkers(group, queue, dlq, from, to, this.random);
    }
    for (const queue of this.queues) {
      for (const task of queue.moveTasks) {
        advanceMoveTask(task, queue, arn => this.queueByArn(arn), from, to, this.random, override);
      }
    }
  }

  /** Instance-hours: an instance bills from launch until it is gone, Pending and Terminating included. */
  private accrue(group: SimGroup, from: number, to: number) {
    const dayIndex = Math.floor(from / 86_400_000);
    for (const instance of group.instances) {
      const start = Math.max(from, instance.launchedAt);
      const end = Math.min(to, instance.goneAt ?? to);
      if (end <= start) continue;
      // The row is looked up once per instance and day: this runs every 10 simulated seconds.
      if (instance.usage?.dayIndex !== dayIndex) {
        const day = new Date(dayIndex * 86_400_000).toISOString().slice(0, 10);
        const key = `${day}|${group.arn}|${instance.instanceType}|${instance.purchase}`;
        let row = this.usage.get(key);
        if (!row) {
          row = {
            day,
            accountId: group.accountId,
            region: group.region,
            environment: group.environment,
            costTag: group.costTag,
            groupName: group.name,
            instanceType: instance.instanceType,
            purchase: instance.purchase,
            hours: 0,
          };
          this.usage.set(key, row);
        }
        instance.usage = { dayIndex, row };
      }
      instance.usage.row.hours += (end - start) / 3_600_000;
    }
  }

  private endOfMinute(at: number) {
    const minute = at - MINUTE_MS;
    for (const queue of this.queues) {
      const scope = metricScope(queue.accountId, queue.region);
      const put = (metricName: string, value: number) =>
        this.metrics.put(
          { scope, namespace: 'AWS/SQS', metricName, dimensions: [{ Name: 'QueueName', Value: queue.name }] },
          minute,
          value,
        );
      const visible = queue.visible.filter(m => m.availableAt <= at);
      put('ApproximateNumberOfMessagesVisible', visible.length);
      put('ApproximateNumberOfMessagesNotVisible', this.notVisibleCount(queue));
      put('ApproximateNumberOfMessagesDelayed', delayedCount(queue, at));
      const oldest = visible.reduce((min, m) => Math.min(min, m.sentAt), at);
      put('ApproximateAgeOfOldestMessage', Math.round((at - oldest) / 1000));
      put('NumberOfMessagesSent', queue.minute.sent);
      put('NumberOfMessagesReceived', queue.minute.received);
      put('NumberOfMessagesDeleted', queue.minute.deleted);
      queue.minute = { sent: 0, received: 0, deleted: 0 };
    }
    for (const group of this.groups) {
      const scope = metricScope(group.accountId, group.region);
      const dimensions = [{ Name: 'AutoScalingGroupName', Value: group.name }];
      const put = (namespace: string, metricName: string, value: number) =>
        this.metrics.put({ scope, namespace, metricName, dimensions }, minute, value);
      const inService = group.instances.filter(i => i.state === 'InService');
      put('AWS/AutoScaling', 'GroupDesiredCapacity', group.desired);
      put('AWS/AutoScaling', 'GroupMinSize', group.minSize);
      put('AWS/AutoScaling', 'GroupMaxSize', group.maxSize);
      put('AWS/AutoScaling', 'GroupInServiceInstances', inService.length);
      put('AWS/AutoScaling', 'GroupPendingInstances', group.instances.filter(i => i.state === 'Pending').length);
      put('AWS/AutoScaling', 'GroupTerminatingInstances', group.instances.filter(i => i.state === 'Terminating').length);
      put('AWS/AutoScaling', 'GroupTotalInstances', group.instances.length);
      if (inService.length > 0) {
        // A GPU worker's host CPU: busy decoding/encoding while a job runs, near idle otherwise.
        const busy = inService.filter(i => i.job).length / inService.length;
        const noise = hashUnit(`${group.arn}:cpu:${minute}`) * 6;
        put('AWS/EC2', 'CPUUtilization', Math.min(100, 4 + busy * 78 + noise));
      }
    }
    const fed = this.feeds.flatMap(feed => feed.metricSamples(new Date(at)));
    for (const sample of fed) {
      this.metrics.put(
        {
          scope: metricScope(sample.accountId, sample.region),
          namespace: sample.namespace,
          metricName: sample.metricName,
          dimensions: sample.dimensions,
        },
        minute,
        sample.value,
      );
    }
    this.sampleReplicaLag(at, minute, fed);
    for (const group of this.groups) evaluateGroupScaling(this, group, at);
    // An alarm's evaluated window only moves when one of its periods completes.
    for (const alarm of this.alarms) {
      if (at % (alarm.Period * 1000) === 0) evaluateAlarm(alarm, this.metrics, at);
    }
    if (at % 3_600_000 === 0) this.metrics.prune(at);
  }

  /**
   * Default ReplicaLag of cross-region replicas (a few seconds, spikier at the busy hours),
   * used unless a metric feed (the RDS model) publishes the replica's lag itself.
   */
  private sampleReplicaLag(at: number, minute: number, fed: MetricSample[]) {
    for (const replica of this.replicas) {
      const published = fed.some(
        s => s.metricName === 'ReplicaLag' && s.dimensions.some(d => d.Value === replica.id),
      );
      if (published) continue;
      const id = {
        scope: metricScope(replica.accountId, replica.region),
        namespace: 'AWS/RDS',
        metricName: 'ReplicaLag',
        dimensions: [{ Name: 'DBInstanceIdentifier', Value: replica.id }],
      };
      if (this.options.replicaLagSeconds) {
        const lag = this.options.replicaLagSeconds(replica.id, new Date(at));
        if (lag !== undefined) this.metrics.put(id, minute, lag);
        continue;
      }
      const base = 1 + hashUnit(`${replica.id}:lag:${minute}`) * 3;
      const busy = ((at % 86_400_000) / 3_600_000 > 12 && (at % 86_400_000) / 3_600_000 < 17) ? 2 : 0;
      this.metrics.put(
        {
          scope: metricScope(replica.accountId, replica.region),
          namespace: 'AWS/RDS',
          metricName: 'ReplicaLag',
          dimensions: [{ Name: 'DBInstanceIdentifier', Value: replica.id }],
        },
        minute,
        Math.round((base + busy) * 10) / 10,
      );
    }
  }

  /** Number of instances that count towards capacity, for the scaling policies. */
  capacity(group: SimGroup): number {
    return activeInstances(group).length;
  }

  /** For the policies module: the random source the world steps with. */
  get rng(): () => number {
    return this.random;
  }
}
