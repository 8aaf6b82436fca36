import type {
  Anomaly,
  GetAnomaliesCommandOutput,
  GetCostAndUsageCommandOutput,
  GetCostForecastCommandOutput,
  Group,
  MetricValue,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { CostBook, CostRow, HISTORY_DAYS, dayStart, dayString } from './costData/costBook';
import { CostExpression, GroupDefinition, checkExpression, evaluate, expressionSchema, groupKey } from './costData/expression';
import { fitDaily, zScore } from './costData/forecast';
import { costErrors } from './errors';
import { hashUnit } from './random';
import { ServiceModel } from './ServiceModel';
import type { PlatformWorld } from './world/PlatformWorld';

type Answer<T> = Omit<T, '$metadata'>;
type Input = Record<string, unknown>;

const DAY_MS = 86_400_000;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-01');
const METRICS = ['AmortizedCost', 'BlendedCost', 'NetAmortizedCost', 'NetUnblendedCost', 'NormalizedUsageAmount', 'UnblendedCost', 'UsageQuantity'] as const;
const FORECAST_METRICS = ['AMORTIZED_COST', 'BLENDED_COST', 'NET_AMORTIZED_COST', 'NET_UNBLENDED_COST', 'UNBLENDED_COST', 'USAGE_QUANTITY'] as const;

function parse<S extends z.ZodTypeAny>(schema: S, input: Input): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw costErrors.validation(result.error.issues.map(i => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
}

const amount = (n: number) => n.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');

/** Buckets of a period: days, or calendar months clipped to the period. */
function buckets(start: string, end: string, granularity: 'DAILY' | 'MONTHLY'): Array<{ Start: string; End: string }> {
  const out: Array<{ Start: string; End: string }> = [];
  let t = dayStart(start);
  const stop = dayStart(end);
  while (t < stop) {
    const d = new Date(t);
    const next =
      granularity === 'DAILY' ? t + DAY_MS : Math.min(stop, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    out.push({ Start: dayString(t), End: dayString(Math.min(next, stop)) });
    t = next;
  }
  return out;
}

function days(start: string, end: string): string[] {
  const out: string[] = [];
  for (let t = dayStart(start); t < dayStart(end); t += DAY_MS) out.push(dayString(t));
  return out;
}

/**
 * Cost Explorer in the simulated account: GetCostAndUsage (DAILY/MONTHLY, up to 2 GroupBy,
 * filters), GetCostForecast (linear on recent days with a prediction interval) and
 * GetAnomalies (days that jump above their trailing week), over the CostBook's rows.
 */
export class CostExplorerModel implements ServiceModel {
  readonly service = 'costExplorer' as const;
  readonly operations = ['GetCostAndUsage', 'GetCostForecast', 'GetAnomalies'] as const;

  constructor(
    private readonly world: () => PlatformWorld,
    private readonly book: () => CostBook,
  ) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    this.world().advanceTo(now.getTime());
    switch (operation) {
      case 'GetCostAndUsage':
        return this.costAndUsage(input, location);
      case 'GetCostForecast':
        return this.forecast(input, location);
      case 'GetAnomalies':
        return this.anomalies(input, location);
      default:
        throw costErrors.validation(`Unsupported operation ${operation}`);
    }
  }

  private filtered(location: AwsLocation, filter: CostExpression | undefined): (row: CostRow) => boolean {
    const book = this.book();
    const scope = book.inScope(location);
    return row => scope(row) && (!filter || evaluate(filter, row, book.tagKey));
  }

  private costAndUsage(input: Input, location: AwsLocation): Answer<GetCostAndUsageCommandOutput> {
    const q = parse(
      z.object({
        TimePeriod: z.object({ Start: date, End: date }),
        Granularity: z.enum(['DAILY', 'MONTHLY', 'HOURLY']),
        Metrics: z.array(z.string()).min(1, 'at least one metric is required'),
        GroupBy: z.array(z.object({ Type: z.enum(['DIMENSION', 'TAG', 'COST_CATEGORY']), Key: z.string().min(1) })).optional(),
        Filter: expressionSchema.optional(),
        NextPageToken: z.string().optional(),
        BillingViewArn: z.string().optional(),
      }),
      input,
    );
    if (q.Granularity === 'HOURLY') {
      throw costErrors.validation('Hourly granularity is not enabled for this account.');
    }
    for (const m of q.Metrics) {
      if (!(METRICS as readonly string[]).includes(m)) {
        throw costErrors.validation(`Invalid metric: ${m} (valid: ${METRICS.join(', ')})`);
      }
    }
    this.checkPeriod(q.TimePeriod.Start, q.TimePeriod.End);
    const groupBy = (q.GroupBy ?? []) as GroupDefinition[];
    if (groupBy.length > 2) throw costErrors.validation('GroupBy can contain at most 2 group definitions.');
    if (q.Filter) checkExpression(q.Filter);
    const book = this.book();
    for (const g of groupBy) if (g.Type === 'DIMENSION') groupKey({ service: '' } as CostRow, g, book.tagKey);
    const keep = this.filtered(location, q.Filter);
    const today = dayString(this.world().now);

    const results: ResultByTime[] = buckets(q.TimePeriod.Start, q.TimePeriod.End, q.Granularity).map(bucket => {
      const rows = days(bucket.Start, bucket.End).flatMap(d => book.rows(d)).filter(keep);
      const Estimated = bucket.End > today;
      if (groupBy.length === 0) {
        return { TimePeriod: bucket, Total: metrics(rows, q.Metrics), Groups: [], Estimated };
      }
      const groups = new Map<string, { keys: string[]; rows: CostRow[] }>();
      for (const row of rows) {
        const keys = groupBy.map(g => groupKey(row, g, book.tagKey));
        const id = keys.join('\u0000');
        const entry = groups.get(id) ?? { keys, rows: [] };
        entry.rows.push(row);
        groups.set(id, entry);
      }
      const Groups: Group[] = [...groups.values()]
        .sort((a, b) => a.keys.join().localeCompare(b.keys.join()))
        .map(g => ({ Keys: g.keys, Metrics: metrics(g.rows, q.Metrics) }));
      return { TimePeriod: bucket, Total: {}, Groups, Estimated };
    });
    return { GroupDefinitions: groupBy, ResultsByTime: results, DimensionValueAttributes: [] };
  }

  private checkPeriod(start: string, end: string) {
    if (Number.isNaN(dayStart(start)) || Number.isNaN(dayStart(end))) {
      throw costErrors.validation('TimePeriod Start and End must be valid dates (YYYY-MM-DD)');
    }
    if (start >= end) throw costErrors.validation('Start date (inclusive) must be before end date (exclusive).');
    const oldest = dayString(this.world().now - HISTORY_DAYS * DAY_MS);
    if (start < oldest) {
      throw costErrors.validation(`Start date ${start} is too old: Cost Explorer has data from ${oldest} on (about 13 months).`);
    }
  }

  /** Daily totals of the rows a filter keeps, for days [from, to). */
  private dailyTotals(location: AwsLocation, filter: CostExpression | undefined, from: number, to: number, usage: boolean): number[] {
    const keep = this.filtered(location, filter);
    const out: number[] = [];
    for (let t = from; t < to; t += DAY_MS) {
      out.push(this.book().rows(dayString(t)).filter(keep).reduce((a, r) => a + (usage ? r.quantity : r.usd), 0));
    }
    return out;
  }

  private forecast(input: Input, location: AwsLocation): Answer<GetCostForecastCommandOutput> {
    const q = parse(
      z.object({
        TimePeriod: z.object({ Start: date, End: date }),
        Metric: z.enum(FORECAST_METRICS),
        Granularity: z.enum(['DAILY', 'MONTHLY']),
        Filter: expressionSchema.optional(),
        PredictionIntervalLevel: z.number().int().min(51).max(99).optional(),
        BillingViewArn: z.string().optional(),
      }),
      input,
    );
    if (q.Filter) checkExpression(q.Filter);
    const now = this.world().now;
    const today = dayString(now);
    if (q.TimePeriod.Start < today) {
      throw costErrors.validation(`Start date must be equal to or later than the current date (${today}).`);
    }
    if (q.TimePeriod.Start >= q.TimePeriod.End) {
      throw costErrors.validation('Start date (inclusive) must be before end date (exclusive).');
    }
    const todayStart = dayStart(today);
    // Fit on the last 14 complete days; index 14 is today.
    const history = this.dailyTotals(location, q.Filter, todayStart - 14 * DAY_MS, todayStart, q.Metric === 'USAGE_QUANTITY');
    const fit = fitDaily(history);
    const z95 = zScore(q.PredictionIntervalLevel ?? 80);
    const indexOf = (day: string) => 14 + Math.round((dayStart(day) - todayStart) / DAY_MS);
    const unit = q.Metric === 'USAGE_QUANTITY' ? 'N/A' : 'USD';
    const results = buckets(q.TimePeriod.Start, q.TimePeriod.End, q.Granularity).map(bucket => {
      const ds = days(bucket.Start, bucket.End);
      const mean = ds.reduce((a, d) => a + fit.mean(indexOf(d)), 0);
      const spread = z95 * fit.sigma * Math.sqrt(ds.length);
      return {
        TimePeriod: bucket,
        MeanValue: amount(mean),
        PredictionIntervalLowerBound: amount(Math.max(0, mean - spread)),
        PredictionIntervalUpperBound: amount(mean + spread),
      };
    });
    const total = results.reduce((a, r) => a + Number(r.MeanValue), 0);
    return { Total: { Amount: amount(total), Unit: unit }, ForecastResultsByTime: results };
  }

  private anomalies(input: Input, location: AwsLocation): Answer<GetAnomaliesCommandOutput> {
    const q = parse(
      z.object({
        MonitorArn: z.string().optional(),
        DateInterval: z.object({ StartDate: date, EndDate: date.optional() }),
        Feedback: z.enum(['YES', 'NO', 'PLANNED_ACTIVITY']).optional(),
        TotalImpact: z
          .object({
            NumericOperator: z.enum(['EQUAL', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN_OR_EQUAL', 'GREATER_THAN', 'LESS_THAN', 'BETWEEN']),
            StartValue: z.number(),
            EndValue: z.number().optional(),
          })
          .optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
        NextPageToken: z.string().optional(),
      }),
      input,
    );
    const now = this.world().now;
    const end = q.DateInterval.EndDate ?? dayString(now);
    if (q.DateInterval.StartDate > end) throw costErrors.validation('StartDate must be before EndDate.');
    const book = this.book();
    const scope = book.inScope(location);
    const monitorArn = q.MonitorArn ?? `arn:aws:ce::${location.accountId}:anomalymonitor/aws-services-monitor`;
    const found: Anomaly[] = [];
    // AWS's default monitor watches each service of each linked account.
    const series = new Map<string, { accountId: string; region: string; service: string; usageType: string }>();
    for (const r of book.rows(dayString(now - DAY_MS)).filter(scope)) {
      series.set(`${r.accountId}|${r.service}`, { accountId: r.accountId, region: r.region, service: r.service, usageType: r.usageType });
    }
    for (let t = dayStart(q.DateInterval.StartDate); t <= dayStart(end) && t < dayStart(dayString(now)); t += DAY_MS) {
      const day = dayString(t);
      for (const [key, s] of series) {
        const spend = (d: string) =>
          book.rows(d).filter(r => scope(r) && `${r.accountId}|${r.service}` === key).reduce((a, r) => a + r.usd, 0);
        const actual = spend(day);
        const previous = Array.from({ length: 7 }, (_, i) => spend(dayString(t - (i + 1) * DAY_MS)));
        const expected = previous.reduce((a, b) => a + b, 0) / previous.length;
        const impact = actual - expected;
        // Seed 000: alert on a cost anomaly above 20 %; ignore cents.
        if (expected <= 0 || impact / expected <= 0.2 || impact < 5) continue;
        const score = Math.min(1, impact / expected);
        found.push({
          AnomalyId: `${hashUnit(`${key}:${day}`).toString(16).slice(2, 10)}-${day.replace(/-/g, '')}`,
          AnomalyStartDate: `${day}T00:00:00Z`,
          AnomalyEndDate: `${day}T23:59:59Z`,
          DimensionValue: s.service,
          RootCauses: [{ Service: s.service, Region: s.region, LinkedAccount: s.accountId, LinkedAccountName: accountName(this.world(), s.accountId), UsageType: s.usageType }],
          AnomalyScore: { MaxScore: score, CurrentScore: score },
          Impact: {
            MaxImpact: impact,
            TotalImpact: impact,
            TotalActualSpend: actual,
            TotalExpectedSpend: expected,
            TotalImpactPercentage: (impact / expected) * 100,
          },
          MonitorArn: monitorArn,
        });
      }
    }
    const byImpact = found.filter(a => matchesImpact(a.Impact?.TotalImpact ?? 0, q.TotalImpact));
    const offset = q.NextPageToken ? Number(q.NextPageToken) : 0;
    const max = q.MaxResults ?? 20;
    return {
      Anomalies: byImpact.slice(offset, offset + max),
      ...(offset + max < byImpact.length ? { NextPageToken: String(offset + max) } : {}),
    };
  }
}

function accountName(world: PlatformWorld, accountId: string): string {
  return world.environments.filter(e => e.accountId === accountId).map(e => e.name).join('+') || accountId;
}

function matchesImpact(
  value: number,
  f: { NumericOperator: string; StartValue: number; EndValue?: number } | undefined,
): boolean {
  if (!f) return true;
  switch (f.NumericOperator) {
    case 'EQUAL':
      return value === f.StartValue;
    case 'GREATER_THAN_OR_EQUAL':
      return value >= f.StartValue;
    case 'LESS_THAN_OR_EQUAL':
      return value <= f.StartValue;
    case 'GREATER_THAN':
      return value > f.StartValue;
    case 'LESS_THAN':
      return value < f.StartValue;
    default:
      return value >= f.StartValue && value <= (f.EndValue ?? Infinity);
  }
}

function metrics(rows: CostRow[], names: string[]): Record<string, MetricValue> {
  const usd = rows.reduce((a, r) => a + r.usd, 0);
  const quantity = rows.reduce((a, r) => a + r.quantity, 0);
  const out: Record<string, MetricValue> = {};
  for (const n of names) {
    out[n] =
      n === 'UsageQuantity' || n === 'NormalizedUsageAmount'
        ? { Amount: amount(quantity), Unit: 'N/A' }
        : { Amount: amount(usd), Unit: 'USD' };
  }
  return out;
}
