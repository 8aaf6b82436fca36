import {
  AwsLocation,
  DatabaseResource,
  EnvironmentTier,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { arn, az, regionalKey } from '../naming';
import { randomId } from '../timeline';
import { applyRds } from '../../terraform/applyDr';
import type { TerraformSeedSource } from '../../terraform/source';

/** Instance class per environment tier (seed 004). */
export const DB_INSTANCE_CLASS: Record<EnvironmentTier, string> = {
  dev: 'db.t3.micro',
  sandbox: 'db.t3.small',
  staging: 'db.t3.medium',
  prod: 'db.r6g.xlarge',
};

/** Backup retention per tier (seed 004: 30 days prod, 14 staging, 7 otherwise). */
const BACKUP_RETENTION_DAYS: Record<EnvironmentTier, number> = {
  dev: 7,
  sandbox: 7,
  staging: 14,
  prod: 30,
};

export type DbInstanceStatus = 'creating' | 'available' | 'rebooting' | 'modifying' | 'renaming';

export interface DbInstanceState {
  id: string;
  arn: string;
  location: AwsLocation;
  instanceClass: string;
  multiAz: boolean;
  availabilityZone: string;
  secondaryAvailabilityZone?: string;
  status: DbInstanceStatus;
  /** ARN of the source instance while this is a (cross-region) read replica. */
  sourceArn?: string;
  replicaArns: string[];
  backupRetentionPeriod: number;
  endpoint: string;
  resourceId: string;
  createdAt: Date;
  /** KMS key of the (encrypted) storage; absent: the region's key derived from the resource id. */
  kmsKeyId?: string;
  tags?: { Key: string; Value: string }[];
}

export interface DbClusterState {
  id: string;
  arn: string;
  location: AwsLocation;
  status: 'available' | 'failing-over';
  /** Members in promotion order; `writer` names the current writer. */
  members: { id: string; availabilityZone: string }[];
  writer: string;
  endpointSuffix: string;
  createdAt: Date;
}

export interface RdsState {
  instances: Map<string, DbInstanceState>;
  clusters: Map<string, DbClusterState>;
}

/**
 * The RDS estate the example catalog declares: each database's primary (Multi-AZ, as seed 004
 * runs every tier) in the environment's region, its cross-region read replica in the
 * environment's DR region (same account), and Aurora clusters with one writer and one reader.
 */
export function seedRds(
  inventory: Inventory,
  random: () => number,
  now: Date,
  terraform?: TerraformSeedSource,
): RdsState {
  const instances = new Map<string, DbInstanceState>();
  const clusters = new Map<string, DbClusterState>();
  const createdAt = new Date(now.getTime() - 180 * 24 * 3600 * 1000);

  for (const env of inventory.environments) {
    const applied = terraform?.(env);
    if (applied) {
      applyRds({ instances, clusters }, applied, random, now);
      continue;
    }
    const databases = env.resources.filter(
      (r): r is DatabaseResource => r.kind === 'database',
    );
    for (const db of databases) {
      const suffix = randomId(
        random,
        12,
        'abcdefghijklmnopqrstuvwxyz0123456789',
      );
      if (db.dbInstanceId) {
        const primary: DbInstanceState = {
          id: db.dbInstanceId,
          arn: arn('rds', db.location, `db:${db.dbInstanceId}`),
          location: db.location,
          instanceClass: DB_INSTANCE_CLASS[env.tier],
          multiAz: true,
          availabilityZone: az(db.location.region, 0),
          secondaryAvailabilityZone: az(db.location.region, 1),
          status: 'available',
          replicaArns: [],
          backupRetentionPeriod: BACKUP_RETENTION_DAYS[env.tier],
          endpoint: `${db.dbInstanceId}.${suffix}.${db.location.region}.rds.amazonaws.com`,
          resourceId: `db-${randomId(random, 26)}`,
          createdAt,
        };
        instances.set(regionalKey(primary.location, primary.id), primary);

        if (db.replicaId && env.drRegion) {
          const location = {
            accountId: db.location.accountId,
            region: env.drRegion,
          };
          const replica: DbInstanceState = {
            id: db.replicaId,
            arn: arn('rds', location, `db:${db.replicaId}`),
            location,
            instanceClass: DB_INSTANCE_CLASS[env.tier],
            // A cross-region replica is single-AZ until promoted and modified.
            multiAz: false,
            availabilityZone: az(env.drRegion, 0),
            status: 'available',
            sourceArn: primary.arn,
            replicaArns: [],
            // Replicas keep no automated backups until promotion.
            backupRetentionPeriod: 0,
            endpoint: `${db.replicaId}.${suffix}.${env.drRegion}.rds.amazonaws.com`,
            resourceId: `db-${randomId(random, 26)}`,
            createdAt,
          };
          primary.replicaArns.push(replica.arn);
          instances.set(regionalKey(location, replica.id), replica);
        }
      }
      if (db.dbClusterId) {
        const cluster: DbClusterState = {
          id: db.dbClusterId,
          arn: arn('rds', db.location, `cluster:${db.dbClusterId}`),
          location: db.location,
          status: 'available',
          members: [0, 1].map(i => ({
            id: `${db.dbClusterId}-instance-${i + 1}`,
            availabilityZone: az(db.location.region, i),
          })),
          writer: `${db.dbClusterId}-instance-1`,
          endpointSuffix: `cluster-${suffix}.${db.location.region}.rds.amazonaws.com`,
          createdAt,
        };
        clusters.set(regionalKey(cluster.location, cluster.id), cluster);
      }
    }
  }
  return { instances, clusters };
}
