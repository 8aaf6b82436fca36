import { Inventory, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { SimulatedAwsHandler, SimulatedCall } from '@platformops/plugin-platform-ops-backend';
import { AutoScalingModel } from './autoScaling';
import { BudgetsModel } from './budgets';
import { CloudWatchModel } from './cloudWatch';
import { CostBook } from './costData/costBook';
import { CostExplorerModel } from './costs';
import { Ec2Model } from './ec2';
import { commonErrors } from './errors';
import { FaultInjector, FaultSettings, faultSettingsSchema } from './faults';
import { MetricFeed, isMetricFeed } from './metricFeed';
import { seededRandom } from './random';
import { ServiceModel, SimClock, SimulatedAwsError } from './ServiceModel';
import type { DrModels } from './drModels';
import { SharedClock } from './shared/SharedClock';
import { LoggedEvent, MemoryWorldLog, WorldEvent, WorldGenesis, WorldLog } from './shared/WorldLog';
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
  /** The inventory to seed from (first call) and to compare the world with (new environments). */
  inventory: () => Promise<Inventory>;
  /**
   * The replica's base clock (wall time, or a test's manual clock). The account's own clock
   * adds the advances recorded in the world's log; a RealClock is anchored to the world's origin.
   */
  clock: SimClock & { anchor?(wallMs: number, simulatedMs: number): void };
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
  /**
   * Where the world's genesis and event log live. The plugin database makes every replica on
   * it share one world; in memory (the default) the world is this process's alone.
   */
  log?: WorldLog;
  /** Real milliseconds between two comparisons of the catalog with the world (default 10 000). */
  catalogCheckMs?: number;
}

interface Ready {
  world: PlatformWorld;
  models: Map<string, ServiceModel>;
  dr?: DrModels;
  /** Sequence number of the last log event applied. */
  applied: number;
  /** Latest simulated instant any call was answered at here: an event before it is a conflict. */
  horizon: number;
  /** Entity refs of the environments the world holds. */
  environments: Set<string>;
}

/** A logged event before this replica's horizon: its world has to be rebuilt from the log. */
class RebuildNeeded extends Error {}

/** Operations that only read: answered without the write lock and not logged. */
export function isReadOnlyOperation(operation: string): boolean {
  return /^(Describe|List|Get)/.test(operation);
}

/**
 * The simulated AWS account (platformOps.aws.mode: simulated): answers the SDK commands the
 * gateway's middleware hands it by dispatching on (service, operation) to one ServiceModel
 * per service. Faults apply first, so a refused call changes nothing. Everything is seeded
 * lazily from the inventory on the first call.
 *
 * One world per database (issue #11): the state is a pure function of the genesis (seed,
 * origin, first inventory) and of the ordered log of accepted mutating calls, clock advances,
 * fault changes and added environments. Before answering, a replica compares the log's head
 * with what it applied (one indexed query) and replays what it missed; a mutating call runs
 * under the log's write lock after catching up, at max(clock, horizon), and is appended before
 * the lock is released. Reads advance the fleet world only on its 10 s grid and changes to their
 * exact instant, so replicas that read at different moments still step identically. A replica that answered a read past the
 * instant of an event it had not seen yet (the writer's commit window) rebuilds its world by
 * replaying the log from the genesis.
 */
export class SimulatedAccount implements SimulatedAwsHandler {
  readonly faults: FaultInjector;
  readonly clock: SharedClock;
  private readonly seed: number;
  private readonly log: WorldLog;
  private ready?: Promise<Ready>;
  private queue: Promise<unknown> = Promise.resolve();
  private lastCatalogCheck = 0;
  /** How many times this replica rebuilt its world from the log (GET /simulator/state). */
  private rebuilds = 0;

  constructor(private readonly options: SimulatedAccountOptions) {
    this.clock = new SharedClock(options.clock);
    this.seed = options.seed ?? 20261120;
    this.log = options.log ?? new MemoryWorldLog();
    // Separate streams: fault draws (throttling) must not shift the world's randomness.
    this.faults = new FaultInjector(seededRandom(this.seed ^ 0x5eed));
  }

  async handle(call: SimulatedCall): Promise<Record<string, unknown>> {
    const ready = await this.synced();
    await this.faults.apply(call);
    const model = ready.models.get(`${call.service}.${call.operation}`);
    if (!model) throw commonErrors.notImplemented(call.service, call.operation);
    if (isReadOnlyOperation(call.operation)) {
      const now = this.readInstant(ready);
      return await model.handle(call.operation, call.input ?? {}, call.location, new Date(now));
    }
    return this.write(async (r, at) => {
      const target = r.models.get(`${call.service}.${call.operation}`)!;
      r.world.advanceExactlyTo(at);
      const result = await target.handle(call.operation, call.input ?? {}, call.location, new Date(at));
      const event: WorldEvent = {
        kind: 'call',
        at,
        service: call.service,
        operation: call.operation,
        input: call.input ?? {},
        location: call.location,
      };
      return { event, result };
    });
  }

