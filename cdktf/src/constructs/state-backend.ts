import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SecureBucket } from './bucket';

export interface StateBackendProps {
  bucketName: string;
  lockTableName: string;
}

/**
 * The S3 + DynamoDB Terraform state backend (seed 004: "S3 + DynamoDB locking"). It lives in
 * its own stack: a stack cannot store its state in a bucket it creates itself.
 */
export class StateBackend extends Construct {
  readonly bucket: SecureBucket;
  readonly lockTable: DynamodbTable;

  constructor(scope: Construct, id: string, props: StateBackendProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'state', {
      bucketName: props.bucketName,
      versioning: true,
      // State history is the rollback path (seed 003): keep old versions 90 days.
      lifecycle: [{ id: 'state-history', noncurrentExpireDays: 90 }],
    });
    this.lockTable = new DynamodbTable(this, 'lock', {
      name: props.lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      serverSideEncryption: { enabled: true },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
    });
  }
}
