import { Construct } from 'constructs';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { TierPreset } from '../spec/tiers';

export interface CacheProps {
  id: string;
  preset: TierPreset['cache'];
  subnetIds: string[];
  securityGroupIds: string[];
  kmsKeyArn: string;
  snapshotRetentionDays: number;
}

/**
 * ElastiCache Redis 7 replication group (seeds 001 and 004): one node in dev, primary +
 * replicas with automatic failover across AZs above that, encrypted at rest and in transit.
 */
export class Cache extends Construct {
  readonly group: ElasticacheReplicationGroup;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const subnets = new ElasticacheSubnetGroup(this, 'subnets', {
      name: `${props.id}-subnets`,
      subnetIds: props.subnetIds,
    });
    const replicated = props.preset.nodes > 1;
    this.group = new ElasticacheReplicationGroup(this, 'group', {
      replicationGroupId: props.id,
      description: `${props.id} cache`,
      engine: 'redis',
      engineVersion: '7.0',
      nodeType: props.preset.nodeType,
      numCacheClusters: props.preset.nodes,
      port: 6379,
      parameterGroupName: 'default.redis7',
      automaticFailoverEnabled: replicated,
      multiAzEnabled: replicated,
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: true,
      kmsKeyId: props.kmsKeyArn,
      subnetGroupName: subnets.name,
      securityGroupIds: props.securityGroupIds,
      snapshotRetentionLimit: props.snapshotRetentionDays,
      autoMinorVersionUpgrade: 'true',
    });
  }
}
