import type { LifecycleRule, ReplicationRule } from '@aws-sdk/client-s3';
import { BucketResource, EnvironmentTier, Inventory } from '@platformops/plugin-platform-ops-common';
import { regionShort } from '../dr/naming';

/** One simulated bucket: its configuration as the Terraform creates it, and how it grows. */
export interface SimBucket {
  name: string;
  accountId: string;
  region: string;
  versioning?: 'Enabled' | 'Suspended';
  replication?: { role: string; rules: ReplicationRule[] };
  lifecycle?: LifecycleRule[];
  /** Bytes on the first simulated day, and the share in each storage type. */
  baseBytes: number;
  storageShares: Record<string, number>;
  /** Mean object size, for NumberOfObjects. */
  meanObjectBytes: number;
}

const TB = 1e12;
/** Media size per tier (seed 000: 10 TB of storage in production today). */
const BASE_BYTES: Record<EnvironmentTier, number> = { dev: 0.3 * TB, sandbox: 0.1 * TB, staging: 1.5 * TB, prod: 10 * TB };

/** Every platform bucket (cdktf SecureBucket): incomplete multipart uploads are abandoned after 7 days. */
const ABORT_UPLOADS: LifecycleRule = {
  ID: 'abort-incomplete-uploads',
  Status: 'Enabled',
  Filter: { Prefix: '' },
  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
};

/**
 * The media (assets) bucket's rules as cdktf/src/constructs/storage.ts declares them: tiering to
 * Standard-IA at 90 days and Glacier Instant Retrieval at 180 (old versions expire after 30 when
 * versioned), and temp/ deleted after 7 days.
 */
function assetsLifecycle(versioned: boolean): LifecycleRule[] {
  return [
    ABORT_UPLOADS,
    {
      ID: 'tiering',
      Status: 'Enabled',
      Filter: { Prefix: '' },
      Transitions: [
        { Days: 90, StorageClass: 'STANDARD_IA' },
        { Days: 180, StorageClass: 'GLACIER_IR' },
      ],
      ...(versioned ? { NoncurrentVersionExpiration: { NoncurrentDays: 30 } } : {}),
    },
    { ID: 'temp-cleanup', Status: 'Enabled', Filter: { Prefix: 'temp/' }, Expiration: { Days: 7 } },
  ];
}

/** The DR copy's rules (cdktf backup-replication.ts): kept 90 days, old versions too. */
const BACKUP_LIFECYCLE: LifecycleRule[] = [
  ABORT_UPLOADS,
  {
    ID: 'retention',
    Status: 'Enabled',
    Filter: { Prefix: '' },
    Expiration: { Days: 90 },
    NoncurrentVersionExpiration: { NoncurrentDays: 90 },
  },
];

/** The DR copy of a media bucket: the name the region failover runbook derives too. */
export function drBucketName(bucketName: string, drRegion: string): string {
  return `${bucketName}-${regionShort(drRegion)}`;
}

/**
 * The buckets of the inventory as the environment's Terraform creates them: the media bucket
 * (versioned except in dev, seed 001), and where the environment has a DR region, the versioned
 * DR copy there and a replication rule "to-dr-region" (Standard-IA, deletions replicated, no
 * replication metrics: the Terraform does not enable them).
 */
export function seedBuckets(inventory: Inventory): SimBucket[] {
  const buckets: SimBucket[] = [];
  for (const env of inventory.environments) {
    for (const r of env.resources.filter((x): x is BucketResource => x.kind === 'bucket')) {
      const versioned = env.tier !== 'dev';
      const base = BASE_BYTES[env.tier] ?? TB;
      const dr = env.drRegion && versioned ? env.drRegion : undefined;
      buckets.push({
        name: r.bucketName,
        accountId: r.location.accountId,
        region: r.location.region,
        versioning: versioned ? 'Enabled' : undefined,
        lifecycle: assetsLifecycle(versioned),
        replication: dr
          ? {
              role: `arn:aws:iam::${r.location.accountId}:role/${env.name}-s3-replication`,
              rules: [
                {
                  ID: 'to-dr-region',
                  Priority: 0,
                  Status: 'Enabled',
                  Filter: { Prefix: '' },
                  DeleteMarkerReplication: { Status: 'Enabled' },
                  Destination: { Bucket: `arn:aws:s3:::${drBucketName(r.bucketName, dr)}`, StorageClass: 'STANDARD_IA' },
                },
              ],
            }
          : undefined,
        baseBytes: base,
        storageShares: { StandardStorage: 0.55, StandardIAStorage: 0.3, GlacierInstantRetrievalStorage: 0.15 },
        meanObjectBytes: 24e6,
      });
      if (dr) {
        buckets.push({
          name: drBucketName(r.bucketName, dr),
          accountId: r.location.accountId,
          region: dr,
          versioning: 'Enabled',
          lifecycle: BACKUP_LIFECYCLE,
          // Replicas land in Standard-IA and expire after 90 days: a bit under half the source.
          baseBytes: base * 0.45,
          storageShares: { StandardIAStorage: 1 },
          meanObjectBytes: 24e6,
        });
      }
    }
  }
  return buckets;
}
