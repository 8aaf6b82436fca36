import { GetMetricDataCommand, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  LifecycleRule,
  ReplicationRule,
} from '@aws-sdk/client-s3';
import { BucketResource, ResourceStateFact } from '@platformops/plugin-platform-ops-common';
import { notFoundAwsCode } from '../aws/errors';
import { AwsGateway } from '../aws/types';
import { DailyStorageMetrics, SIZE_STORAGE_TYPES, STORAGE_LOOKBACK_DAYS } from './dailyStorageMetrics';
import { describeLifecycleRule, storageClassWords } from './lifecycleWords';

/** What S3 answers when a bucket has no configuration of a kind: "none configured", not a failure. */
const NONE_CONFIGURED = new Set(['ReplicationConfigurationNotFoundError', 'NoSuchLifecycleConfiguration']);

/** Replication metrics are per minute; the latest 5-minute window says how replication is doing now. */
const REPLICATION_WINDOW_MS = 15 * 60_000;

/** The bucket does not exist: its Terraform has not been applied (NoSuchBucket). */
export class BucketNotFound extends Error {
  name = 'BucketNotFound';
}

export interface BucketStateContext {
  /** The environment's DR region, if it has one: the replication destination expected there. */
  drRegion?: string;
  now: Date;
  /** Where the daily storage metrics are shared between reads; without one, each read asks CloudWatch. */
  storage?: DailyStorageMetrics;
}

/** A fact that could not be read, with the reason in place (e.g. the IAM action refused). */
function degraded(label: string, error: unknown): ResourceStateFact {
  const reason = error instanceof Error ? error.message : String(error);
  return { label, value: 'could not be read', problem: reason };
}

/** Runs one read; NoSuchBucket anywhere means the bucket is not there at all. */
async function part<T>(read: () => Promise<T>): Promise<{ ok: T } | { none: true } | { error: unknown }> {
  try {
    return { ok: await read() };
  } catch (error) {
    const code = notFoundAwsCode(error);
    if (code === 'NoSuchBucket') throw new BucketNotFound(String((error as Error).message));
    if (code && NONE_CONFIGURED.has(code)) return { none: true };
    return { error };
  }
}

function versioningFacts(result: Awaited<ReturnType<typeof part<{ Status?: string; MFADelete?: string }>>>): ResourceStateFact[] {
  if ('error' in result) return [degraded('versioning', result.error)];
  if ('none' in result) return [{ label: 'versioning', value: 'never enabled' }];
  // A bucket never versioned answers without a Status.
  const words: Record<string, string> = { Enabled: 'enabled', Suspended: 'suspended (old versions kept, no new ones)' };
  return [{ label: 'versioning', value: words[result.ok.Status ?? ''] ?? 'never enabled' }];
}

function destinationName(bucketArn: string | undefined): string {
  return bucketArn?.replace(/^arn:aws[a-z-]*:s3:::/, '') ?? 'unknown';
}

function replicationFacts(
  bucket: BucketResource,
  result: Awaited<ReturnType<typeof part<ReplicationRule[]>>>,
  drRegion: string | undefined,
): ResourceStateFact[] {
  if ('error' in result) return [degraded('replication', result.error)];
  if ('none' in result || result.ok.length === 0) {
    return [
      {
        label: 'replication',
        value: drRegion
          ? `none configured, although the environment has a DR region (${drRegion})`
          : 'none configured (the environment has no DR region)',
      },
    ];
  }
  return result.ok.map((rule, index) => {
    const dest = destinationName(rule.Destination?.Bucket);
    // S3 names the destination by ARN only; bucket ARNs carry no region. The platform's DR copy
    // is <bucket>-<DR region short>, so a destination of that name is in the DR region.
    const region = drRegion && dest.startsWith(`${bucket.bucketName}-`) ? drRegion : undefined;
    const scope = rule.Filter?.Prefix ? `objects under ${rule.Filter.Prefix}` : 'all objects';
    const extras = [
      rule.Destination?.StorageClass ? `stored as ${storageClassWords(rule.Destination.StorageClass)}` : undefined,
      rule.DeleteMarkerReplication?.Status === 'Enabled' ? 'deletions replicated' : undefined,
      rule.Destination?.ReplicationTime?.Status === 'Enabled' ? '15-minute replication time control' : undefined,
    ].filter(Boolean);
    return {
      label: result.ok.length > 1 ? `replication rule ${rule.ID ?? index + 1}` : 'replication',
      value: `${rule.Status === 'Enabled' ? 'enabled' : 'disabled'}: ${scope} to ${dest}${region ? ` in ${region}` : ''}${
        extras.length ? ` (${extras.join(', ')})` : ''
      }`,
    };
  });
}

function lifecycleFacts(result: Awaited<ReturnType<typeof part<LifecycleRule[]>>>): ResourceStateFact[] {
  if ('error' in result) return [degraded('lifecycle', result.error)];
  if ('none' in result || result.ok.length === 0) return [{ label: 'lifecycle', value: 'no rules: objects are kept forever' }];
  return result.ok.map(rule => ({ label: `lifecycle rule ${rule.ID ?? ''}`.trim(), value: describeLifecycleRule(rule) }));
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** The latest datapoint of a result (results come newest first, but do not rely on it). */
function latest(result: MetricDataResult | undefined): { at: Date; value: number } | undefined {
  const points = (result?.Timestamps ?? []).map((t, i) => ({ at: new Date(t), value: result!.Values![i] }));
  return points.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}

/**
 * The GetMetricData queries of replication metrics, when a rule enables them (S3 publishes
 * ReplicationLatency / OperationsPendingReplication only for rules with replication metrics
 * or RTC enabled; asking otherwise returns nothing and costs a query). None otherwise.
 */
export function replicationMetricQueries(bucket: BucketResource, replicationRules: ReplicationRule[]): MetricDataQuery[] {
  const rule = replicationRules.find(r => r.Status === 'Enabled' && r.Destination?.Metrics?.Status === 'Enabled');
  if (!rule) return [];
  const dimensions = [
    { Name: 'SourceBucket', Value: bucket.bucketName },
    { Name: 'DestinationBucket', Value: destinationName(rule.Destination?.Bucket) },
    { Name: 'RuleId', Value: rule.ID ?? '' },
  ];
  return [
    ['replLatency', 'ReplicationLatency'],
    ['replPending', 'OperationsPendingReplication'],
  ].map(([id, metricName]) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'AWS/S3', MetricName: metricName, Dimensions: dimensions }, Period: 300, Stat: 'Maximum' },
    ReturnData: true,
  }));
}

