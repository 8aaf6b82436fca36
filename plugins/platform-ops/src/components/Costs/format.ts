/**
 * How cost figures read on the page: always with their currency and period, and with the age
 * of the data (answers are cached for hours because Cost Explorer bills per request).
 */

/** "USD 1,234.56" */
export function money(
  amount: number,
  currency: string,
  fractionDigits = 2,
): string {
  return `${currency} ${amount.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })}`;
}

/** "25 Nov" for a YYYY-MM-DD day. */
export function shortDay(day: string): string {
  return new Date(`${day.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

/** "20 Oct - 19 Nov 2026" for a period with an exclusive end. */
export function periodLabel(start: string, endExclusive: string): string {
  const last = new Date(
    new Date(`${endExclusive}T00:00:00Z`).getTime() - 86_400_000,
  );
  return `${shortDay(start)} - ${shortDay(
    last.toISOString().slice(0, 10),
  )} ${last.getUTCFullYear()}`;
}

/** "updated 12 min ago" */
export function dataAge(fetchedAt: string, now: Date = new Date()): string {
  const minutes = Math.max(
    0,
    Math.floor((now.getTime() - new Date(fetchedAt).getTime()) / 60_000),
  );
  if (minutes < 1) return 'updated just now';
  if (minutes < 60) return `updated ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `updated ${hours} h ago`;
  return `updated ${Math.floor(hours / 24)} days ago`;
}

/** Short chart label of an AWS service name ("Amazon Elastic Compute Cloud - Compute" -> "EC2 - Compute"). */
export function serviceLabel(name: string): string {
  return name
    .replace('Amazon Elastic Compute Cloud', 'EC2')
    .replace('Amazon Relational Database Service', 'RDS')
    .replace('Amazon Simple Storage Service', 'S3')
    .replace('Amazon Elastic Container Service', 'ECS')
    .replace('Amazon Simple Queue Service', 'SQS')
    .replace('Amazon Elastic Load Balancing', 'ELB')
    .replace(/^Amazon ?/, '')
    .replace(/^AWS /, '');
}
