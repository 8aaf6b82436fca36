/**
 * Auto Scaling's Recurrence as AWS validates it (PutScheduledUpdateGroupAction: "Unix cron
 * syntax format ... five fields separated by white spaces: [Minute] [Hour] [Day_of_Month]
 * [Month_of_Year] [Day_of_Week]", 1-255 characters; the Crontab format it points to allows
 * values, ranges, steps and lists, `*`, and month / day names (not in ranges or lists)).
 * Checked before a dry-run answers, so a dry-run cannot pass what the real call would fail.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Value of names[0] (jan = 1, sun = 0). */
  namesFrom?: number;
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
    namesFrom: 1,
  },
  // 0 and 7 are both Sunday in Unix cron.
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'], namesFrom: 0 },
];

const NUMBER = /^\d{1,2}$/;

function checkNumber(text: string, field: CronField): string | undefined {
  if (!NUMBER.test(text)) return `"${text}" is not a number`;
  const n = Number(text);
  return n < field.min || n > field.max ? `${n} is outside ${field.min}-${field.max}` : undefined;
}

/** One element of a comma list: *, n, a-b, with an optional /step. */
function checkElement(element: string, field: CronField): string | undefined {
  const [range, step, extra] = element.split('/');
  if (extra !== undefined) return `"${element}" has more than one /`;
  if (step !== undefined) {
    if (!/^\d{1,2}$/.test(step) || Number(step) < 1) return `step "${step}" must be a number from 1`;
  }
  if (range === '*') return undefined;
  const [from, to, more] = range.split('-');
  if (more !== undefined) return `"${range}" is not a range`;
  const bad = checkNumber(from, field) ?? (to === undefined ? undefined : checkNumber(to, field));
  if (bad) return bad;
  if (to !== undefined && Number(from) > Number(to)) return `range ${range} runs backwards`;
  return undefined;
}

/** Why a cron field is invalid, or undefined. */
function checkField(text: string, field: CronField): string | undefined {
  if (field.names?.includes(text.toLowerCase())) return undefined;
  const elements = text.split(',');
  for (const element of elements) {
    if (element === '') return 'has an empty list element';
    const bad = checkElement(element, field);
    if (bad) return bad;
  }
  return undefined;
}

/**
 * Why `expression` is not a Recurrence AWS accepts, or undefined when it is. The answer
 * names the field, e.g. `hour: 24 is outside 0-23`.
 *
 * @public
 */
export function explainCronRecurrence(expression: string): string | undefined {
  if (expression.length < 1 || expression.length > 255) return 'must be 1-255 characters';
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5 || parts[0] === '') {
    return `must have five fields (minute hour day-of-month month day-of-week), not ${parts[0] === '' ? 0 : parts.length}`;
  }
  for (let i = 0; i < 5; i++) {
    const bad = checkField(parts[i], FIELDS[i]);
    if (bad) return `${FIELDS[i].name}: ${bad}`;
  }
  return undefined;
}
