import { ResultByTime } from '@aws-sdk/client-cost-explorer';
import {
  FleetUnitEconomics,
  GpuFleetResource,
  PlatformEnvironment,
  QueueResource,
  UnitEconomicsDay,
  UnitEconomicsReport,
} from '@platformops/plugin-platform-ops-common';
import { round2 } from './analysis';
import { CostContext, oldest } from './context';
import { CostPeriod, addDays, daysBetween, isoDay } from './dates';
import { COST_METRIC, fleetCostCommand, jobsCompletedCommand } from './queries';
import { CostScope } from './scope';
import { costAndUsagePages } from './spend';

/** GPU / accelerator instance families (g4dn, g5, g6e, p4d, p5, inf2, trn1, dl1...). */
export const GPU_INSTANCE_TYPE = /^(g\d|gr\d|p\d|inf\d|trn\d|dl\d)[a-z0-9-]*\./;

/**
 * Per-day GPU instance cost split into spot and on-demand, and what on demand would have
 * cost. Non-GPU instances of the environment (API hosts, bastions) are not the fleet's.
 */
export function fleetDays(
  results: ResultByTime[],
  prices: Record<string, number>,
): {
  byDay: Map<string, Omit<UnitEconomicsDay, 'jobsCompleted' | 'costPerJob'>>;
  unpriced: Set<string>;
} {
  const byDay = new Map<
    string,
    Omit<UnitEconomicsDay, 'jobsCompleted' | 'costPerJob'>
  >();
  const unpriced = new Set<string>();
  for (const result of results) {
    const date = result.TimePeriod?.Start ?? '';
    const day = {
      date,
      fleetCost: 0,
      onDemandEquivalent: 0,
      spotSavings: 0,
      spotHours: 0,
      onDemandHours: 0,
    };
    for (const group of result.Groups ?? []) {
      const [purchaseType = '', instanceType = ''] = group.Keys ?? [];
      if (!GPU_INSTANCE_TYPE.test(instanceType)) continue;
      const cost = Number(group.Metrics?.[COST_METRIC]?.Amount ?? 0);
      const hours = Number(group.Metrics?.UsageQuantity?.Amount ?? 0);
      day.fleetCost += cost;
      if (/spot/i.test(purchaseType)) {
        day.spotHours += hours;
        const price = prices[instanceType];
        if (price === undefined) unpriced.add(instanceType);
        day.onDemandEquivalent += price === undefined ? cost : hours * price;
      } else {
        day.onDemandHours += hours;
        day.onDemandEquivalent += cost;
      }
    }
    day.spotSavings = day.onDemandEquivalent - day.fleetCost;
    byDay.set(date, day);
  }
  return { byDay, unpriced };
}

