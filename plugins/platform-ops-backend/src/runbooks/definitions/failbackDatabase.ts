import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateDBInstanceReadReplicaCommand,
  DBInstance,
  ModifyDBInstanceCommand,
  PromoteReadReplicaCommand,
} from '@aws-sdk/client-rds';
import { InputError, NotFoundError } from '@backstage/errors';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsActionStep, ReadAws, RunbookStep, StepAws, StepCall, WaitUntilStep } from '../types';
import { describeReplica, replicaLagCommand } from './replicaChecks';

/*
 * The database half of a region failback. After a region failover the DR database is a
 * standalone writer and the old primary, if its region came back, is stale: it missed every
 * write since the failover and cannot become a replica again. RDS's way back (User Guide,
 * "Promoting a read replica": "Create a replacement read replica with the promoted DB
 * instance as its source") is a new cross-region read replica in the primary region, created
 * from the DR database by ARN, caught up, then promoted.
 *
 * Names stay what the catalog says, so applications keep their endpoints (an RDS endpoint is
 * derived from the identifier): the stale instance is renamed out of the way (kept, never
 * deleted: someone may want to compare), the replica takes the catalog's name. At the end
 * the DR side gets its read replica back the same way.
 *
 * Every step reads AWS and states its end state, so a second run, or a run after a partial
 * one, continues where AWS is instead of repeating a call. The replica created from the DR
 * database is tagged with that database's DbiResourceId: after its promotion (when it no
 * longer names its source) the tag still says "this is the failback's new primary".
 */

export const FAILBACK_SOURCE_TAG = 'platform-ops:failback-source';
/** Lag at which the new primary counts as caught up; writes stop before the approval. */
export const CAUGHT_UP_SECONDS = 60;
/** Prefix of the create step's "already done" answer once the new primary is promoted. */
const ALREADY_PRIMARY = 'already the primary';

/** What the failback knows about the databases, read at start and stored with the run. */
export interface FailbackDatabase {
  /** The catalog's identifiers: the primary (in the primary region) and its DR replica. */
  primaryId: string;
  drId: string;
  primaryArn: string;
  drArn: string;
  /** DbiResourceId of the DR database that took the writes: the tag of the replica made from it. */
  sourceResourceId: string;
  /** KMS keys of each region for the encrypted replicas (AWS requires one for a cross-region copy). */
  primaryKmsKeyId: string;
  drKmsKeyId: string;
  /** The old primary's automated backup retention, given back to the new primary at promotion. */
  backupRetentionPeriod: number;
  /** Appended to the identifiers of the instances set aside, e.g. "pre-failback-20261120t0300". */
  setAsideSuffix: string;
}

function rdsArn(location: AwsLocation, id: string): string {
  return `arn:aws:rds:${location.region}:${location.accountId}:db:${id}`;
}

async function describeOrUndefined(aws: ReadAws | StepAws, location: AwsLocation, id: string): Promise<DBInstance | undefined> {
  try {
    return (await aws.send(describeReplica(location, id))).DBInstances?.[0];
  } catch (error) {
    // The gateway answers AWS's DBInstanceNotFound as a NotFoundError.
    if (error instanceof NotFoundError || (error as Error).name?.startsWith('DBInstanceNotFound')) return undefined;
    throw error;
  }
}

function failbackTag(instance: DBInstance | undefined): string | undefined {
  return instance?.TagList?.find(t => t.Key === FAILBACK_SOURCE_TAG)?.Value;
}

/**
 * Reads both databases: null when there is nothing to move back (the primary writes and the
 * DR database replicates from it: never failed over, or already failed back).
 */
