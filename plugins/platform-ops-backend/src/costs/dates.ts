import { InputError } from '@backstage/errors';

/**
 * Cost Explorer works in UTC calendar days written YYYY-MM-DD, with an exclusive End. These
 * helpers keep that convention in one place, and check a requested period against what Cost
 * Explorer accepts before anything is sent (a rejected request is still billed).
 */

const DAY_MS = 86_400_000;

/** Cost Explorer keeps 13 past months plus the current one (without multi-year data). */
export const MAX_MONTHS_BACK = 13;
/**
 * Our bound for DAILY periods: Cost Explorer pages long daily answers, and a year of days
 * is what a chart can show; longer periods should use MONTHLY.
 */
export const MAX_DAILY_DAYS = 366;

export type Granularity = 'DAILY' | 'MONTHLY';

export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(parseDay(day).getTime() + days * DAY_MS));
}

export function daysBetween(start: string, end: string): number {
  return Math.round(
    (parseDay(end).getTime() - parseDay(start).getTime()) / DAY_MS,
  );
}

export function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

export function firstOfNextMonth(day: string): string {
  const d = parseDay(firstOfMonth(day));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return isoDay(d);
}

/** First day of the month `months` before the month of `day`. */
export function monthsBefore(day: string, months: number): string {
  const d = parseDay(firstOfMonth(day));
  d.setUTCMonth(d.getUTCMonth() - months);
  return isoDay(d);
}

/** "Nov 2026": the period label the UI puts next to month-to-date figures. */
export function monthLabel(day: string): string {
  return parseDay(day).toLocaleString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A period checked against Cost Explorer's limits. */
export interface CostPeriod {
  start: string;
  /** Exclusive, as in Cost Explorer. */
  end: string;
  granularity: Granularity;
}

/**
 * Throws a 400 naming the problem when Cost Explorer would refuse the period (or when it
 * makes no sense): the future, more than 13 months back, end not after start, too many days.
 */
export function checkPeriod(period: CostPeriod, now: Date): CostPeriod {
  const today = isoDay(now);
  const { start, end, granularity } = period;
  for (const [name, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
      isoDay(parseDay(value)) !== value
    ) {
      throw new InputError(`${name}: "${value}" is not a date (YYYY-MM-DD)`);
    }
  }
  if (end <= start) {
    throw new InputError(
      `end (${end}) must be after start (${start}); end is exclusive`,
    );
  }
  if (start > today || end > addDays(today, 1)) {
    throw new InputError(
      `the period ${start}..${end} is in the future: cost data exists up to today (${today}); use the forecast for later dates`,
    );
  }
  const oldest = monthsBefore(today, MAX_MONTHS_BACK);
  if (start < oldest) {
    throw new InputError(
      `start (${start}) is older than Cost Explorer keeps: at most ${MAX_MONTHS_BACK} months back plus this month, i.e. from ${oldest}`,
    );
  }
  if (granularity === 'DAILY' && daysBetween(start, end) > MAX_DAILY_DAYS) {
    throw new InputError(
      `a DAILY period can be at most ${MAX_DAILY_DAYS} days (asked ${daysBetween(
        start,
        end,
      )}); use MONTHLY for longer periods`,
    );
  }
  return period;
}
