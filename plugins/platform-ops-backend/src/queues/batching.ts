import { AwsLocation } from '@platformops/plugin-platform-ops-common';

/** Splits a list into chunks of at most `size` (AWS per-call limits). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Groups resources by account and region: AWS calls batch within one location only. */
export function byLocation<T extends { location: AwsLocation }>(
  items: readonly T[],
): Array<{ location: AwsLocation; items: T[] }> {
  const groups = new Map<string, { location: AwsLocation; items: T[] }>();
  for (const item of items) {
    const key = `${item.location.accountId}/${item.location.region}`;
    const group = groups.get(key) ?? { location: item.location, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Maps with at most `limit` calls in flight: SQS has no batch read of queue attributes, so a
 * page of 500 queues is 500 calls, and sending them all at once would trip throttling.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** arn:aws:sqs:region:account:name (the commercial partition, where these platforms run). */
export function sqsQueueArn(location: AwsLocation, queueName: string): string {
  return `arn:aws:sqs:${location.region}:${location.accountId}:${queueName}`;
}
