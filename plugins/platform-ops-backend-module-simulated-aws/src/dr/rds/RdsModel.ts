import {
  CreateDBInstanceReadReplicaCommandOutput,
  ModifyDBInstanceCommandOutput,
  DBCluster,
  DBInstance,
  DescribeDBClustersCommandOutput,
  DescribeDBInstancesCommandOutput,
  FailoverDBClusterCommandOutput,
  PromoteReadReplicaCommandOutput,
  RebootDBInstanceCommandOutput,
} from '@aws-sdk/client-rds';
import {
  AwsLocation,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { rdsErrors } from '../awsErrors';
import { DrServiceModel } from '../DrServiceModel';
import { MetricFeed, MetricSample } from '../../metricFeed';
import { arn, az, regionalKey } from '../naming';
import { id, parseInput } from '../parseInput';
import { randomId, randomMs } from '../timeline';
import { DR_DURATIONS, drawMs } from '../durations';
import { healthyReplicaLagSeconds } from './replicaLag';
import type { TerraformSeedSource } from '../../terraform/source';
import { DbClusterState, DbInstanceState, RdsState, seedRds } from './rdsSeed';

type Out<T> = Omit<T, '$metadata'>;

const describeInstancesInput = z.object({
  DBInstanceIdentifier: id.optional(),
});
const rebootInput = z.object({
  DBInstanceIdentifier: id,
  ForceFailover: z.boolean().optional(),
});
const promoteInput = z.object({
  DBInstanceIdentifier: id,
  BackupRetentionPeriod: z.number().int().min(0).max(35).optional(),
});
const describeClustersInput = z.object({ DBClusterIdentifier: id.optional() });
// RDS: 1-63 letters, digits or hyphens, starting with a letter; stored lowercase.
const newIdentifier = z
  .string()
  .regex(/^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/, 'must be 1-63 letters, digits or hyphens, start with a letter, no two hyphens in a row')
  .refine(s => !s.endsWith('-'), 'must not end with a hyphen');
/**
 * ModifyDBInstance as far as the simulated account models it: renaming. Any other member
 * is refused by name (strict) rather than accepted and silently not applied.
 */
const modifyInstanceInput = z
  .object({
    DBInstanceIdentifier: id,
    NewDBInstanceIdentifier: newIdentifier,
    ApplyImmediately: z.literal(true, {
      errorMap: () => ({ message: 'the simulated account applies a rename immediately only: send ApplyImmediately true' }),
    }),
  })
  .strict();
const createReadReplicaInput = z.object({
  DBInstanceIdentifier: newIdentifier,
  SourceDBInstanceIdentifier: id,
  SourceRegion: z.string().optional(),
  PreSignedUrl: z.string().optional(),
  KmsKeyId: z.string().optional(),
  MultiAZ: z.boolean().optional(),
  DBInstanceClass: z.string().optional(),
  Tags: z.array(z.object({ Key: id, Value: z.string() })).optional(),
});
const failoverClusterInput = z.object({
  DBClusterIdentifier: id,
  TargetDBInstanceIdentifier: id.optional(),
});

/** Options of the RDS model beyond the shared ones. */
export interface RdsModelOptions {
  inventory: Inventory;
  random: () => number;
  now: Date;
  isRegionDown?: (region: string) => boolean;
  terraform?: TerraformSeedSource;
}

/**
 * RDS: Multi-AZ instances with forced failover (AZ swap after 60-120 s, seed 004),
 * cross-region read replicas with lag and promotion (3-6 min), Aurora cluster failover.
 */
export class RdsModel extends DrServiceModel implements MetricFeed {
  readonly service = 'rds' as const;
  private readonly state: RdsState;
  private readonly random: () => number;
  private readonly isRegionDown: (region: string) => boolean;
  private readonly lagPhase = new Map<string, number>();
  private readonly sourceRegion = new Map<string, string>();

  /** Takes in the estate of an environment added to the running world (seeded apart). */
  absorb(added: RdsModel): void {
    for (const [k, v] of added.state.instances) if (!this.state.instances.has(k)) this.state.instances.set(k, v);
    for (const [k, v] of added.state.clusters) if (!this.state.clusters.has(k)) this.state.clusters.set(k, v);
    for (const [k, v] of added.lagPhase) if (!this.lagPhase.has(k)) this.lagPhase.set(k, v);
    for (const [k, v] of added.sourceRegion) if (!this.sourceRegion.has(k)) this.sourceRegion.set(k, v);
  }
  /** When each started promotion ends (ms): from then on the instance has no lag. */
  private readonly promotionCompletesAt = new Map<string, number>();
  /** When replication of a replica was first seen broken (source region down). */
  private readonly replicationBrokenSince = new Map<string, number>();

  protected readonly handlers = {
    DescribeDBInstances: (i: Record<string, unknown>, l: AwsLocation) =>
      this.describeInstances(i, l),
    RebootDBInstance: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.reboot(i, l, n),
    PromoteReadReplica: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.promote(i, l, n),
    DescribeDBClusters: (i: Record<string, unknown>, l: AwsLocation) =>
      this.describeClusters(i, l),
    FailoverDBCluster: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.failoverCluster(i, l, n),
    ModifyDBInstance: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.modify(i, l, n),
    CreateDBInstanceReadReplica: (
      i: Record<string, unknown>,
      l: AwsLocation,
      n: Date,
    ) => this.createReadReplica(i, l, n),
  };

  constructor(options: RdsModelOptions) {
    super();
    this.random = options.random;
    this.isRegionDown = options.isRegionDown ?? (() => false);
    this.state = seedRds(options.inventory, options.random, options.now, options.terraform);
    for (const instance of this.state.instances.values()) {
      if (instance.sourceArn) {
        this.lagPhase.set(instance.id, options.random());
        this.sourceRegion.set(instance.id, instance.sourceArn.split(':')[3]);
      }
    }
  }

  /**
   * Replica lag in seconds of read replica `id` at `now` (AWS/RDS ReplicaLag), or undefined
   * when `id` is not (or no longer) a read replica. While the source's region is down the
   * replica receives nothing and its lag grows with the outage.
   */
  replicaLagSeconds(replicaId: string, now: Date): number | undefined {
    // Pure in `now` (no timeline advance): CloudWatch asks about past minutes too, and a
    // promotion's end is known from the moment it starts.
    const phase = this.lagPhase.get(replicaId);
    const promotedAt = this.promotionCompletesAt.get(replicaId);
    if (phase === undefined) return undefined;
    if (promotedAt !== undefined && promotedAt <= now.getTime())
      return undefined;
    const sourceRegion = this.sourceRegion.get(replicaId)!;
    const healthy = healthyReplicaLagSeconds(phase, now);
    if (!this.isRegionDown(sourceRegion)) {
      this.replicationBrokenSince.delete(replicaId);
      return healthy;
    }
    const since = this.replicationBrokenSince.get(replicaId) ?? now.getTime();
    this.replicationBrokenSince.set(replicaId, since);
    return healthy + Math.round((now.getTime() - since) / 1000);
  }

  /**
   * AWS/RDS ReplicaLag of every read replica, in its own region, each simulated minute:
   * replicas created through the API (a failback's) get their lag in CloudWatch like the
   * seeded ones.
   */
  metricSamples(at: Date): MetricSample[] {
    const samples: MetricSample[] = [];
    for (const instance of this.state.instances.values()) {
      if (!instance.sourceArn) continue;
      const lag = this.replicaLagSeconds(instance.id, at);
      if (lag === undefined) continue;
      samples.push({
        accountId: instance.location.accountId,
        region: instance.location.region,
        namespace: 'AWS/RDS',
        metricName: 'ReplicaLag',
        dimensions: [{ Name: 'DBInstanceIdentifier', Value: instance.id }],
        value: lag,
      });
    }
    return samples;
  }

  private describeInstances(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<DescribeDBInstancesCommandOutput> {
    const { DBInstanceIdentifier } = parseInput(
      describeInstancesInput,
      input,
      rdsErrors.invalidParameter,
    );
    if (DBInstanceIdentifier) {
      return {
        DBInstances: [
          toDbInstance(this.instance(DBInstanceIdentifier, location)),
        ],
      };
    }
    const inLocation = [...this.state.instances.values()].filter(
      i =>
        i.location.accountId === location.accountId &&
        i.location.region === location.region,
    );
    return { DBInstances: inLocation.map(toDbInstance) };
  }

  private reboot(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<RebootDBInstanceCommandOutput> {
    const { DBInstanceIdentifier, ForceFailover } = parseInput(
      rebootInput,
      input,
      rdsErrors.invalidParameter,
    );
    const instance = this.instance(DBInstanceIdentifier, location);
    requireAvailable(instance);
    if (ForceFailover && !instance.multiAz) {
      throw rdsErrors.invalidInstanceState(
        `Cannot force a failover of DB instance ${instance.id}: it is not a Multi-AZ instance.`,
      );
    }
    instance.status = 'rebooting';
    if (ForceFailover) {
      // Seed 004: "Automatic Multi-AZ failover (60-120 seconds)".
      this.timeline.schedule(
        now.getTime() + randomMs(this.random, 60, 120),
        () => {
          const primaryAz = instance.availabilityZone;
          instance.availabilityZone =
            instance.secondaryAvailabilityZone ?? primaryAz;
          instance.secondaryAvailabilityZone = primaryAz;
          instance.status = 'available';
        },
      );
    } else {
      this.timeline.schedule(
        now.getTime() + randomMs(this.random, 20, 45),
        () => {
          instance.status = 'available';
        },
      );
    }
    return { DBInstance: toDbInstance(instance) };
  }

  private promote(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<PromoteReadReplicaCommandOutput> {
    const { DBInstanceIdentifier, BackupRetentionPeriod } = parseInput(
      promoteInput,
      input,
      rdsErrors.invalidParameter,
    );
    const instance = this.instance(DBInstanceIdentifier, location);
    if (!instance.sourceArn) {
      throw rdsErrors.invalidInstanceState(
        `DB Instance ${instance.id} is not a read replica.`,
      );
    }
    requireAvailable(instance);
    instance.status = 'modifying';
    const sourceArn = instance.sourceArn;
    const completesAt = now.getTime() + drawMs(this.random, DR_DURATIONS.rdsPromotion);
    this.promotionCompletesAt.set(instance.id, completesAt);
    this.timeline.schedule(completesAt, () => {
      instance.sourceArn = undefined;
      instance.backupRetentionPeriod = BackupRetentionPeriod ?? 1;
      instance.status = 'available';
      const source = [...this.state.instances.values()].find(
        i => i.arn === sourceArn,
      );
      if (source)
        source.replicaArns = source.replicaArns.filter(a => a !== instance.arn);
    });
    return { DBInstance: toDbInstance(instance) };
  }

  /**
   * A read replica of `SourceDBInstanceIdentifier` in the caller's region. As AWS: a source in
   * another region must be named by its ARN (a plain identifier is looked up in the caller's
   * region), an encrypted cross-region replica needs a KMS key of the destination region, the
   * source must be available with automated backups on, and the identifier must be free.
   * The replica is "creating" (snapshot copied across regions, restored, caught up) for
   * DR_DURATIONS.rdsCrossRegionReplicaCreation, then "available" and replicating.
   */
  private createReadReplica(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<CreateDBInstanceReadReplicaCommandOutput> {
    const args = parseInput(
      createReadReplicaInput,
      input,
      rdsErrors.invalidParameter,
    );
    const replicaId = args.DBInstanceIdentifier.toLowerCase();
    const sourceRef = args.SourceDBInstanceIdentifier;
    const sourceLocation: AwsLocation = sourceRef.startsWith('arn:')
      ? { accountId: sourceRef.split(':')[4], region: sourceRef.split(':')[3] }
      : location;
    if (sourceLocation.accountId !== location.accountId) {
      throw rdsErrors.invalidParameter(
        `The source DB instance ${sourceRef} is in another account.`,
      );
    }
    const source = this.instance(sourceRef, sourceLocation);
    if (this.state.instances.has(regionalKey(location, replicaId))) {
      throw rdsErrors.instanceAlreadyExists();
    }
    requireAvailable(source);
    if (source.backupRetentionPeriod === 0) {
      throw rdsErrors.invalidInstanceState(
        `Automated backups are not enabled for this database instance. To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.`,
      );
    }
    const crossRegion = sourceLocation.region !== location.region;
    if (crossRegion && !args.PreSignedUrl && !args.SourceRegion) {
      // The SDKs sign it from SourceRegion (v2, CLI) or from the source ARN (v3 middleware).
      throw rdsErrors.invalidParameterCombination(
        'PreSignedUrl is required to create an encrypted read replica from another region.',
      );
    }
    if (crossRegion && !args.KmsKeyId) {
      // Every database of the platform is encrypted (StorageEncrypted true).
      throw rdsErrors.invalidParameterCombination(
        'For encrypted cross-region replica, kmsKeyId should be explicitly specified',
      );
    }
    if (args.SourceRegion && args.SourceRegion !== sourceLocation.region) {
      throw rdsErrors.invalidParameter(
        `SourceRegion ${args.SourceRegion} is not the region of ${sourceRef} (${sourceLocation.region}).`,
      );
    }
    const replica: DbInstanceState = {
      id: replicaId,
      arn: arn('rds', location, `db:${replicaId}`),
      location,
      instanceClass: args.DBInstanceClass ?? source.instanceClass,
      multiAz: args.MultiAZ ?? false,
      availabilityZone: az(location.region, 0),
      ...(args.MultiAZ ? { secondaryAvailabilityZone: az(location.region, 1) } : {}),
      status: 'creating',
      sourceArn: source.arn,
      replicaArns: [],
      backupRetentionPeriod: 0,
      endpoint: `${replicaId}.${randomId(this.random, 12, 'abcdefghijklmnopqrstuvwxyz0123456789')}.${location.region}.rds.amazonaws.com`,
      resourceId: `db-${randomId(this.random, 26)}`,
      createdAt: now,
      ...(args.KmsKeyId ? { kmsKeyId: args.KmsKeyId } : {}),
      ...(args.Tags ? { tags: args.Tags } : {}),
    };
    this.state.instances.set(regionalKey(location, replicaId), replica);
    source.replicaArns.push(replica.arn);
    this.lagPhase.set(replicaId, this.random());
    this.sourceRegion.set(replicaId, sourceLocation.region);
    this.promotionCompletesAt.delete(replicaId);
    this.timeline.schedule(
      now.getTime() + drawMs(this.random, DR_DURATIONS.rdsCrossRegionReplicaCreation),
      () => {
        replica.status = 'available';
      },
    );
    return { DBInstance: toDbInstance(replica) };
  }

  /**
   * Renames an instance (NewDBInstanceIdentifier, ApplyImmediately): the old identifier is
   * free at once, the endpoint follows the new name, and the instance reboots ("renaming",
   * then available after 30-90 s). Replication links follow the new ARN.
   */
  private modify(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<ModifyDBInstanceCommandOutput> {
    const args = parseInput(modifyInstanceInput, input, rdsErrors.invalidParameter);
    const instance = this.instance(args.DBInstanceIdentifier, location);
    const newId = args.NewDBInstanceIdentifier.toLowerCase();
    if (this.state.instances.has(regionalKey(location, newId))) {
      throw rdsErrors.instanceAlreadyExists();
    }
    requireAvailable(instance);
    const oldArn = instance.arn;
    const oldId = instance.id;
    this.state.instances.delete(regionalKey(location, oldId));
    instance.id = newId;
    instance.arn = arn('rds', location, `db:${newId}`);
    instance.endpoint = instance.endpoint.replace(`${oldId}.`, `${newId}.`);
    instance.status = 'renaming';
    this.state.instances.set(regionalKey(location, newId), instance);
    for (const other of this.state.instances.values()) {
      if (other.sourceArn === oldArn) other.sourceArn = instance.arn;
      other.replicaArns = other.replicaArns.map(a => (a === oldArn ? instance.arn : a));
    }
    for (const map of [this.lagPhase, this.sourceRegion, this.promotionCompletesAt] as Map<string, unknown>[]) {
      if (map.has(oldId)) {
        map.set(newId, map.get(oldId));
        map.delete(oldId);
      }
    }
    this.timeline.schedule(now.getTime() + randomMs(this.random, 30, 90), () => {
      if (instance.status === 'renaming') instance.status = 'available';
    });
    return { DBInstance: toDbInstance(instance) };
  }

  private describeClusters(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<DescribeDBClustersCommandOutput> {
    const { DBClusterIdentifier } = parseInput(
      describeClustersInput,
      input,
      rdsErrors.invalidParameter,
    );
    if (DBClusterIdentifier) {
      return {
        DBClusters: [toDbCluster(this.cluster(DBClusterIdentifier, location))],
      };
    }
    const inLocation = [...this.state.clusters.values()].filter(
      c =>
        c.location.accountId === location.accountId &&
        c.location.region === location.region,
    );
    return { DBClusters: inLocation.map(toDbCluster) };
  }

  private failoverCluster(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<FailoverDBClusterCommandOutput> {
    const { DBClusterIdentifier, TargetDBInstanceIdentifier } = parseInput(
      failoverClusterInput,
      input,
      rdsErrors.invalidParameter,
    );
    const cluster = this.cluster(DBClusterIdentifier, location);
    if (cluster.status !== 'available') {
      throw rdsErrors.invalidClusterState(
        `DbCluster ${cluster.id} is in ${cluster.status} state but expected it to be available.`,
      );
    }
    const readers = cluster.members.filter(m => m.id !== cluster.writer);
    const target = TargetDBInstanceIdentifier
      ? readers.find(m => m.id === TargetDBInstanceIdentifier)
      : readers[0];
    if (!target) {
      throw rdsErrors.invalidParameter(
        TargetDBInstanceIdentifier
          ? `${TargetDBInstanceIdentifier} is not a reader of DB cluster ${cluster.id}.`
          : `DB cluster ${cluster.id} has no reader to fail over to.`,
      );
    }
    cluster.status = 'failing-over';
    // Aurora promotes a reader in about half a minute.
    this.timeline.schedule(
      now.getTime() + randomMs(this.random, 20, 45),
      () => {
        cluster.writer = target.id;
        cluster.status = 'available';
      },
    );
    return { DBCluster: toDbCluster(cluster) };
  }

  /** The instance `id` (or ARN) in `location`: a replica is found only in its own region. */
  private instance(idOrArn: string, location: AwsLocation): DbInstanceState {
    const name = idOrArn.startsWith('arn:')
      ? idOrArn.split(':db:')[1] ?? idOrArn
      : idOrArn;
    const found = this.state.instances.get(regionalKey(location, name));
    if (!found) throw rdsErrors.instanceNotFound(name);
    return found;
  }

  private cluster(idOrArn: string, location: AwsLocation): DbClusterState {
    const name = idOrArn.startsWith('arn:')
      ? idOrArn.split(':cluster:')[1] ?? idOrArn
      : idOrArn;
    const found = this.state.clusters.get(regionalKey(location, name));
    if (!found) throw rdsErrors.clusterNotFound(name);
    return found;
  }
}

function requireAvailable(instance: DbInstanceState) {
  if (instance.status !== 'available') {
    throw rdsErrors.invalidInstanceState(
      `Database instance ${instance.id} is in ${instance.status} state but expected it to be available.`,
    );
  }
}

function toDbInstance(i: DbInstanceState): DBInstance {
  return {
    DBInstanceIdentifier: i.id,
    DBInstanceArn: i.arn,
    DBInstanceClass: i.instanceClass,
    Engine: 'postgres',
    EngineVersion: '15.4',
    DBInstanceStatus: i.status,
    MultiAZ: i.multiAz,
    AvailabilityZone: i.availabilityZone,
    ...(i.multiAz
      ? { SecondaryAvailabilityZone: i.secondaryAvailabilityZone }
      : {}),
    ReadReplicaDBInstanceIdentifiers: [...i.replicaArns],
    ...(i.sourceArn
      ? {
          ReadReplicaSourceDBInstanceIdentifier: i.sourceArn,
          StatusInfos: [
            {
              StatusType: 'read replication',
              Normal: true,
              Status: i.status === 'modifying' ? 'stopped' : 'replicating',
            },
          ],
        }
      : {}),
    Endpoint: { Address: i.endpoint, Port: 5432 },
    AllocatedStorage: 100,
    StorageType: 'gp3',
    StorageEncrypted: true,
    BackupRetentionPeriod: i.backupRetentionPeriod,
    KmsKeyId:
      i.kmsKeyId ??
      arn('kms', i.location, `key/${i.resourceId.slice(3, 39).toLowerCase()}`),
    DbiResourceId: i.resourceId,
    InstanceCreateTime: i.createdAt,
    TagList: i.tags ? [...i.tags] : [],
  };
}

function toDbCluster(c: DbClusterState): DBCluster {
  return {
    DBClusterIdentifier: c.id,
    DBClusterArn: c.arn,
    Engine: 'aurora-postgresql',
    EngineVersion: '15.4',
    Status: c.status,
    MultiAZ: c.members.length > 1,
    AvailabilityZones: c.members.map(m => m.availabilityZone),
    Endpoint: `${c.id}.${c.endpointSuffix}`,
    ReaderEndpoint: `${c.id}.${c.endpointSuffix.replace(
      /^cluster-/,
      'cluster-ro-',
    )}`,
    Port: 5432,
    DBClusterMembers: c.members.map((m, index) => ({
      DBInstanceIdentifier: m.id,
      IsClusterWriter: m.id === c.writer,
      PromotionTier: index + 1,
      DBClusterParameterGroupStatus: 'in-sync',
    })),
    StorageEncrypted: true,
    ClusterCreateTime: c.createdAt,
  };
}
