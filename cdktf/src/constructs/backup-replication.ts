import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecureBucket } from './bucket';
import { assumeRolePolicy, policyDocument } from './iam';

export interface BackupReplicationProps {
  name: string;
  source: SecureBucket;
  backupBucketName: string;
  drProvider: TerraformProvider;
}

/**
 * Cross-region backup (seed 004): a versioned bucket in the DR region, kept 90 days, that
 * the assets bucket replicates into.
 */
export class BackupReplication extends Construct {
  readonly backup: SecureBucket;

  constructor(scope: Construct, id: string, props: BackupReplicationProps) {
    super(scope, id);
    this.backup = new SecureBucket(this, 'backup', {
      provider: props.drProvider,
      bucketName: props.backupBucketName,
      versioning: true,
      lifecycle: [{ id: 'retention', expireDays: 90, noncurrentExpireDays: 90 }],
    });
    const role = new IamRole(this, 'role', {
      name: `${props.name}-s3-replication`,
      assumeRolePolicy: assumeRolePolicy('s3.amazonaws.com'),
    });
    const src = props.source.bucket.arn;
    const dst = this.backup.bucket.arn;
    new IamRolePolicy(this, 'policy', {
      role: role.id,
      policy: policyDocument([
        { Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: src },
        {
          Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          Resource: `${src}/*`,
        },
        { Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: `${dst}/*` },
      ]),
    });
    new S3BucketReplicationConfigurationA(this, 'replication', {
      bucket: props.source.bucket.id,
      role: role.arn,
      rule: [
        {
          id: 'to-dr-region',
          status: 'Enabled',
          filter: { prefix: '' },
          deleteMarkerReplication: { status: 'Enabled' },
          destination: { bucket: dst, storageClass: 'STANDARD_IA' },
        },
      ],
      dependsOn: [props.source.versioning, this.backup.versioning].filter(
        (v): v is S3BucketVersioningA => v !== undefined,
      ),
    });
  }
}
