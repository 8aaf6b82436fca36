import {
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { Cached } from './CostDataCache';
import {
  CostGroupBy,
  SpendReport,
} from '@platformops/plugin-platform-ops-common';
import { groupNamesBySpend, round2, toSpendPeriods } from './analysis';
import { CostContext, oldest } from './context';
import { CostPeriod } from './dates';
import { spendCommand } from './queries';
import { CostScope } from './scope';

/** Sends a GetCostAndUsage and follows NextPageToken (each page is cached like any answer). */
export async function costAndUsagePages(
  ctx: CostContext,
  first: GetCostAndUsageCommand,
): Promise<{ results: ResultByTime[]; fetchedAt: Date }> {
  const results: ResultByTime[] = [];
  const fetched: Date[] = [];
  let command: GetCostAndUsageCommand | undefined = first;
  // Bounded: our periods are at most 366 days; a runaway token must not bill forever.
  for (let page = 0; command && page < 20; page++) {
    const answer: Cached<GetCostAndUsageCommandOutput> = await ctx.cache.send(
      ctx.payer,
      'costExplorer',
      command,
      {
        minRemainingMs: ctx.minRemainingMs,
      },
    );
    results.push(...(answer.value.ResultsByTime ?? []));
    fetched.push(answer.fetchedAt);
    const token: string | undefined = answer.value.NextPageToken;
    command = token
      ? new GetCostAndUsageCommand({ ...first.input, NextPageToken: token })
      : undefined;
  }
  return { results, fetchedAt: new Date(oldest(...fetched)) };
}

/** Spend of a scope over a period, grouped by service or by environment. */
export async function getSpend(
  ctx: CostContext,
  scope: CostScope,
  period: CostPeriod,
  groupBy: CostGroupBy,
): Promise<SpendReport> {
  const { results, fetchedAt } = await costAndUsagePages(
    ctx,
    spendCommand(period, groupBy, scope, ctx.config),
  );
  const { periods, currency } = toSpendPeriods(results);
  return {
    scope: scope.info,
    granularity: period.granularity,
    groupBy,
    start: period.start,
    end: period.end,
    currency,
    total: round2(periods.reduce((sum, p) => sum + p.total, 0)),
    periods,
    groupNames: groupNamesBySpend(periods),
    fetchedAt: fetchedAt.toISOString(),
  };
}