function storageFacts(results: MetricDataResult[]): ResourceStateFact[] {
  const byId = new Map(results.map(r => [r.Id, r]));
  const sizes = SIZE_STORAGE_TYPES.map(t => ({ ...t, point: latest(byId.get(`size_${t.id}`)) })).filter(t => t.point);
  const objects = latest(byId.get('objects'));
  const none = `no datapoint in the last ${STORAGE_LOOKBACK_DAYS} days (S3 reports storage once a day; a new bucket gets its first within 48 hours)`;
  const facts: ResourceStateFact[] = [];
  if (sizes.length === 0) facts.push({ label: 'size', value: none });
  else {
    // Every storage class is reported for the same day; the newest day among them is the "as of".
    const asOf = new Date(Math.max(...sizes.map(s => s.point!.at.getTime())));
    const current = sizes.filter(s => s.point!.at.getTime() === asOf.getTime());
    const total = current.reduce((sum, s) => sum + s.point!.value, 0);
    const split = current.length > 1 ? ` (${current.map(s => `${s.words} ${formatBytes(s.point!.value)}`).join(', ')})` : '';
    facts.push({ label: 'size', value: `${formatBytes(total)}${split}`, asOf: asOf.toISOString() });
  }
  facts.push(
    objects
      ? { label: 'objects', value: Math.round(objects.value).toLocaleString('en-US'), asOf: objects.at.toISOString() }
      : { label: 'objects', value: none },
  );
  return facts;
}

function replicationLagFacts(results: MetricDataResult[], now: Date): ResourceStateFact[] {
  const byId = new Map(results.map(r => [r.Id, r]));
  const latency = latest(byId.get('replLatency'));
  const pending = latest(byId.get('replPending'));
  const fresh = latency && now.getTime() - latency.at.getTime() <= REPLICATION_WINDOW_MS;
  return [
    {
      label: 'replication lag',
      value: fresh
        ? `${Math.round(latency!.value)} s, ${Math.round(pending?.value ?? 0)} operations pending (latest 5 minutes)`
        : 'no replication metrics in the last 15 minutes (nothing to replicate, or S3 has not published yet)',
    },
  ];
}

/** The facts of a GetMetricData read, or the one line saying it could not be read. */
function metricFacts(
  result: Awaited<ReturnType<typeof part<MetricDataResult[]>>>,
  label: string,
  facts: (results: MetricDataResult[]) => ResourceStateFact[],
): ResourceStateFact[] {
  if ('ok' in result) return facts(result.ok);
  return [degraded(label, 'error' in result ? result.error : 'no answer')];
}

/**
 * The live state of a bucket: versioning, replication (to the DR bucket), lifecycle rules in
 * words, size / object count from S3's daily CloudWatch metrics (shared for an hour, see
 * dailyStorageMetrics.ts) and, when the replication rule publishes them, the latest
 * replication metrics (read each time: they are per minute). Three S3 reads, at most two
 * GetMetricData; a part that cannot be read (AccessDenied names the IAM action) is shown in
 * place with its reason, the others still are. NoSuchBucket throws BucketNotFound.
 */
export async function bucketFacts(gateway: AwsGateway, bucket: BucketResource, context: BucketStateContext): Promise<ResourceStateFact[]> {
  const Bucket = bucket.bucketName;
  const [versioning, replication, lifecycle] = await Promise.all([
    part(() => gateway.send(bucket.location, 's3', new GetBucketVersioningCommand({ Bucket }))),
    part(async () => (await gateway.send(bucket.location, 's3', new GetBucketReplicationCommand({ Bucket }))).ReplicationConfiguration?.Rules ?? []),
    part(async () => (await gateway.send(bucket.location, 's3', new GetBucketLifecycleConfigurationCommand({ Bucket }))).Rules ?? []),
  ]);
  const replicationQueries = replicationMetricQueries(bucket, 'ok' in replication ? replication.ok : []);
  const end = context.now.getTime();
  const [storage, lag] = await Promise.all([
    part(() => (context.storage ?? new DailyStorageMetrics(0)).read(gateway, bucket, context.now)),
    replicationQueries.length === 0
      ? undefined
      : part(async () =>
          (
            await gateway.send(
              bucket.location,
              'cloudWatch',
              new GetMetricDataCommand({
                MetricDataQueries: replicationQueries,
                StartTime: new Date(end - REPLICATION_WINDOW_MS),
                EndTime: new Date(end),
                ScanBy: 'TimestampDescending',
              }),
            )
          ).MetricDataResults ?? [],
        ),
  ]);
  return [
    ...versioningFacts(versioning),
    ...replicationFacts(bucket, replication, context.drRegion),
    ...lifecycleFacts(lifecycle),
    ...metricFacts(storage, 'size and objects', storageFacts),
    ...(lag ? metricFacts(lag, 'replication lag', results => replicationLagFacts(results, context.now)) : []),
  ];
}
