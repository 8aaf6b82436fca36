import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { NotFoundError } from '@backstage/errors';
import {
  CacheResource,
  DatabaseResource,
  EcsServiceResource,
  InventoryResource,
  ResourceState,
  ResourceStateFact,
} from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { bucketFacts, BucketNotFound } from './bucketState';
import { DailyStorageMetrics } from './dailyStorageMetrics';

const fact = (label: string, value: string | number | boolean | undefined | null): ResourceStateFact[] =>
  value === undefined || value === null || value === '' ? [] : [{ label, value: String(value) }];

async function databaseFacts(gateway: AwsGateway, db: DatabaseResource): Promise<ResourceStateFact[]> {
  if (db.dbClusterId) {
    const { DBClusters = [] } = await gateway.send(
      db.location,
      'rds',
      new DescribeDBClustersCommand({ DBClusterIdentifier: db.dbClusterId }),
    );
    const c = DBClusters[0];
    if (!c) throw new NotFoundError(`No DB cluster ${db.dbClusterId}`);
    const writer = c.DBClusterMembers?.find(m => m.IsClusterWriter)?.DBInstanceIdentifier;
    return [
      ...fact('status', c.Status),
      ...fact('writer instance', writer),
      ...fact('readers', c.DBClusterMembers?.filter(m => !m.IsClusterWriter).length),
      ...fact('Multi-AZ', c.MultiAZ ? 'yes' : 'no'),
      ...fact('engine', c.EngineVersion ? `${c.Engine} ${c.EngineVersion}` : c.Engine),
    ];
  }
  const { DBInstances = [] } = await gateway.send(
    db.location,
    'rds',
    new DescribeDBInstancesCommand({ DBInstanceIdentifier: db.dbInstanceId }),
  );
  const i = DBInstances[0];
  if (!i) throw new NotFoundError(`No DB instance ${db.dbInstanceId}`);
  return [
    ...fact('status', i.DBInstanceStatus),
    ...fact('primary AZ', i.AvailabilityZone),
    ...fact('standby AZ', i.MultiAZ ? i.SecondaryAvailabilityZone ?? 'unknown' : 'none (single-AZ)'),
    ...fact('instance class', i.DBInstanceClass),
    ...fact('engine', i.EngineVersion ? `${i.Engine} ${i.EngineVersion}` : i.Engine),
  ];
}

async function cacheFacts(gateway: AwsGateway, cache: CacheResource): Promise<ResourceStateFact[]> {
  const { ReplicationGroups = [] } = await gateway.send(
    cache.location,
    'elastiCache',
    new DescribeReplicationGroupsCommand({ ReplicationGroupId: cache.replicationGroupId }),
  );
  const g = ReplicationGroups[0];
  if (!g) throw new NotFoundError(`No replication group ${cache.replicationGroupId}`);
  const members = g.NodeGroups?.[0]?.NodeGroupMembers ?? [];
  const primary = members.find(m => m.CurrentRole === 'primary');
  return [
    ...fact('status', g.Status),
    ...fact('primary node', primary ? `${primary.CacheClusterId}${primary.PreferredAvailabilityZone ? ` (${primary.PreferredAvailabilityZone})` : ''}` : undefined),
    ...fact('replicas', members.filter(m => m.CurrentRole === 'replica').length),
    ...fact('automatic failover', g.AutomaticFailover),
    ...fact('Multi-AZ', g.MultiAZ),
  ];
}

async function ecsFacts(gateway: AwsGateway, svc: EcsServiceResource): Promise<ResourceStateFact[]> {
  const { services = [] } = await gateway.send(
    svc.location,
    'ecs',
    new DescribeServicesCommand({ cluster: svc.cluster, services: [svc.service] }),
  );
  const s = services[0];
  // ECS answers a missing service as a "MISSING" failure, not an error.
  if (!s || s.status === 'INACTIVE') throw new NotFoundError(`No ECS service ${svc.cluster}/${svc.service}`);
  const primary = s.deployments?.find(d => d.status === 'PRIMARY');
  return [
    ...fact('status', s.status),
    ...fact('tasks', `${s.runningCount ?? 0} running of ${s.desiredCount ?? 0} desired (${s.pendingCount ?? 0} pending)`),
    ...fact('task definition', s.taskDefinition?.split('/').pop()),
    ...fact('deployments', s.deployments?.length),
    ...fact('rollout', primary?.rolloutState ? `${primary.rolloutState}${primary.rolloutStateReason ? `: ${primary.rolloutStateReason}` : ''}` : undefined),
  ];
}

function awsName(resource: InventoryResource): string {
  switch (resource.kind) {
    case 'database':
      return resource.dbClusterId ?? resource.dbInstanceId ?? '';
    case 'cache':
      return resource.replicationGroupId;
    case 'ecs-service':
      return `${resource.cluster}/${resource.service}`;
    case 'bucket':
      return resource.bucketName;
    default:
      return '';
  }
}

/**
 * Reads the live state of one database, cache or ECS service (one Describe call each) or bucket
 * (three S3 reads and up to two GetMetricData, see bucketState.ts). A
 * resource AWS does not have is `found: false` (its Terraform is not applied yet), not an
 * error; refusals and throttling propagate as the gateway maps them (403 / 503).
 */
export async function readResourceState(
  gateway: AwsGateway,
  resource: InventoryResource,
  now: Date,
  /** The resource's environment's DR region: where its bucket's replication should go. */
  drRegion?: string,
  /** Where a bucket's daily storage metrics are shared between reads. */
  storage?: DailyStorageMetrics,
): Promise<ResourceState> {
  const base = { entityRef: resource.entityRef, awsName: awsName(resource), fetchedAt: now.toISOString() };
  if (resource.kind !== 'database' && resource.kind !== 'cache' && resource.kind !== 'ecs-service' && resource.kind !== 'bucket') {
    throw new NotFoundError(`${resource.entityRef} is a ${resource.kind}: its state is on its own card`);
  }
  try {
    let facts: ResourceStateFact[] = [];
    if (resource.kind === 'database') facts = await databaseFacts(gateway, resource);
    if (resource.kind === 'cache') facts = await cacheFacts(gateway, resource);
    if (resource.kind === 'ecs-service') facts = await ecsFacts(gateway, resource);
    if (resource.kind === 'bucket') facts = await bucketFacts(gateway, resource, { drRegion, now, storage });
    return { ...base, kind: resource.kind, found: true, facts };
  } catch (error) {
    if (error instanceof Error && (error.name === NotFoundError.name || error instanceof BucketNotFound)) {
      return { ...base, kind: resource.kind, found: false, facts: [] };
    }
    throw error;
  }
}
