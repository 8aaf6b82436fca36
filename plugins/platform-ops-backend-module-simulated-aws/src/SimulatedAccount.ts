import { Inventory } from '@platformops/plugin-platform-ops-common';
import { SimulatedAwsHandler, SimulatedCall } from '@platformops/plugin-platform-ops-backend';
import { AutoScalingModel } from './autoScaling';
import { BudgetsModel } from './budgets';
import { CloudWatchModel } from './cloudWatch';
import { CostBook } from './costData/costBook';
import { CostExplorerModel } from './costs';
import { Ec2Model } from './ec2';
import { commonErrors } from './errors';
import { FaultInjector } from './faults';
import { MetricFeed, isMetricFeed } from './metricFeed';
import { seededRandom } from './random';
import { ServiceModel, SimClock } from './ServiceModel';
import type { DrModels } from './drModels';
import { AdvanceableClock } from './SimClock';
import { SqsModel } from './sqs';
import { S3Model } from './s3/S3Model';
import { taggingModel } from './tagging';
import { activeInstances } from './world/groups';
import { PlatformWorld } from './world/PlatformWorld';
import type { TerraformSeedSource } from './terraform/source';
import { summarizeNotSimulated } from './terraform/convert';

/** What the DR models need (src/simulator/dr: RDS, Route 53, ECS, ElastiCache, CloudFront). */
export interface DrModelContext {
  inventory: Inventory;
  clock: SimClock;
  random: () => number;
  /** Fault injection: whether a region is "down" right now. */
  isRegionDown: (region: string) => boolean;
  /** Environments applied from their synthesized Terraform (src/terraform). */
  terraform?: TerraformSeedSource;
}

export interface SimulatedAccountOptions {
  /** The inventory to seed from; read once, on the first call (start-up stays fast). */
  inventory: () => Promise<Inventory>;
  clock: AdvanceableClock;
  /** PRNG seed: the same seed and clock give the same account. */
  seed?: number;
  /** Hours of history simulated on first use so charts and costs are not empty (default 24). */
  backfillHours?: number;
  /** Cost-allocation tag key of the resources (default "environment"). */
  costTagKey?: string;
  /**
   * The synthesized Terraform of an environment, when known: the account then holds exactly
   * what it declares (src/terraform); other environments follow the seeding rules.
   */
  terraform?: TerraformSeedSource;
  /** Models of the other services (the DR models), created once the inventory is known. */
  extraModels?: (context: DrModelContext) => DrModels;
}

interface Ready {
  world: PlatformWorld;
  models: Map<string, ServiceModel>;
}

/**
 * The simulated AWS account (platformOps.aws.mode: simulated): answers the SDK commands the
 * gateway's middleware hands it by dispatching on (service, operation) to one ServiceModel
 * per service. Faults apply first, so a refused call changes nothing. Everything is seeded
 * lazily from the inventory on the first call.
 */
export class SimulatedAccount implements SimulatedAwsHandler {
  readonly faults: FaultInjector;
  readonly clock: AdvanceableClock;
  private readonly seed: number;
  private ready?: Promise<Ready>;

  constructor(private readonly options: SimulatedAccountOptions) {
    this.clock = options.clock;
    this.seed = options.seed ?? 20261120;
    // Separate streams: fault draws (throttling) must not shift the world's randomness.
    this.faults = new FaultInjector(seededRandom(this.seed ^ 0x5eed));
  }

  async handle(call: SimulatedCall): Promise<Record<string, unknown>> {
    await this.faults.apply(call);
    const { models } = await this.load();
    const model = models.get(`${call.service}.${call.operation}`);
    if (!model) throw commonErrors.notImplemented(call.service, call.operation);
    return await model.handle(call.operation, call.input ?? {}, call.location, this.clock.now());
  }

  /** Operations answered, as "service.Operation" (for GET /simulator/state and the docs). */
  async operations(): Promise<string[]> {
    return [...(await this.load()).models.keys()].sort();
  }

  /** Moves simulated time forward (tests, drills: "skip the 2 minutes of failover"). */
  async advance(ms: number): Promise<Date> {
    const now = this.clock.advance(ms);
    (await this.load()).world.advanceTo(now.getTime());
    return now;
  }

