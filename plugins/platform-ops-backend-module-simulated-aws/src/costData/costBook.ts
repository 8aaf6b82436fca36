import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { CE_SERVICES, FIXED_MONTHLY_COSTS, instanceHourlyPrice, PurchaseOption } from '../priceTable';
import { hashUnit } from '../random';
import { onDemandTarget } from '../world/groups';
import type { PlatformWorld } from '../world/PlatformWorld';

/**
 * The billing data behind Cost Explorer and Budgets: one row per day, account, service and
 * usage type. GPU rows are instance-hours x the price table — measured by the world for the
 * days it simulated, modelled from the fleets' seeded capacity for the ~13 months before
 * (with usage growing over time and a few deterministic spikes for anomaly detection). The
 * other services bill their seed monthly figure spread over the days.
 */
export interface CostRow {
  day: string;
  accountId: string;
  region: string;
  environment: string;
  costTag: string;
  service: string;
  usageType: string;
  instanceType?: string;
  purchaseType?: 'On Demand Instances' | 'Spot Instances';
  workload: string;
  usd: number;
  quantity: number;
}

const DAY_MS = 86_400_000;
export const HISTORY_DAYS = 400;

export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export class CostBook {
  private readonly cache = new Map<string, CostRow[]>();

  constructor(private readonly world: PlatformWorld) {}

  /** Accounts whose costs a caller sees: its own, or all of them from a management account. */
  inScope(location: AwsLocation): (row: CostRow) => boolean {
    const member = this.world.environments.some(e => e.accountId === location.accountId);
    return member ? row => row.accountId === location.accountId : () => true;
  }

  get tagKey(): string {
    return this.world.costTagKey;
  }

  /** Rows of one day; past days are computed once, today grows until midnight. */
  rows(day: string): CostRow[] {
    const now = this.world.now;
    const today = dayString(now);
    if (day > today) return [];
    if (dayStart(day) < dayStart(today) - HISTORY_DAYS * DAY_MS) return [];
    const cached = this.cache.get(day);
    if (cached) return cached;
    const rows = this.compute(day, now);
    if (day < today) this.cache.set(day, rows);
    return rows;
  }

  private compute(day: string, now: number): CostRow[] {
    const start = dayStart(day);
    // Share of the day that has been billed (today is partial).
    const elapsed = Math.min(1, Math.max(0, (now - start) / DAY_MS));
    const rows: CostRow[] = [];
    const monthsAgo = (now - start) / (30 * DAY_MS);
    // Usage grew ~2.5 % a month: older months cost less, so month views show a trend.
    const trend = Math.max(0.6, 1 - 0.025 * monthsAgo);
    for (const env of this.world.environments) {
      const base = { day, accountId: env.accountId, region: env.region, environment: env.name, costTag: env.costTag };
      for (const fixed of FIXED_MONTHLY_COSTS[env.tier]) {
        const noise = 1 + (hashUnit(`${env.name}:${fixed.service}:${day}`) - 0.5) * 0.06;
        const usd = ((fixed.usd * 12) / 365) * trend * noise * elapsed;
        rows.push({ ...base, service: fixed.service, usageType: fixed.usageType, workload: fixed.workload, usd, quantity: 24 * elapsed });
      }
    }
    for (const [key, hours] of this.gpuHours(day, start, now, trend)) {
      const [groupArn, instanceType, purchase] = key.split('|') as [string, string, PurchaseOption];
      const group = this.world.groups.find(g => g.arn === groupArn)!;
      const price = instanceHourlyPrice(instanceType, purchase);
      rows.push({
        day,
        accountId: group.accountId,
        region: group.region,
        environment: group.environment,
        costTag: group.costTag,
        service: CE_SERVICES.ec2Compute,
        usageType: `${purchase === 'spot' ? 'SpotUsage' : 'BoxUsage'}:${instanceType}`,
        instanceType,
        purchaseType: purchase === 'spot' ? 'Spot Instances' : 'On Demand Instances',
        workload: 'gpu',
        usd: hours * price,
        quantity: hours,
      });
    }
    return rows;
  }

  /** Instance-hours per group|type|purchase: measured where simulated, modelled before. */
  private gpuHours(day: string, start: number, now: number, trend: number): Map<string, number> {
    const hours = new Map<string, number>();
    const add = (key: string, h: number) => hours.set(key, (hours.get(key) ?? 0) + h);
    const simStart = this.world.startedAt;
    const end = Math.min(start + DAY_MS, now);
    const modelledShare = Math.max(0, Math.min(end, simStart) - start) / DAY_MS;
    if (modelledShare > 0) {
      for (const group of this.world.groups) {
        const spikeDay = dayString(simStart - (9 + Math.floor(hashUnit(`${group.arn}:spike`) * 20)) * DAY_MS);
        const spike = day === spikeDay ? 1.6 + hashUnit(`${group.arn}:spike-size`) * 0.8 : 1;
        const noise = 1 + (hashUnit(`${group.arn}:${day}`) - 0.5) * 0.16;
        const capacity = group.desired * 24 * modelledShare * trend * noise * spike;
        const onDemandShare = group.desired === 0 ? 1 : onDemandTarget(group, group.desired) / group.desired;
        add(`${group.arn}|${group.instanceTypes[0]}|on-demand`, capacity * onDemandShare);
        for (const type of group.instanceTypes) {
          add(`${group.arn}|${type}|spot`, (capacity * (1 - onDemandShare)) / group.instanceTypes.length);
        }
      }
    }
    for (const row of this.world.usage.values()) {
      if (row.day !== day) continue;
      const group = this.world.groups.find(g => g.name === row.groupName && g.accountId === row.accountId && g.region === row.region)!;
      add(`${group.arn}|${row.instanceType}|${row.purchase}`, row.hours);
    }
    for (const [key, h] of hours) if (h <= 0) hours.delete(key);
    return hours;
  }
}
