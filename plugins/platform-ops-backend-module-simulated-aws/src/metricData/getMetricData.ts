import type { GetMetricDataCommandOutput, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { z } from 'zod';
import { cloudWatchErrors } from '../errors';
import { MetricStore, isSupportedStat } from '../world/metrics';
import { MetricMathError, Series, evaluateExpression, referencedIds } from './metricMath';

/**
 * GetMetricData with AWS's semantics: up to 500 queries, MetricStat queries bucketed by
 * their Period (aligned to it) with the requested statistic, metric math over query ids,
 * newest datapoint first unless ScanBy is TimestampAscending, MaxDatapoints with NextToken.
 */

const dateLike = z.union([z.date(), z.string(), z.number()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not a valid timestamp' });
    return z.NEVER;
  }
  return d.getTime();
});

const dimensionSchema = z.object({ Name: z.string().min(1), Value: z.string().min(1) });

const querySchema = z.object({
  Id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/, 'must start with a lowercase letter and contain only letters, numbers and underscores'),
  MetricStat: z
    .object({
      Metric: z.object({
        Namespace: z.string().min(1),
        MetricName: z.string().min(1),
        Dimensions: z.array(dimensionSchema).max(30).optional(),
      }),
      Period: z.number().int(),
      Stat: z.string().refine(isSupportedStat, 'is not a supported statistic'),
      Unit: z.string().optional(),
    })
    .optional(),
  Expression: z.string().min(1).max(2048).optional(),
  Label: z.string().optional(),
  ReturnData: z.boolean().optional(),
  Period: z.number().int().optional(),
  AccountId: z.string().optional(),
});

const inputSchema = z.object({
  MetricDataQueries: z.array(querySchema).min(1, 'must contain at least 1 query'),
  StartTime: dateLike,
  EndTime: dateLike,
  NextToken: z.string().optional(),
  ScanBy: z.enum(['TimestampDescending', 'TimestampAscending']).optional(),
  MaxDatapoints: z.number().int().positive().optional(),
  LabelOptions: z.object({ Timezone: z.string().optional() }).optional(),
});

export type GetMetricDataAnswer = Omit<GetMetricDataCommandOutput, '$metadata'>;

function validPeriod(period: number): boolean {
  return [1, 5, 10, 20, 30].includes(period) || (period > 0 && period % 60 === 0);
}

export function getMetricData(
  store: MetricStore,
  scope: string,
  rawInput: Record<string, unknown>,
  now: number,
): GetMetricDataAnswer {
  // AWS checks the collection size before anything else.
  const queriesRaw = rawInput.MetricDataQueries;
  if (Array.isArray(queriesRaw) && queriesRaw.length > 500) {
    throw cloudWatchErrors.validation(
      'The collection MetricDataQueries must not have a size greater than 500.',
    );
  }
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) {
    throw cloudWatchErrors.validation(
      parsed.error.issues.map(i => `${i.path.join('.') || 'input'} ${i.message}`).join('; '),
    );
  }
  const input = parsed.data;
  if (input.StartTime >= input.EndTime) {
    throw cloudWatchErrors.validation('The parameter StartTime must be less than the parameter EndTime.');
  }
  const ids = new Set<string>();
  input.MetricDataQueries.forEach((q, i) => {
    const where = `MetricDataQueries.member.${i + 1}`;
    if (ids.has(q.Id)) {
      throw cloudWatchErrors.validation('The values for parameter id in MetricDataQueries are not unique.');
    }
    ids.add(q.Id);
    if (!q.MetricStat === !q.Expression) {
      throw cloudWatchErrors.validation(
        `The parameter ${where} must contain exactly one of MetricStat or Expression.`,
      );
    }
    if (q.MetricStat && !validPeriod(q.MetricStat.Period)) {
      throw cloudWatchErrors.validation(
        `The parameter ${where}.MetricStat.Period must be a multiple of 60 or equal to 1, 5, 10, 20, 30.`,
      );
    }
  });
  for (const q of input.MetricDataQueries) {
    if (!q.Expression) continue;
    let refs: string[];
    try {
      refs = referencedIds(q.Expression);
    } catch (e) {
      throw cloudWatchErrors.validation(`Error in expression '${q.Id}': ${(e as Error).message}`);
    }
    for (const ref of refs) {
      if (!ids.has(ref)) {
        throw cloudWatchErrors.validation(`Error in expression '${q.Id}': Unrecognized metric id '${ref}'`);
      }
    }
  }

  const byId = new Map(input.MetricDataQueries.map(q => [q.Id, q]));
  const computed = new Map<string, Series>();
  const resolving = new Set<string>();
  const resolve = (id: string): Series => {
    const hit = computed.get(id);
    if (hit) return hit;
    if (resolving.has(id)) {
      throw cloudWatchErrors.validation(`Error in expression '${id}': Circular reference`);
    }
    resolving.add(id);
    const q = byId.get(id)!;
    let series: Series;
    if (q.MetricStat) {
      const { Metric, Period, Stat } = q.MetricStat;
      series = store.query(
        { scope, namespace: Metric.Namespace, metricName: Metric.MetricName, dimensions: Metric.Dimensions ?? [] },
        input.StartTime,
        input.EndTime,
        Period,
        Stat,
        now,
      );
    } else {
      try {
        const value = evaluateExpression(q.Expression!, resolve);
        series = value.kind === 'series' ? value.series : { timestamps: [], values: [] };
      } catch (e) {
        if (e instanceof MetricMathError) {
          throw cloudWatchErrors.validation(`Error in expression '${id}': ${e.message}`);
        }
        throw e;
      }
    }
    resolving.delete(id);
    computed.set(id, series);
    return series;
  };

  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  const max = input.MaxDatapoints ?? 100_800;
  const [startQuery, startOffset] = parseToken(input.NextToken);
  let budget = max;
  let nextToken: string | undefined;
  const results: MetricDataResult[] = [];
  const returned = input.MetricDataQueries.filter(q => q.ReturnData !== false);
  for (let qi = startQuery; qi < returned.length; qi++) {
    const q = returned[qi];
    const series = resolve(q.Id);
    let order = series.timestamps.map((t, i) => ({ t, v: series.values[i] }));
    if (descending) order = order.reverse();
    const offset = qi === startQuery ? startOffset : 0;
    const page = order.slice(offset, offset + budget);
    budget -= page.length;
    results.push({
      Id: q.Id,
      Label: q.Label ?? q.MetricStat?.Metric.MetricName ?? q.Id,
      Timestamps: page.map(p => new Date(p.t)),
      Values: page.map(p => p.v),
      StatusCode: offset + page.length < order.length ? 'PartialData' : 'Complete',
      Messages: [],
    });
    if (offset + page.length < order.length) {
      nextToken = `${qi}:${offset + page.length}`;
      break;
    }
  }
  return { MetricDataResults: results, Messages: [], ...(nextToken ? { NextToken: nextToken } : {}) };
}

function parseToken(token: string | undefined): [number, number] {
  if (token === undefined) return [0, 0];
  const m = /^(\d+):(\d+)$/.exec(token);
  if (!m) throw cloudWatchErrors.invalidNextToken();
  return [Number(m[1]), Number(m[2])];
}