async function fleetEconomics(
  ctx: CostContext,
  period: CostPeriod,
  environment: PlatformEnvironment,
  fleet: GpuFleetResource,
  queue: QueueResource | undefined,
): Promise<{ fleet: FleetUnitEconomics; fetchedAt: Date[] }> {
  const envScope: CostScope = {
    info: {
      kind: 'environment',
      name: environment.name,
      environments: [environment.name],
    },
    environments: [environment],
    tagValues: [environment.costTag],
  };
  const cost = await costAndUsagePages(
    ctx,
    fleetCostCommand(period, envScope, ctx.config),
  );
  const fetched = [cost.fetchedAt];
  const jobsByDay = new Map<string, number>();
  if (queue) {
    // CloudWatch lives in the queue's own account and region, not in the payer account.
    const metrics = await ctx.cache.send(
      queue.location,
      'cloudWatch',
      jobsCompletedCommand(period, queue.queueName),
      { minRemainingMs: ctx.minRemainingMs },
    );
    fetched.push(metrics.fetchedAt);
    const series = metrics.value.MetricDataResults?.find(r => r.Id === 'jobs');
    (series?.Timestamps ?? []).forEach((t, i) => {
      const day = isoDay(new Date(t));
      jobsByDay.set(
        day,
        (jobsByDay.get(day) ?? 0) + (series?.Values?.[i] ?? 0),
      );
    });
  }
  const { byDay, unpriced } = fleetDays(
    cost.results,
    ctx.config.onDemandHourlyPrices,
  );
  const days: UnitEconomicsDay[] = Array.from(
    { length: daysBetween(period.start, period.end) },
    (_, i) => addDays(period.start, i),
  ).map(date => {
    const d = byDay.get(date) ?? {
      date,
      fleetCost: 0,
      onDemandEquivalent: 0,
      spotSavings: 0,
      spotHours: 0,
      onDemandHours: 0,
    };
    const jobsCompleted = jobsByDay.get(date) ?? 0;
    return {
      date,
      fleetCost: round2(d.fleetCost),
      onDemandEquivalent: round2(d.onDemandEquivalent),
      spotSavings: round2(d.spotSavings),
      spotHours: round2(d.spotHours),
      onDemandHours: round2(d.onDemandHours),
      jobsCompleted,
      costPerJob:
        jobsCompleted > 0
          ? Math.round((d.fleetCost / jobsCompleted) * 10_000) / 10_000
          : undefined,
    };
  });
  const totalCost = days.reduce((s, d) => s + d.fleetCost, 0);
  const totalJobs = days.reduce((s, d) => s + d.jobsCompleted, 0);
  // A day without job counts (no metrics yet, a paused queue) must not load its cost onto
  // the other days' jobs: the period's cost per job uses days that have both.
  const jobDays = days.filter(d => d.jobsCompleted > 0);
  const jobDaysFleetCost = jobDays.reduce((s, d) => s + d.fleetCost, 0);
  return {
    fleet: {
      fleetRef: fleet.entityRef,
      asgName: fleet.asgName,
      queueRef: queue?.entityRef,
      queueName: queue?.queueName,
      days,
      totals: {
        fleetCost: round2(totalCost),
        spotSavings: round2(days.reduce((s, d) => s + d.spotSavings, 0)),
        jobsCompleted: totalJobs,
        jobDays: jobDays.length,
        jobDaysFleetCost: round2(jobDaysFleetCost),
        costPerJob:
          totalJobs > 0
            ? Math.round((jobDaysFleetCost / totalJobs) * 10_000) / 10_000
            : undefined,
      },
      costBasis: `GPU instance types of EC2 compute tagged ${
        ctx.config.costCategory ?? ctx.config.tagKey
      }=${environment.costTag}`,
      unpricedInstanceTypes: [...unpriced].sort(),
    },
    fetchedAt: fetched,
  };
}

/**
 * Cost per processed job (GPU fleet cost / messages deleted from the queue it drains) and
 * spot savings, per day, for every GPU fleet of the scope. Complete days only: today's cost
 * and job counts are both partial and their ratio would mislead.
 */
export async function getUnitEconomics(
  ctx: CostContext,
  scope: CostScope,
  days: number,
): Promise<UnitEconomicsReport> {
  const today = isoDay(ctx.now());
  const period: CostPeriod = {
    start: addDays(today, -days),
    end: today,
    granularity: 'DAILY',
  };
  const fleets: FleetUnitEconomics[] = [];
  const fetched: Date[] = [];
  for (const environment of scope.environments) {
    for (const resource of environment.resources) {
      if (resource.kind !== 'gpu-fleet') continue;
      const queue = environment.resources.find(
        (r): r is QueueResource =>
          r.kind === 'queue' &&
          r.entityRef.toLowerCase() === resource.drainsQueue?.toLowerCase(),
      );
      // One GPU fleet per environment in the seeds; a second one would share the figures.
      const result = await fleetEconomics(
        ctx,
        period,
        environment,
        resource,
        queue,
      );
      fleets.push(result.fleet);
      fetched.push(...result.fetchedAt);
    }
  }
  return {
    scope: scope.info,
    start: period.start,
    end: period.end,
    currency: 'USD',
    fleets,
    fetchedAt: fetched.length ? oldest(...fetched) : ctx.now().toISOString(),
  };
}