export async function resolveFailbackDatabase(
  aws: ReadAws,
  primary: AwsLocation,
  dr: AwsLocation,
  ids: { primaryId: string; drId: string },
): Promise<FailbackDatabase | null> {
  const [drDb, primaryDb] = await Promise.all([
    describeOrUndefined(aws, dr, ids.drId),
    describeOrUndefined(aws, primary, ids.primaryId),
  ]);
  const primaryArn = rdsArn(primary, ids.primaryId);
  if (drDb?.ReadReplicaSourceDBInstanceIdentifier === primaryArn && primaryDb && !primaryDb.ReadReplicaSourceDBInstanceIdentifier) {
    return null;
  }
  const drIsWriter = drDb && !drDb.ReadReplicaSourceDBInstanceIdentifier;
  const sourceResourceId = drIsWriter ? drDb.DbiResourceId : failbackTag(primaryDb);
  if (!sourceResourceId) {
    throw new InputError(
      `Cannot tell which database takes the writes: ${ids.drId} in ${dr.region} is ${drDb ? `a replica of ${drDb.ReadReplicaSourceDBInstanceIdentifier}` : 'not found'} and ${ids.primaryId} in ${primary.region} is ${primaryDb ? 'not the replica of a failed-over database' : 'not found'}. Nothing was changed.`,
    );
  }
  const stamp = aws.now().toISOString().slice(0, 16).replace(/[-:]/g, '').toLowerCase();
  return {
    ...ids,
    primaryArn,
    drArn: rdsArn(dr, ids.drId),
    sourceResourceId,
    // The old primary's key is the primary region's; AWS's managed key when it is gone.
    primaryKmsKeyId: (failbackTag(primaryDb) ? undefined : primaryDb?.KmsKeyId) ?? 'alias/aws/rds',
    drKmsKeyId: drDb?.KmsKeyId ?? 'alias/aws/rds',
    backupRetentionPeriod: Math.max(1, primaryDb?.BackupRetentionPeriod ?? 7),
    setAsideSuffix: `pre-failback-${stamp}`,
  };
}

function setAsideStep(options: {
  id: string;
  dependsOn: string[];
  location: AwsLocation;
  name: string;
  newName: string;
  /** Why the instance under `name` is already the wanted one (then it is not renamed). */
  wanted: (instance: DBInstance) => string | undefined;
  why: string;
}): AwsActionStep {
  const { location, name, newName } = options;
  return {
    id: options.id,
    title: `Rename ${options.why} ${name} in ${location.region} to ${newName} (kept, not deleted)`,
    kind: 'aws-action',
    dependsOn: options.dependsOn,
    calls: [
      {
        service: 'rds',
        location,
        command: new ModifyDBInstanceCommand({ DBInstanceIdentifier: name, NewDBInstanceIdentifier: newName, ApplyImmediately: true }),
        plane: 'control',
        note: `RDS API of ${location.region}: frees the name (and its endpoint) for the new instance`,
      },
    ],
    alreadyDone: async aws => {
      const instance = await describeOrUndefined(aws, location, name);
      if (!instance) return `no instance named ${name} in ${location.region} (renamed already, or gone)`;
      return options.wanted(instance);
    },
  };
}

function createReplicaStep(options: {
  id: string;
  dependsOn: string[];
  location: AwsLocation;
  name: string;
  sourceArn: string;
  sourceRegion: string;
  kmsKeyId: string;
  multiAz: boolean;
  tags?: { Key: string; Value: string }[];
  /** Why the instance under `name` is already the wanted one; undefined: it is in the way. */
  wanted: (instance: DBInstance) => string | undefined;
}): AwsActionStep {
  const { location, name, sourceArn } = options;
  return {
    id: options.id,
    title: `Create ${name} in ${location.region}: a read replica of ${sourceArn}`,
    kind: 'aws-action',
    dependsOn: options.dependsOn,
    calls: [
      {
        service: 'rds',
        location,
        command: new CreateDBInstanceReadReplicaCommand({
          DBInstanceIdentifier: name,
          // Another region's source must be named by its ARN (RDS API reference); from
          // that ARN the SDK's RDS middleware signs the PreSignedUrl AWS requires for an
          // encrypted cross-region replica.
          SourceDBInstanceIdentifier: sourceArn,
          // An encrypted replica in another region needs a key of its own region.
          KmsKeyId: options.kmsKeyId,
          MultiAZ: options.multiAz,
          ...(options.tags ? { Tags: options.tags } : {}),
        }),
        plane: 'control',
        note: `RDS API of ${location.region}; the snapshot is copied from ${options.sourceRegion}`,
      },
    ],
    alreadyDone: async aws => {
      const instance = await describeOrUndefined(aws, location, name);
      if (!instance) return undefined;
      const why = options.wanted(instance);
      if (why) return why;
      throw new Error(`${name} exists in ${location.region} and is not the replica this step creates (${instance.ReadReplicaSourceDBInstanceIdentifier ? `replica of ${instance.ReadReplicaSourceDBInstanceIdentifier}` : 'standalone'}, status ${instance.DBInstanceStatus}); rename it or fix the catalog, then run again`);
    },
  };
}

