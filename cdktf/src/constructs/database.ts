import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { TierPreset } from '../spec/tiers';
import { assumeRolePolicy } from './iam';

export interface DatabaseProps {
  identifier: string;
  preset: TierPreset['database'];
  subnetIds: string[];
  securityGroupIds: string[];
  kmsKeyArn: string;
}

/**
 * RDS PostgreSQL (seed 001): tier-sized, KMS-encrypted, private, Performance Insights and
 * enhanced monitoring on, Multi-AZ and deletion protection where the tier asks for them.
 * The master password is managed by RDS in Secrets Manager, so it never appears in state.
 */
export class Database extends Construct {
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { preset } = props;
    const subnets = new DbSubnetGroup(this, 'subnets', {
      name: `${props.identifier}-subnets`,
      subnetIds: props.subnetIds,
    });
    const monitoringRole = new IamRole(this, 'monitoring-role', {
      name: `${props.identifier}-monitoring`,
      assumeRolePolicy: assumeRolePolicy('monitoring.rds.amazonaws.com'),
    });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoringRole.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
    this.instance = new DbInstance(this, 'instance', {
      identifier: props.identifier,
      engine: 'postgres',
      // Major version only: AWS retires minor versions (the seeds' 15.4 is gone) and
      // auto minor upgrades keep the instance patched (seed 001 patching strategy).
      engineVersion: '15',
      autoMinorVersionUpgrade: true,
      instanceClass: preset.instanceClass,
      allocatedStorage: preset.allocatedStorageGb,
      maxAllocatedStorage: preset.maxAllocatedStorageGb,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: 'platform',
      username: 'platform_admin',
      manageMasterUserPassword: true,
      multiAz: preset.multiAz,
      dbSubnetGroupName: subnets.name,
      vpcSecurityGroupIds: props.securityGroupIds,
      publiclyAccessible: false,
      backupRetentionPeriod: preset.backupRetentionDays,
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      copyTagsToSnapshot: true,
      deletionProtection: preset.deletionProtection,
      skipFinalSnapshot: !preset.deletionProtection,
      finalSnapshotIdentifier: preset.deletionProtection ? `${props.identifier}-final` : undefined,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: 7,
      monitoringInterval: 60,
      monitoringRoleArn: monitoringRole.arn,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
    });
  }
}

export interface ReadReplicaProps {
  identifier: string;
  sourceArn: string;
  instanceClass: string;
  subnetIds: string[];
  kmsKeyArn: string;
  provider: TerraformProvider;
}

/** Cross-region read replica in the DR region: the first thing promoted in a region failover (seed 004). */
export class CrossRegionReplica extends Construct {
  readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: ReadReplicaProps) {
    super(scope, id);
    const subnets = new DbSubnetGroup(this, 'subnets', {
      provider: props.provider,
      name: `${props.identifier}-subnets`,
      subnetIds: props.subnetIds,
    });
    this.instance = new DbInstance(this, 'instance', {
      provider: props.provider,
      identifier: props.identifier,
      replicateSourceDb: props.sourceArn,
      instanceClass: props.instanceClass,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbSubnetGroupName: subnets.name,
      publiclyAccessible: false,
      // Backups on the replica so that, once promoted, it is protected from the first minute.
      backupRetentionPeriod: 7,
      deletionProtection: true,
      skipFinalSnapshot: true,
      autoMinorVersionUpgrade: true,
      copyTagsToSnapshot: true,
    });
  }
}
