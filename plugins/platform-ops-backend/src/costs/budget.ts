import { Budget, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import {
  BudgetInfo,
  BudgetStatus,
  DataProblem,
} from '@platformops/plugin-platform-ops-common';
import {
  budgetTrajectory,
  round2,
  toSpendPeriods,
  groupNamesBySpend,
} from './analysis';
import { chooseBudget } from './budgetMatch';
import { cachedPages } from './cachedPages';
import { CostContext, oldest } from './context';
import {
  addDays,
  daysBetween,
  firstOfMonth,
  firstOfNextMonth,
  isoDay,
  monthLabel,
} from './dates';
import { budgetsCommand, forecastCommand, spendCommand } from './queries';
import { problemOf } from './problems';
import { CostScope } from './scope';
import { costAndUsagePages } from './spend';

/** The month-to-date spend query: also the card's "top services" (same cached answer). */
export function monthToDatePeriod(today: string) {
  return {
    start: firstOfMonth(today),
    end: addDays(today, 1),
    granularity: 'DAILY' as const,
  };
}

/** Month-to-date vs budget, forecast to the end of the month, and when it crosses. */
export async function getBudgetStatus(
  ctx: CostContext,
  scope: CostScope,
): Promise<BudgetStatus> {
  const today = isoDay(ctx.now());
  const monthStart = firstOfMonth(today);
  const monthEnd = firstOfNextMonth(today);
  const refresh = { minRemainingMs: ctx.minRemainingMs };

  const actual = await costAndUsagePages(
    ctx,
    spendCommand(monthToDatePeriod(today), 'SERVICE', scope, ctx.config),
  );
  const { periods, currency } = toSpendPeriods(actual.results);
  const actualByDay = Object.fromEntries(periods.map(p => [p.start, p.total]));
  const fetched = [actual.fetchedAt];

  const forecastByDay: Record<string, number> = {};
  const problems: DataProblem[] = [];
  let forecastSource: BudgetStatus['forecastSource'] = 'cost-explorer';
  try {
    const forecast = await ctx.cache.send(
      ctx.payer,
      'costExplorer',
      forecastCommand(today, scope, ctx.config),
      refresh,
    );
    fetched.push(forecast.fetchedAt);
    for (const f of forecast.value.ForecastResultsByTime ?? []) {
      if (f.TimePeriod?.Start)
        forecastByDay[f.TimePeriod.Start] = Number(f.MeanValue ?? 0);
    }
  } catch (error) {
    // Cost Explorer needs some history to forecast (DataUnavailableException): extend the
    // month-to-date daily average instead. Any other failure (a role without
    // ce:GetCostForecast, throttling) must not take spend and budget down with it: the same
    // stand-in, named as a problem of the view.
    if (!/DataUnavailable/.test((error as Error).message)) {
      problems.push(problemOf('forecast', error, 'the month-to-date daily average extended to the end of the month'));
    }
    forecastSource = 'run-rate';
    const complete = periods.filter(p => p.start < today);
    const rate = complete.length
      ? complete.reduce((s, p) => s + p.total, 0) / complete.length
      : 0;
    for (let d = today; d < monthEnd; d = addDays(d, 1))
      forecastByDay[d] = rate;
  }

  let budget: BudgetInfo;
  let awsBudgets: Budget[] = [];
  let budgetNote: string | undefined;
  try {
    const answer = await cachedPages(
      ctx,
      ctx.payer,
      'budgets',
      budgetsCommand(ctx.payer.accountId),
      input => new DescribeBudgetsCommand(input),
    );
    fetched.push(answer.fetchedAt);
    awsBudgets = answer.pages.flatMap(page => page.Budgets ?? []);
  } catch (error) {
    // Budgets are optional ("where defined"): config budgets still give the page a target.
    budgetNote = `AWS Budgets could not be read (${
      (error as Error).message
    }); using config budgets`;
  }
  budget = chooseBudget(scope, awsBudgets, ctx.config);
  if (budgetNote) budget = { ...budget, note: budgetNote };

  const days = Array.from(
    { length: daysBetween(monthStart, monthEnd) },
    (_, i) => addDays(monthStart, i),
  );
  const trajectory = budgetTrajectory({
    days,
    today,
    actualByDay,
    forecastByDay,
    budget: budget.amount,
    alertThresholdPercent: budget.alertThresholdPercent,
  });
  const monthToDate = round2(periods.reduce((s, p) => s + p.total, 0));
  const byService = Object.fromEntries(
    groupNamesBySpend(periods).map(name => [
      name,
      round2(periods.reduce((s, p) => s + (p.groups[name] ?? 0), 0)),
    ]),
  );
  return {
    scope: scope.info,
    monthLabel: monthLabel(today),
    monthStart,
    monthEnd,
    currency,
    monthToDate,
    budget,
    forecastMonthTotal: trajectory.forecastMonthTotal,
    forecastSource,
    topServices: Object.entries(byService)
      .slice(0, 5)
      .map(([name, amount]) => ({ name, amount })),
    days: trajectory.days,
    forecastCrossesBudgetOn: trajectory.crossesBudgetOn,
    forecastCrossesAlertOn: trajectory.crossesAlertOn,
    percentOfBudget:
      budget.amount > 0 ? round2((monthToDate / budget.amount) * 100) : 0,
    problems,
    fetchedAt: oldest(...fetched),
  };
}