  /** Operations answered, as "service.Operation" (for GET /simulator/state and the docs). */
  async operations(): Promise<string[]> {
    return [...(await this.load()).models.keys()].sort();
  }

  /** Moves simulated time forward for every replica of the world (drills: "skip the failover"). */
  async advance(ms: number): Promise<Date> {
    await this.synced();
    return this.write(async (_r, at) => {
      const now = this.clock.advance(ms);
      return { event: { kind: 'advance', at, ms }, result: now };
    });
  }

  /** Replaces the fault settings of every replica of the world (fields left out: defaults). */
  async setFaults(settings: Partial<FaultSettings>): Promise<FaultSettings> {
    const parsed = faultSettingsSchema.parse(settings);
    await this.synced();
    return this.write(async (r, at) => {
      r.world.advanceExactlyTo(at);
      return { event: { kind: 'faults', at, settings: parsed }, result: this.faults.set(parsed) };
    });
  }

  async clearFaults(): Promise<FaultSettings> {
    return this.setFaults({});
  }

  /**
   * Adds to the running world the environments the catalog gained since it was created (a
   * template published one), as logged events every replica applies. Called before answering
   * at most every `catalogCheckMs`; returns the entity refs added.
   */
  async syncCatalog(): Promise<string[]> {
    const ready = await this.synced({ skipCatalog: true });
    const inventory = await this.options.inventory();
    const added: string[] = [];
    for (const environment of inventory.environments.filter(e => !ready.environments.has(e.entityRef))) {
      const done = await this.write(async (r, at) => {
        if (r.environments.has(environment.entityRef)) return { result: false };
        this.addEnvironment(r, environment, at);
        return { event: { kind: 'environment', at, environment }, result: true };
      });
      if (done) added.push(environment.entityRef);
    }
    return added;
  }

  /** A summary of the account for GET /simulator/state. */
  async state() {
    const ready = await this.synced();
    const { world } = ready;
    world.advanceTo(this.readInstant(ready));
    return {
      now: this.clock.now().toISOString(),
      historyStartsAt: new Date(world.startedAt).toISOString(),
      faults: this.faults.current,
      log: { applied: ready.applied, rebuilds: this.rebuilds },
      environments: [...ready.environments].sort(),
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
      ...(await this.terraformState()),
    };
  }

  /**
   * Environments applied from Terraform (and the resources of theirs it does not simulate),
   * and those without Terraform, which the tier rules of seed.ts fill instead: the embedded
   * default lists none there.
   */
  private async terraformState() {
    const source = this.options.terraform;
    const inventory = await this.options.inventory();
    const terraform: Array<{ environment: string; notSimulated: Record<string, number> }> = [];
    const seededByRules: string[] = [];
    for (const env of inventory.environments) {
      const seeds = source?.(env);
      if (seeds) terraform.push({ environment: env.name, notSimulated: summarizeNotSimulated(seeds) });
      else seededByRules.push(env.name);
    }
    return { terraform, seededByRules };
  }

  /** The simulated instant a read is answered at: never before what this replica already showed. */
  private readInstant(ready: Ready): number {
    ready.horizon = Math.max(ready.horizon, this.clock.now().getTime());
    return ready.horizon;
  }

  /** The world with every logged event applied (the cheap head check first). */
  private async synced(options: { skipCatalog?: boolean } = {}): Promise<Ready> {
    let ready = await this.load();
    let head: number;
    try {
      head = await this.log.head();
    } catch (error) {
      throw unreachable(error);
    }
    if (head > ready.applied) {
      ready = await this.exclusive(async () => {
        const current = await this.load();
        try {
          return await this.applyAll(current, await this.log.since(current.applied));
        } catch (error) {
          if (!(error instanceof RebuildNeeded)) throw unreachable(error);
          return this.rebuild();
        }
      });
    }
    const every = this.options.catalogCheckMs ?? 10_000;
    if (!options.skipCatalog && Date.now() - this.lastCatalogCheck >= every) {
      this.lastCatalogCheck = Date.now();
      // A catalog that cannot answer right now must not fail AWS calls: next check retries.
      await this.syncCatalog().catch(() => {
        this.lastCatalogCheck = 0;
      });
      ready = await this.load();
    }
    return ready;
  }

