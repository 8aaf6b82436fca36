import { ResultByTime } from '@aws-sdk/client-cost-explorer';
import {
  CostIncrease,
  SpendPeriod,
} from '@platformops/plugin-platform-ops-common';
import { COST_METRIC } from './queries';

/** Pure arithmetic of the cost views, kept apart from AWS calls so it is tested on its own. */

/** Cents: Cost Explorer returns long decimal strings, the UI shows two places. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Group key as the UI shows it: a TAG or COST_CATEGORY group comes back as "key$value"
 * ("environment$prod"), and an empty value means the spend carries no such tag.
 */
export function groupLabel(key: string): string {
  const dollar = key.indexOf('$');
  if (dollar < 0) return key;
  return key.slice(dollar + 1) || 'untagged';
}

/** Cost Explorer's ResultsByTime as spend periods, and the currency it reported. */
export function toSpendPeriods(results: ResultByTime[] | undefined): {
  periods: SpendPeriod[];
  currency: string;
} {
  let currency = 'USD';
  const periods = (results ?? []).map(result => {
    const groups: Record<string, number> = {};
    for (const group of result.Groups ?? []) {
      const metric = group.Metrics?.[COST_METRIC];
      if (!metric) continue;
      currency = metric.Unit ?? currency;
      const label = groupLabel(group.Keys?.[0] ?? 'unknown');
      groups[label] = (groups[label] ?? 0) + Number(metric.Amount ?? 0);
    }
    const total = result.Total?.[COST_METRIC]
      ? Number(result.Total[COST_METRIC].Amount ?? 0)
      : Object.values(groups).reduce((a, b) => a + b, 0);
    for (const k of Object.keys(groups)) groups[k] = round2(groups[k]);
    return {
      start: result.TimePeriod?.Start ?? '',
      end: result.TimePeriod?.End ?? '',
      total: round2(total),
      groups,
      estimated: result.Estimated ?? false,
    };
  });
  return { periods, currency };
}

/** Group names by total spend over the periods, largest first (stacking order of the chart). */
export function groupNamesBySpend(periods: SpendPeriod[]): string[] {
  const totals = new Map<string, number>();
  for (const p of periods) {
    for (const [k, v] of Object.entries(p.groups))
      totals.set(k, (totals.get(k) ?? 0) + v);
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
}

/**
 * Cumulative spend per day of the month: actual before `today`, forecast from `today` on
 * (today's actual is partial, the forecast covers the whole day), and the first days the
 * running total passes the alert threshold and the budget.
 */
export function budgetTrajectory(input: {
  days: string[];
  today: string;
  actualByDay: Record<string, number>;
  forecastByDay: Record<string, number>;
  budget: number;
  alertThresholdPercent: number;
}): {
  days: Array<{ date: string; actual?: number; forecast?: number }>;
  forecastMonthTotal: number;
  crossesBudgetOn?: string;
  crossesAlertOn?: string;
} {
  const alertAt = (input.budget * input.alertThresholdPercent) / 100;
  let running = 0;
  let crossesBudgetOn: string | undefined;
  let crossesAlertOn: string | undefined;
  const days = input.days.map(date => {
    const isActual = date < input.today;
    running += isActual
      ? input.actualByDay[date] ?? 0
      : input.forecastByDay[date] ?? 0;
    if (!crossesAlertOn && running > alertAt) crossesAlertOn = date;
    if (!crossesBudgetOn && running > input.budget) crossesBudgetOn = date;
    return isActual
      ? { date, actual: round2(running) }
      : { date, forecast: round2(running) };
  });
  return {
    days,
    forecastMonthTotal: round2(running),
    crossesBudgetOn,
    crossesAlertOn,
  };
}

/**
 * The seeds' fallback anomaly signal (seed 000: "cost anomaly detected (> 20 % increase)"):
 * a day whose spend, in total or for one service, exceeds the average of the 7 days before
 * it by more than the threshold. Increases under one currency unit are noise, not findings.
 */
export function detectIncreases(
  periods: SpendPeriod[],
  thresholdPercent: number,
  currency: string,
): CostIncrease[] {
  const BASELINE_DAYS = 7;
  const MIN_ABSOLUTE_INCREASE = 1;
  const subjects = new Set<string>(['total']);
  for (const p of periods) Object.keys(p.groups).forEach(k => subjects.add(k));
  const findings: CostIncrease[] = [];
  for (const subject of subjects) {
    const series = periods.map(p =>
      subject === 'total' ? p.total : p.groups[subject] ?? 0,
    );
    for (let i = BASELINE_DAYS; i < periods.length; i++) {
      const baseline =
        series.slice(i - BASELINE_DAYS, i).reduce((a, b) => a + b, 0) /
        BASELINE_DAYS;
      const amount = series[i];
      if (baseline <= 0 || amount - baseline < MIN_ABSOLUTE_INCREASE) continue;
      const increasePercent = ((amount - baseline) / baseline) * 100;
      if (increasePercent > thresholdPercent) {
        findings.push({
          source: 'increase-rule',
          date: periods[i].start,
          subject,
          amount: round2(amount),
          baseline: round2(baseline),
          increasePercent: Math.round(increasePercent * 10) / 10,
          currency,
        });
      }
    }
  }
  return findings.sort(
    (a, b) => b.date.localeCompare(a.date) || b.amount - a.amount,
  );
}