function waitAvailableStep(id: string, dependsOn: string[], location: AwsLocation, name: string, what: string): WaitUntilStep {
  return {
    id,
    title: `Wait until ${name} in ${location.region} is available (${what})`,
    kind: 'wait-until',
    dependsOn,
    probe: () => describeReplica(location, name),
    until: out => {
      const i = (out as { DBInstances?: DBInstance[] }).DBInstances?.[0];
      return { done: i?.DBInstanceStatus === 'available', detail: `status ${i?.DBInstanceStatus ?? 'unknown'}` };
    },
    // A cross-region replica is a snapshot copied and restored: up to an hour for 100 GB.
    timeoutSeconds: 3 * 3600,
    intervalSeconds: 60,
  };
}

function replicaLagCall(location: AwsLocation, name: string, now: Date): StepCall<GetMetricDataCommand> {
  return {
    service: 'cloudWatch',
    location,
    command: replicaLagCommand(name, now, 5),
    plane: 'data',
    note: `CloudWatch of ${location.region}`,
  };
}

/** The database steps before the cutover, the promotion after the approval, the DR replica at the end. */
export function failbackDatabaseSteps(
  db: FailbackDatabase,
  primary: AwsLocation,
  dr: AwsLocation,
  after: { declare: string },
): { beforeApproval: RunbookStep[]; ready: string; cutover: (approval: string) => RunbookStep[]; writable: string; pilotLight: (afterVerify: string[]) => RunbookStep[]; done: string } {
  const ours = (instance: DBInstance) => failbackTag(instance) === db.sourceResourceId;
  const primaryState = (instance: DBInstance) => {
    if (!ours(instance)) return undefined;
    if (instance.ReadReplicaSourceDBInstanceIdentifier) return `already created from ${db.drId} (status ${instance.DBInstanceStatus})`;
    return `${ALREADY_PRIMARY}: ${db.primaryId} was created from ${db.drId} and promoted`;
  };
  const promotedAlready = (outputs: Record<string, unknown>) =>
    String((outputs['create-primary-replica'] as { alreadyDone?: string } | undefined)?.alreadyDone ?? '').startsWith(ALREADY_PRIMARY);

  const beforeApproval: RunbookStep[] = [
    setAsideStep({
      id: 'set-aside-old-primary',
      dependsOn: [after.declare],
      location: primary,
      name: db.primaryId,
      newName: `${db.primaryId}-${db.setAsideSuffix}`.slice(0, 63),
      why: 'the old primary (stale since the failover)',
      wanted: i => (ours(i) ? `${db.primaryId} is already the replica created from ${db.drId}` : undefined),
    }),
    createReplicaStep({
      id: 'create-primary-replica',
      dependsOn: ['set-aside-old-primary'],
      location: primary,
      name: db.primaryId,
      sourceArn: db.drArn,
      sourceRegion: dr.region,
      kmsKeyId: db.primaryKmsKeyId,
      multiAz: true,
      tags: [{ Key: FAILBACK_SOURCE_TAG, Value: db.sourceResourceId }],
      wanted: primaryState,
    }),
    waitAvailableStep('wait-primary-replica', ['create-primary-replica'], primary, db.primaryId, 'replica created and replicating'),
    {
      id: 'wait-primary-caught-up',
      title: `Wait until ${db.primaryId} has caught up with ${db.drId} (replica lag at most ${CAUGHT_UP_SECONDS} s)`,
      kind: 'wait-until',
      dependsOn: ['wait-primary-replica'],
      probe: (outputs, now) => (promotedAlready(outputs) ? undefined : replicaLagCall(primary, db.primaryId, now)),
      until: out => {
        const lag = (out as { MetricDataResults?: Array<{ Id?: string; Values?: number[] }> }).MetricDataResults?.find(r => r.Id === 'lag')?.Values?.[0];
        return lag === undefined
          ? { done: false, detail: 'no ReplicaLag datapoint yet' }
          : { done: lag <= CAUGHT_UP_SECONDS, detail: `ReplicaLag ${Math.round(lag)} s` };
      },
      timeoutSeconds: 3600,
      intervalSeconds: 60,
    },
  ];

  const cutover = (approval: string): RunbookStep[] => [
    {
      id: 'promote-primary',
      title: `Promote ${db.primaryId} in ${primary.region}: the primary again`,
      kind: 'aws-action',
      dependsOn: [approval],
      calls: [
        {
          service: 'rds',
          location: primary,
          command: new PromoteReadReplicaCommand({ DBInstanceIdentifier: db.primaryId, BackupRetentionPeriod: db.backupRetentionPeriod }),
          plane: 'control',
          note: `RDS API of ${primary.region}; the old primary's backup retention (${db.backupRetentionPeriod} days), which a DR replica needs`,
        },
      ],
      alreadyDone: async aws => {
        const instance = await describeOrUndefined(aws, primary, db.primaryId);
        if (instance?.DBInstanceStatus === 'modifying') return 'the promotion is already in progress';
        if (instance && !instance.ReadReplicaSourceDBInstanceIdentifier) return `${db.primaryId} is no longer a replica (already promoted)`;
        return undefined;
      },
    },
    {
      id: 'wait-primary-writable',
      title: `Wait until ${db.primaryId} accepts writes in ${primary.region}`,
      kind: 'wait-until',
      dependsOn: ['promote-primary'],
      probe: () => describeReplica(primary, db.primaryId),
      until: out => {
        const i = (out as { DBInstances?: DBInstance[] }).DBInstances?.[0];
        return { done: i?.DBInstanceStatus === 'available' && !i.ReadReplicaSourceDBInstanceIdentifier, detail: `status ${i?.DBInstanceStatus}${i?.ReadReplicaSourceDBInstanceIdentifier ? ', still a replica' : ''}` };
      },
      timeoutSeconds: 30 * 60,
      intervalSeconds: 15,
    },
  ];

  const drReplicaOfPrimary = (instance: DBInstance) =>
    instance.ReadReplicaSourceDBInstanceIdentifier === db.primaryArn
      ? `${db.drId} is already a read replica of ${db.primaryId} (status ${instance.DBInstanceStatus})`
      : undefined;
  const pilotLight = (afterVerify: string[]): RunbookStep[] => [
    setAsideStep({
      id: 'set-aside-dr-database',
      dependsOn: afterVerify,
      location: dr,
      name: db.drId,
      newName: `${db.drId}-${db.setAsideSuffix}`.slice(0, 63),
      why: 'the DR database (its writes are now on the primary)',
      wanted: drReplicaOfPrimary,
    }),
    createReplicaStep({
      id: 'create-dr-replica',
      dependsOn: ['set-aside-dr-database'],
      location: dr,
      name: db.drId,
      sourceArn: db.primaryArn,
      sourceRegion: primary.region,
      kmsKeyId: db.drKmsKeyId,
      // Pilot light: a single-AZ replica, as the DR side had before.
      multiAz: false,
      wanted: drReplicaOfPrimary,
    }),
    waitAvailableStep('wait-dr-replica', ['create-dr-replica'], dr, db.drId, 'the DR read replica again'),
  ];

  return { beforeApproval, ready: 'wait-primary-caught-up', cutover, writable: 'wait-primary-writable', pilotLight, done: 'wait-dr-replica' };
}