  /**
   * Runs a state change under the log's write lock: catch up, make the change at
   * max(clock, horizon), append it. A change that could not be stored leaves this replica's
   * world ahead of the log, so it is dropped and rebuilt from the log on the next call.
   */
  private async write<T>(make: (ready: Ready, at: number) => Promise<{ event?: WorldEvent; result: T }>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let changed = false;
      try {
        return await this.exclusive(async () => {
          const ready = await this.load();
          const { result, seq } = await this.log.append(ready.applied, async missed => {
            await this.applyAll(ready, missed);
            const at = Math.max(this.clock.now().getTime(), ready.horizon);
            const out = await make(ready, at);
            if (out.event) {
              changed = true;
              ready.horizon = at;
            }
            return out;
          });
          if (seq !== undefined) ready.applied = seq;
          return result;
        });
      } catch (error) {
        if (error instanceof RebuildNeeded && attempt === 0) {
          await this.exclusive(() => this.rebuild());
          continue;
        }
        if (changed) {
          this.ready = undefined;
          throw unreachable(error);
        }
        throw error;
      }
    }
  }

  private async applyAll(ready: Ready, events: LoggedEvent[]): Promise<Ready> {
    for (const { seq, event } of events) {
      if (seq <= ready.applied) continue;
      if (event.kind !== 'advance' && event.at < ready.horizon) throw new RebuildNeeded();
      await this.apply(ready, event);
      ready.applied = seq;
    }
    return ready;
  }

  private async apply(ready: Ready, event: WorldEvent): Promise<void> {
    if (event.kind === 'advance') {
      this.clock.advance(event.ms);
      return;
    }
    ready.horizon = Math.max(ready.horizon, event.at);
    if (event.kind === 'faults') {
      ready.world.advanceExactlyTo(event.at);
      this.faults.set(event.settings);
    } else if (event.kind === 'environment') {
      this.addEnvironment(ready, event.environment, event.at);
    } else {
      const model = ready.models.get(`${event.service}.${event.operation}`);
      ready.world.advanceExactlyTo(event.at);
      try {
        await model?.handle(event.operation, event.input, event.location, new Date(event.at));
      } catch {
        // It was accepted when first made; the same log gives the same state, so this does
        // not happen unless models changed between releases. Nothing to apply then.
      }
    }
  }

  private addEnvironment(ready: Ready, environment: PlatformEnvironment, at: number) {
    ready.world.addEnvironment(environment, at);
    ready.dr?.addEnvironment?.(environment, new Date(at));
    ready.environments.add(environment.entityRef);
  }

  /** Serialises catch-up and writes in this process (the log's lock covers other processes). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private load(): Promise<Ready> {
    this.ready ??= this.build().catch(error => {
      // A failed seed (catalog not ready yet, database unreachable) is retried on the next call.
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private rebuild(): Promise<Ready> {
    this.rebuilds++;
    this.ready = undefined;
    return this.load();
  }

  /** The world from its genesis with the whole log replayed. */
  private async build(): Promise<Ready> {
    const genesis = await this.log.genesis(async () => {
      const inventory = await this.options.inventory();
      // At start-up the catalog may not have processed its locations yet; seeding an empty
      // world then would leave the account empty until a restart. Refuse and seed later.
      if (inventory.environments.length === 0) throw commonErrors.catalogNotReady();
      return {
        seed: this.seed,
        origin: this.options.clock.now().getTime(),
        originWallMs: Date.now(),
        environments: inventory.environments,
      };
    });
    this.options.clock.anchor?.(genesis.originWallMs, genesis.origin);
    // Advances are replayed from the log; fault settings too (the last logged ones win).
    this.clock.reset();
    const ready = this.create(genesis);
    const events = await this.log.since(0);
    for (const { seq, event } of events) {
      await this.apply(ready, event);
      ready.applied = seq;
    }
    return ready;
  }

  private create(genesis: WorldGenesis): Ready {
    const inventory: Inventory = { environments: genesis.environments, problems: [] };
    let creating = true;
    const dr = this.options.extraModels?.({
      inventory,
      // Models read the time once while they are built: the world's origin on every replica.
      clock: { now: () => (creating ? new Date(genesis.origin) : this.clock.now()) },
      random: seededRandom(genesis.seed ^ 0xd15a),
      isRegionDown: region => this.faults.current.regionsDown.includes(region),
      terraform: this.options.terraform,
    });
    creating = false;
    // S3 rides with the DR models: it is both a model and a metric feed (daily storage metrics).
    const drModels = [...(dr?.models ?? []), new S3Model(inventory)];
    const world = new PlatformWorld({
      inventory,
      random: seededRandom(genesis.seed),
      now: genesis.origin,
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
      taggingModel(inventory, this.options.costTagKey, dr?.taggedResources, this.options.terraform),
    ];
    const models = new Map<string, ServiceModel>();
    for (const model of [...own, ...drModels]) {
      for (const operation of model.operations) {
        const key = `${model.service}.${operation}`;
        if (models.has(key)) throw new Error(`Two simulated models answer ${key}`);
        models.set(key, model);
      }
    }
    return {
      world,
      models,
      dr,
      applied: 0,
      horizon: genesis.origin,
      environments: new Set(genesis.environments.map(e => e.entityRef)),
    };
  }
}

/** The database behind the shared world failed: AWS would have been "unavailable". */
function unreachable(error: unknown): Error {
  if (error instanceof SimulatedAwsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SimulatedAwsError(
    'ServiceUnavailable',
    `The simulated account could not reach the world it shares with the other replicas (the plugin database): ${message}`,
    503,
  );
}
