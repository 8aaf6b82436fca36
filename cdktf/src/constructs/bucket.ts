import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  S3BucketLifecycleConfiguration,
  S3BucketLifecycleConfigurationRule,
} from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';

/** A lifecycle rule in seed terms: move to a storage class after N days, expire after M. */
export interface LifecycleRule {
  id: string;
  prefix?: string;
  transitions?: { days: number; storageClass: string }[];
  expireDays?: number;
  noncurrentExpireDays?: number;
}

export interface SecureBucketProps {
  bucketName: string;
  versioning: boolean;
  lifecycle: LifecycleRule[];
  /** SSE-S3 (AES-256, as the seeds specify) unless a KMS key is given. */
  kmsKeyArn?: string;
  /** Keep the bucket (and its objects) when the stack is destroyed. */
  forceDestroy?: boolean;
  provider?: TerraformProvider;
}

/**
 * An S3 bucket that is private, encrypted and lifecycle-managed by construction: every
 * bucket the platform creates goes through here, so none can be created without them.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly versioning?: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { provider } = props;
    this.bucket = new S3Bucket(this, 'bucket', {
      provider,
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
    });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      provider,
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      provider,
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: props.kmsKeyArn
            ? { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }
            : { sseAlgorithm: 'AES256' },
          bucketKeyEnabled: Boolean(props.kmsKeyArn),
        },
      ],
    });
    if (props.versioning) {
      this.versioning = new S3BucketVersioningA(this, 'versioning', {
        provider,
        bucket: this.bucket.id,
        versioningConfiguration: { status: 'Enabled' },
      });
    }
    const rules: S3BucketLifecycleConfigurationRule[] = [
      // Every bucket: incomplete multipart uploads cost money and serve no one (seed 004).
      {
        id: 'abort-incomplete-uploads',
        status: 'Enabled',
        filter: [{ prefix: '' }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
      ...props.lifecycle.map(
        (r): S3BucketLifecycleConfigurationRule => ({
          id: r.id,
          status: 'Enabled',
          filter: [{ prefix: r.prefix ?? '' }],
          transition: r.transitions?.map(t => ({ days: t.days, storageClass: t.storageClass })),
          expiration: r.expireDays ? [{ days: r.expireDays }] : undefined,
          noncurrentVersionExpiration:
            r.noncurrentExpireDays && props.versioning
              ? [{ noncurrentDays: r.noncurrentExpireDays }]
              : undefined,
        }),
      ),
    ];
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      provider,
      bucket: this.bucket.id,
      rule: rules,
      dependsOn: this.versioning ? [this.versioning] : undefined,
    });
  }
}
