import { LifecycleRule } from '@aws-sdk/client-s3';

/** S3 storage classes as the S3 console names them. */
const STORAGE_CLASS_WORDS: Record<string, string> = {
  STANDARD: 'Standard',
  STANDARD_IA: 'Standard-IA',
  ONEZONE_IA: 'One Zone-IA',
  INTELLIGENT_TIERING: 'Intelligent-Tiering',
  GLACIER_IR: 'Glacier Instant Retrieval',
  GLACIER: 'Glacier Flexible Retrieval',
  DEEP_ARCHIVE: 'Glacier Deep Archive',
  REDUCED_REDUNDANCY: 'Reduced Redundancy',
};

export function storageClassWords(storageClass: string): string {
  return STORAGE_CLASS_WORDS[storageClass] ?? storageClass;
}

const days = (n: number | undefined) => `${n} day${n === 1 ? '' : 's'}`;

function scope(rule: LifecycleRule): string {
  const prefix = rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix;
  const tags = rule.Filter?.Tag ? [rule.Filter.Tag] : rule.Filter?.And?.Tags ?? [];
  const parts = [
    prefix ? `objects under ${prefix}` : 'all objects',
    ...tags.map(t => `tagged ${t.Key}=${t.Value}`),
  ];
  return parts.join(' ');
}

/**
 * A lifecycle rule in words: "all objects: to Standard-IA after 90 days, to Glacier Instant
 * Retrieval after 180 days; old versions deleted 30 days after being replaced". A disabled
 * rule says so first: S3 keeps it but does not apply it.
 */
export function describeLifecycleRule(rule: LifecycleRule): string {
  const current: string[] = [];
  for (const t of rule.Transitions ?? []) {
    let when = '';
    if (t.Days !== undefined) when = `after ${days(t.Days)}`;
    else if (t.Date) when = `on ${new Date(t.Date).toISOString().slice(0, 10)}`;
    current.push(`to ${storageClassWords(String(t.StorageClass))} ${when}`.trim());
  }
  if (rule.Expiration?.Days !== undefined) current.push(`deleted after ${days(rule.Expiration.Days)}`);
  else if (rule.Expiration?.Date) current.push(`deleted on ${new Date(rule.Expiration.Date).toISOString().slice(0, 10)}`);
  if (rule.Expiration?.ExpiredObjectDeleteMarker) current.push('leftover delete markers removed');
  const other: string[] = [];
  for (const t of rule.NoncurrentVersionTransitions ?? []) {
    other.push(`old versions to ${storageClassWords(String(t.StorageClass))} ${days(t.NoncurrentDays)} after being replaced`);
  }
  if (rule.NoncurrentVersionExpiration?.NoncurrentDays !== undefined) {
    other.push(`old versions deleted ${days(rule.NoncurrentVersionExpiration.NoncurrentDays)} after being replaced`);
  }
  if (rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined) {
    other.push(`unfinished uploads abandoned after ${days(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation)}`);
  }
  const actions = [current.join(', '), ...other].filter(Boolean).join('; ');
  return `${rule.Status === 'Disabled' ? 'disabled (not applied): ' : ''}${scope(rule)}: ${actions || 'no action'}`;
}
