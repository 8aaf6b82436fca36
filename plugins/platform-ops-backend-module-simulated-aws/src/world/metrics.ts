/**
 * CloudWatch's metric history for the simulated account. Samples are stored once a minute
 * and rolled up on write into hourly and daily aggregates; minute samples are kept for the
 * last day (CloudWatch keeps its finest resolution only for a while too), hours for 15 days,
 * days for 455 days. Queries pick the finest resolution that still covers a period bucket.
 */

export interface MetricDimension {
  Name: string;
  Value: string;
}

export interface MetricId {
  /** CloudWatch is per account and region: `${accountId}/${region}`. */
  scope: string;
  namespace: string;
  metricName: string;
  dimensions: MetricDimension[];
}

interface Aggregate {
  t: number;
  sum: number;
  count: number;
  min: number;
  max: number;
}

interface Series {
  id: MetricId;
  minute: Aggregate[];
  hour: Aggregate[];
  day: Aggregate[];
}

export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

export const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export function metricScope(accountId: string, region: string): string {
  return `${accountId}/${region}`;
}

export function metricKey(id: MetricId): string {
  const { scope, namespace, metricName, dimensions } = id;
  // Most metrics have one dimension: skip the sort (this runs for every stored sample).
  const sorted = dimensions.length > 1 ? [...dimensions].sort((a, b) => a.Name.localeCompare(b.Name)) : dimensions;
  let dims = '';
  for (const d of sorted) dims += `${d.Name}=${d.Value},`;
  return `${scope}|${namespace}|${metricName}|${dims}`;
}

function addTo(list: Aggregate[], t: number, value: number) {
  const last = list[list.length - 1];
  if (last && last.t === t) {
    last.sum += value;
    last.count++;
    last.min = Math.min(last.min, value);
    last.max = Math.max(last.max, value);
  } else {
    list.push({ t, sum: value, count: 1, min: value, max: value });
  }
}

/** First index with t >= from (lists are sorted by t). */
function lowerBound(list: Aggregate[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].t < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MetricStore {
  private readonly series = new Map<string, Series>();

  constructor(private readonly minuteRetentionMs = DAY_MS) {}

  /** Records one sample for the minute starting at `minuteStart` (in time order per metric). */
  put(id: MetricId, minuteStart: number, value: number) {
    if (!Number.isFinite(value)) return;
    const key = metricKey(id);
    let s = this.series.get(key);
    if (!s) {
      s = { id, minute: [], hour: [], day: [] };
      this.series.set(key, s);
    }
    addTo(s.minute, minuteStart, value);
    addTo(s.hour, Math.floor(minuteStart / HOUR_MS) * HOUR_MS, value);
    addTo(s.day, Math.floor(minuteStart / DAY_MS) * DAY_MS, value);
  }

  /** Drops what is older than each resolution's retention. */
  prune(now: number) {
    for (const s of this.series.values()) {
      s.minute.splice(0, lowerBound(s.minute, now - this.minuteRetentionMs));
      s.hour.splice(0, lowerBound(s.hour, now - 15 * DAY_MS));
      s.day.splice(0, lowerBound(s.day, now - 455 * DAY_MS));
    }
  }

  has(id: MetricId): boolean {
    return this.series.has(metricKey(id));
  }

  /**
   * Datapoints of one metric: one per `periodSeconds` bucket aligned to the period, for buckets
   * starting in [start, end), oldest first. Buckets without samples are left out (as AWS does).
   */
  query(
    id: MetricId,
    start: number,
    end: number,
    periodSeconds: number,
    stat: string,
    now: number,
  ): { timestamps: number[]; values: number[] } {
    const s = this.series.get(metricKey(id));
    const timestamps: number[] = [];
    const values: number[] = [];
    if (!s) return { timestamps, values };
    const periodMs = periodSeconds * 1000;
    const first = Math.floor(start / periodMs) * periodMs;
    for (let t = first; t < end; t += periodMs) {
      const samples = this.samples(s, t, t + periodMs, periodMs, now, stat.startsWith('p'));
      if (samples.length === 0) continue;
      const value = computeStat(samples, stat);
      if (value === undefined) continue;
      timestamps.push(t);
      values.push(value);
    }
    return { timestamps, values };
  }

  private samples(s: Series, from: number, to: number, periodMs: number, now: number, percentile: boolean) {
    let list: Aggregate[];
    if (from >= now - this.minuteRetentionMs) list = s.minute;
    else if (percentile) return [];
    else if (periodMs % HOUR_MS === 0 && from >= now - 15 * DAY_MS) list = s.hour;
    else if (periodMs % DAY_MS === 0) list = s.day;
    else return [];
    const out: Aggregate[] = [];
    for (let i = lowerBound(list, from); i < list.length && list[i].t < to; i++) out.push(list[i]);
    return out;
  }
}

function computeStat(samples: Aggregate[], stat: string): number | undefined {
  const sum = samples.reduce((a, s) => a + s.sum, 0);
  const count = samples.reduce((a, s) => a + s.count, 0);
  switch (stat) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return count === 0 ? undefined : sum / count;
    case 'Minimum':
      return Math.min(...samples.map(s => s.min));
    case 'Maximum':
      return Math.max(...samples.map(s => s.max));
    default: {
      // pNN over the minute samples' values (only minute samples hold single values).
      const p = Number(stat.slice(1));
      const sorted = samples.map(s => s.sum / s.count).sort((a, b) => a - b);
      const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
      return sorted[index];
    }
  }
}

export function isSupportedStat(stat: string): boolean {
  return (
    ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) ||
    /^p(\d{1,2}(\.\d{1,2})?|100)$/.test(stat)
  );
}
