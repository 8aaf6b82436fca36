import { Construct } from 'constructs';
import { SecureBucket } from './bucket';

export interface StorageProps {
  assetsBucketName: string;
  uploadsBucketName: string;
  logsBucketName: string;
  versioning: boolean;
}

/**
 * The environment's buckets with the seeds' lifecycle rules:
 * - assets (seed 004): Standard-IA after 90 days, Glacier Instant Retrieval after 180,
 *   old versions expire after 30; seed 002's `temp/` prefix is deleted after 7 days.
 * - uploads (seed 001): deleted after 7 days.
 * - logs (seed 000): Standard-IA after 30 days, Glacier Deep Archive after 365.
 */
export class Storage extends Construct {
  readonly assets: SecureBucket;
  readonly uploads: SecureBucket;
  readonly logs: SecureBucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    this.assets = new SecureBucket(this, 'assets', {
      bucketName: props.assetsBucketName,
      versioning: props.versioning,
      lifecycle: [
        {
          id: 'tiering',
          transitions: [
            { days: 90, storageClass: 'STANDARD_IA' },
            { days: 180, storageClass: 'GLACIER_IR' },
          ],
          noncurrentExpireDays: 30,
        },
        { id: 'temp-cleanup', prefix: 'temp/', expireDays: 7 },
      ],
    });
    this.uploads = new SecureBucket(this, 'uploads', {
      bucketName: props.uploadsBucketName,
      versioning: props.versioning,
      lifecycle: [{ id: 'expire-uploads', expireDays: 7, noncurrentExpireDays: 1 }],
    });
    this.logs = new SecureBucket(this, 'logs', {
      bucketName: props.logsBucketName,
      versioning: props.versioning,
      lifecycle: [
        {
          id: 'archive-logs',
          transitions: [
            { days: 30, storageClass: 'STANDARD_IA' },
            { days: 365, storageClass: 'DEEP_ARCHIVE' },
          ],
          noncurrentExpireDays: 30,
        },
      ],
    });
  }
}