  /** A summary of the account for GET /simulator/state. */
  async state() {
    const { world } = await this.load();
    world.advanceTo(this.clock.now().getTime());
    return {
      now: new Date(world.now).toISOString(),
      historyStartsAt: new Date(world.startedAt).toISOString(),
      faults: this.faults.current,
      autoScalingGroups: world.groups.map(g => ({
        name: g.name,
        accountId: g.accountId,
        region: g.region,
        min: g.minSize,
        max: g.maxSize,
        desired: g.desired,
        inService: g.instances.filter(i => i.state === 'InService').length,
        pending: g.instances.filter(i => i.state === 'Pending').length,
        terminating: g.instances.filter(i => i.state === 'Terminating').length,
        spot: activeInstances(g).filter(i => i.purchase === 'spot').length,
        busy: g.instances.filter(i => i.job).length,
        suspendedProcesses: [...g.suspended.keys()],
        policies: [...g.policies.keys()],
      })),
      queues: world.queues.map(q => ({
        name: q.name,
        accountId: q.accountId,
        region: q.region,
        deadLetterQueue: q.isDeadLetterQueue,
        visible: world.visibleCount(q),
        notVisible: world.notVisibleCount(q),
        runningMoveTasks: q.moveTasks.filter(t => t.Status === 'RUNNING').length,
      })),
      alarms: world.alarms.map(a => ({ name: a.AlarmName, state: a.StateValue })),
      terraform: await this.terraformState(),
    };
  }

  /** Environments applied from Terraform and the resources of theirs it does not simulate. */
  private async terraformState() {
    const source = this.options.terraform;
    if (!source) return [];
    const inventory = await this.options.inventory();
    return inventory.environments.flatMap(env => {
      const seeds = source(env);
      return seeds ? [{ environment: env.name, notSimulated: summarizeNotSimulated(seeds) }] : [];
    });
  }

  private load(): Promise<Ready> {
    this.ready ??= this.create().catch(error => {
      // A failed seed (catalog not ready yet) is retried on the next call.
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async create(): Promise<Ready> {
    const inventory = await this.options.inventory();
    // At start-up the catalog may not have processed its locations yet; seeding an empty
    // world then would leave the account empty until a restart. Refuse and seed later.
    if (inventory.environments.length === 0) throw commonErrors.catalogNotReady();
    const dr = this.options.extraModels?.({
      inventory,
      clock: this.clock,
      random: seededRandom(this.seed ^ 0xd15a),
      isRegionDown: region => this.faults.current.regionsDown.includes(region),
      terraform: this.options.terraform,
    });
    // S3 rides with the DR models: it is both a model and a metric feed (daily storage metrics).
    const drModels = [...(dr?.models ?? []), new S3Model(inventory)];
    const world = new PlatformWorld({
      inventory,
      random: seededRandom(this.seed),
      now: this.clock.now().getTime(),
      backfillMs: (this.options.backfillHours ?? 24) * 3_600_000,
      costTagKey: this.options.costTagKey,
      metricFeeds: drModels.filter((m): m is ServiceModel & MetricFeed => isMetricFeed(m)),
      replicaLagSeconds: dr?.replicaLagSeconds,
      poisonRateOverride: () => this.faults.current.jobFailureRate,
      terraform: this.options.terraform,
    });
    const book = new CostBook(world);
    const own: ServiceModel[] = [
      new AutoScalingModel(() => world),
      new SqsModel(() => world),
      new CloudWatchModel(() => world),
      new CostExplorerModel(() => world, () => book),
      new BudgetsModel(() => world, () => book),
      new Ec2Model(() => world),
      taggingModel(inventory, this.options.costTagKey),
    ];
    const models = new Map<string, ServiceModel>();
    for (const model of [...own, ...drModels]) {
      for (const operation of model.operations) {
        const key = `${model.service}.${operation}`;
        if (models.has(key)) throw new Error(`Two simulated models answer ${key}`);
        models.set(key, model);
      }
    }
    return { world, models };
  }
}
