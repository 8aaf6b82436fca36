import { GetMetricDataCommand, MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { BucketResource } from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { SingleFlightCache } from '../util/SingleFlightCache';

/** The daily storage metrics of the storage classes the platform's lifecycle rules use. */
export const SIZE_STORAGE_TYPES: Array<{ id: string; storageType: string; words: string }> = [
  { id: 'standard', storageType: 'StandardStorage', words: 'Standard' },
  { id: 'standardIa', storageType: 'StandardIAStorage', words: 'Standard-IA' },
  { id: 'glacierIr', storageType: 'GlacierInstantRetrievalStorage', words: 'Glacier Instant Retrieval' },
  { id: 'deepArchive', storageType: 'DeepArchiveStorage', words: 'Glacier Deep Archive' },
];

const DAY_MS = 86_400_000;
/** S3 publishes one datapoint a day, a day or two late: three days always hold the latest. */
export const STORAGE_LOOKBACK_DAYS = 3;
/**
 * How long one read of a bucket's daily metrics is shared. S3 publishes them once a day, so
 * the card (polled every few seconds by every viewer) re-reading them adds only CloudWatch
 * calls; an hour keeps a newly published day at most an hour late.
 */
export const DAILY_STORAGE_TTL_MS = 3_600_000;

/** The GetMetricData queries of S3's daily storage metrics: size per storage class, object count. */
export function dailyStorageQueries(bucket: BucketResource): MetricDataQuery[] {
  const daily = (id: string, metricName: string, storageType: string): MetricDataQuery => ({
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/S3',
        MetricName: metricName,
        Dimensions: [
          { Name: 'BucketName', Value: bucket.bucketName },
          { Name: 'StorageType', Value: storageType },
        ],
      },
      Period: 86_400,
      Stat: 'Average',
    },
    ReturnData: true,
  });
  return [
    ...SIZE_STORAGE_TYPES.map(t => daily(`size_${t.id}`, 'BucketSizeBytes', t.storageType)),
    daily('objects', 'NumberOfObjects', 'AllStorageTypes'),
  ];
}

/**
 * A bucket's daily storage metrics (size per storage class, object count), read with one
 * GetMetricData over the last STORAGE_LOOKBACK_DAYS whole days and shared per bucket for
 * DAILY_STORAGE_TTL_MS: concurrent cards wait for one read, a failed read is not kept.
 */
export class DailyStorageMetrics {
  private readonly cache: SingleFlightCache<MetricDataResult[]>;

  constructor(ttlMs: number = DAILY_STORAGE_TTL_MS, now: () => number = Date.now) {
    this.cache = new SingleFlightCache(ttlMs, now);
  }

  read(gateway: AwsGateway, bucket: BucketResource, now: Date): Promise<MetricDataResult[]> {
    const key = `${bucket.location.accountId}/${bucket.location.region}/${bucket.bucketName}`;
    return this.cache.get(key, async () => {
      const end = now.getTime();
      const out = await gateway.send(
        bucket.location,
        'cloudWatch',
        new GetMetricDataCommand({
          MetricDataQueries: dailyStorageQueries(bucket),
          // Whole days, so each daily datapoint is one whole period.
          StartTime: new Date(Math.floor(end / DAY_MS) * DAY_MS - STORAGE_LOOKBACK_DAYS * DAY_MS),
          EndTime: new Date(end),
          ScanBy: 'TimestampDescending',
        }),
      );
      return out.MetricDataResults ?? [];
    });
  }
}
