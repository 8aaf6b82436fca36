import type {
  GetBucketLifecycleConfigurationCommandOutput,
  GetBucketReplicationCommandOutput,
  GetBucketVersioningCommandOutput,
} from '@aws-sdk/client-s3';
import { AwsLocation, Inventory } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { parseInput } from '../dr/parseInput';
import { awsError } from '../errors';
import { MetricFeed, MetricSample } from '../metricFeed';
import { hashUnit } from '../random';
import { ServiceModel } from '../ServiceModel';
import { SimBucket, seedBuckets } from './s3Seed';

type Answer<T> = Omit<T, '$metadata'>;

const DAY_MS = 86_400_000;
/** Growth of a media bucket: about 0.4 % a day (seed 000: 10 TB today, 100 TB planned). */
const DAILY_GROWTH = 0.004;

export const s3Errors = {
  noSuchBucket: (bucket: string) => awsError('NoSuchBucket', `The specified bucket does not exist: ${bucket}`, 404),
  noReplication: () =>
    awsError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404),
  noLifecycle: () => awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
  // S3 answers a bucket addressed in the wrong region with a 301, naming the endpoint to use.
  wrongRegion: (bucket: string, region: string) =>
    awsError(
      'PermanentRedirect',
      `The bucket you are attempting to access must be addressed using the specified endpoint: ${bucket}.s3.${region}.amazonaws.com`,
      301,
    ),
  accessDenied: () => awsError('AccessDenied', 'Access Denied', 403),
  invalidBucketName: (message: string) => awsError('InvalidBucketName', message, 400),
};

const bucketInput = z
  .object({
    Bucket: z
      .string()
      .min(3, 'must be 3-63 characters')
      .max(63, 'must be 3-63 characters')
      .regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'must be lowercase letters, digits, dots and hyphens'),
    ExpectedBucketOwner: z.string().regex(/^\d{12}$/, 'must be a 12-digit account id').optional(),
  })
  .strict();

/**
 * S3 in the simulated account: the bucket configuration reads (versioning, replication,
 * lifecycle) of the buckets the Terraform creates, and their daily storage metrics
 * (AWS/S3 BucketSizeBytes per storage type, NumberOfObjects) fed to CloudWatch once a day,
 * at midnight UTC, for the day that ended (as S3 reports them: once a day, a day late).
 */
export class S3Model implements ServiceModel, MetricFeed {
  readonly service = 's3' as const;
  readonly operations = ['GetBucketVersioning', 'GetBucketReplication', 'GetBucketLifecycleConfiguration'] as const;
  private buckets?: Map<string, SimBucket>;
  /** Day 0 of the growth curve: the first simulated day, when each bucket holds its seeded size. */
  private growthStart?: number;

  constructor(private readonly inventory: Inventory) {}

  private all(): Map<string, SimBucket> {
    this.buckets ??= new Map(seedBuckets(this.inventory).map(b => [b.name, b]));
    return this.buckets;
  }

  handle(operation: string, input: Record<string, unknown>, location: AwsLocation): Record<string, unknown> {
    const bucket = this.bucket(input, location);
    switch (operation) {
      case 'GetBucketVersioning':
        return this.versioning(bucket);
      case 'GetBucketReplication':
        return this.replication(bucket);
      case 'GetBucketLifecycleConfiguration':
        return this.lifecycle(bucket);
      default:
        throw awsError('NotImplemented', `The simulated account does not implement s3.${operation}`, 501);
    }
  }

  /** The bucket a call names, checked as S3 checks it: name, owner, region. */
  private bucket(input: Record<string, unknown>, location: AwsLocation): SimBucket {
    const q = parseInput(bucketInput, input, s3Errors.invalidBucketName);
    const bucket = this.all().get(q.Bucket);
    // Bucket names are global: another account's bucket is not "not found" but not yours.
    if (!bucket) throw s3Errors.noSuchBucket(q.Bucket);
    if (bucket.accountId !== location.accountId || (q.ExpectedBucketOwner && q.ExpectedBucketOwner !== bucket.accountId)) {
      throw s3Errors.accessDenied();
    }
    if (bucket.region !== location.region) throw s3Errors.wrongRegion(bucket.name, bucket.region);
    return bucket;
  }

  private versioning(bucket: SimBucket): Answer<GetBucketVersioningCommandOutput> {
    // A bucket never versioned answers an empty VersioningConfiguration.
    return bucket.versioning ? { Status: bucket.versioning, MFADelete: 'Disabled' } : {};
  }

  private replication(bucket: SimBucket): Answer<GetBucketReplicationCommandOutput> {
    if (!bucket.replication) throw s3Errors.noReplication();
    return {
      ReplicationConfiguration: {
        Role: bucket.replication.role,
        Rules: structuredClone(bucket.replication.rules),
      },
    };
  }

  private lifecycle(bucket: SimBucket): Answer<GetBucketLifecycleConfigurationCommandOutput> {
    if (!bucket.lifecycle?.length) throw s3Errors.noLifecycle();
    return { Rules: structuredClone(bucket.lifecycle), TransitionDefaultMinimumObjectSize: 'all_storage_classes_128K' };
  }

  /** Bytes in the bucket at the end of the day starting `dayStart`: steady growth with a little noise. */
  bytesOn(bucket: SimBucket, dayStart: number): number {
    const day = Math.floor((dayStart - (this.growthStart ?? dayStart)) / DAY_MS);
    const noise = 1 + (hashUnit(`${bucket.name}:${day}`) - 0.5) * 0.002;
    return bucket.baseBytes * Math.pow(1 + DAILY_GROWTH, day) * noise;
  }

  metricSamples(at: Date): MetricSample[] {
    // One datapoint a day: sampled in the day's last minute, so it lands on that day's period.
    // The first call is the start of the simulated history: sizes grow from there.
    this.growthStart ??= Math.floor(at.getTime() / DAY_MS) * DAY_MS;
    if (at.getTime() % DAY_MS !== 0) return [];
    const dayStart = at.getTime() - DAY_MS;
    const samples: MetricSample[] = [];
    for (const b of this.all().values()) {
      const total = this.bytesOn(b, dayStart);
      const sample = (metricName: string, storageType: string, value: number) =>
        samples.push({
          accountId: b.accountId,
          region: b.region,
          namespace: 'AWS/S3',
          metricName,
          dimensions: [
            { Name: 'BucketName', Value: b.name },
            { Name: 'StorageType', Value: storageType },
          ],
          value,
        });
      for (const [storageType, share] of Object.entries(b.storageShares)) {
        sample('BucketSizeBytes', storageType, Math.round(total * share));
      }
      sample('NumberOfObjects', 'AllStorageTypes', Math.round(total / b.meanObjectBytes));
    }
    return samples;
  }
}
