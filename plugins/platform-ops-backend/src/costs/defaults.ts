import { CostPeriod, addDays, isoDay, monthsBefore } from './dates';

/** Default periods of the dashboard, shared with the scheduled refresh (same cache keys). */
export const DEFAULT_DAILY_DAYS = 30;
export const DEFAULT_MONTHLY_MONTHS = 5;
export const DEFAULT_UNIT_ECONOMICS_DAYS = 14;

export function defaultPeriod(
  granularity: 'DAILY' | 'MONTHLY',
  now: Date,
): CostPeriod {
  const today = isoDay(now);
  return granularity === 'DAILY'
    ? {
        start: addDays(today, -DEFAULT_DAILY_DAYS),
        end: addDays(today, 1),
        granularity,
      }
    : {
        start: monthsBefore(today, DEFAULT_MONTHLY_MONTHS),
        end: addDays(today, 1),
        granularity,
      };
}
