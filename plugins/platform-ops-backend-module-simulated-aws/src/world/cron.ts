/**
 * The cron subset of Auto Scaling scheduled actions ("Recurrence", 5 fields: minute hour
 * day-of-month month day-of-week, with *, lists, ranges and steps), evaluated in the
 * action's TimeZone (UTC by default).
 */

const RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function fieldMatches(field: string, value: number, [lo, hi]: [number, number]): boolean {
  return field.split(',').some(part => {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = lo;
    let to = hi;
    if (range !== '*') {
      const [a, b] = range.split('-').map(Number);
      from = a;
      if (b !== undefined) {
        to = b;
      } else {
        // "a/n" runs from a to the end of the range; a lone "a" is just a.
        to = stepText === undefined ? a : hi;
      }
    }
    return value >= from && value <= to && (value - from) % step === 0;
  });
}

/** Whether a recurrence is well formed (checked when the action is put). */
export function isValidRecurrence(recurrence: string): boolean {
  const fields = recurrence.trim().split(/\s+/);
  if (fields.length !== 5) return false;
  return fields.every((field, i) =>
    field.split(',').every(part => {
      const m = /^(\*|\d+(-\d+)?)(\/\d+)?$/.exec(part);
      if (!m) return false;
      const numbers = part.match(/\d+/g)?.map(Number) ?? [];
      const [lo, hi] = RANGES[i];
      const bounds = m[3] ? numbers.slice(0, -1) : numbers;
      return bounds.every(n => n >= lo && n <= hi) && (!m[3] || Number(m[3].slice(1)) > 0);
    }),
  );
}

function localParts(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour12: false,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find(p => p.type === type)?.value ?? '0';
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return {
    minute: Number(get('minute')),
    hour: Number(get('hour')) % 24,
    day: Number(get('day')),
    month: Number(get('month')),
    weekday,
  };
}

export function cronMatches(recurrence: string, ms: number, timeZone = 'UTC'): boolean {
  const [minute, hour, day, month, weekday] = recurrence.trim().split(/\s+/);
  const p = localParts(ms, timeZone);
  return (
    fieldMatches(minute, p.minute, RANGES[0]) &&
    fieldMatches(hour, p.hour, RANGES[1]) &&
    fieldMatches(day, p.day, RANGES[2]) &&
    fieldMatches(month, p.month, RANGES[3]) &&
    (fieldMatches(weekday, p.weekday, RANGES[4]) || (p.weekday === 0 && fieldMatches(weekday, 7, RANGES[4])))
  );
}
