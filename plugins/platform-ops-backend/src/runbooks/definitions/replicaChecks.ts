import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { PreflightCheck, ReadAws, StepCall } from '../types';
import { check, guarded } from './common';

export function describeReplica(location: AwsLocation, replicaId: string): StepCall<DescribeDBInstancesCommand> {
  return {
    service: 'rds',
    location,
    command: new DescribeDBInstancesCommand({ DBInstanceIdentifier: replicaId }),
    plane: 'control',
    note: `RDS API of ${location.region}: works while the primary region is down`,
  };
}

/**
 * Replica lag below the RPO, read from CloudWatch in the replica's own region (so the check
 * still answers when the primary region is down; then the lag grows with the outage and
 * the check says how much data the promotion would lose).
 */
export async function replicaLagCheck(
  aws: ReadAws,
  location: AwsLocation,
  replicaId: string,
  rpoMinutes: number,
): Promise<PreflightCheck[]> {
  const exists = await guarded('replica-exists', `Read replica ${replicaId} exists in ${location.region}`, async () => {
    const instance = (await aws.send(describeReplica(location, replicaId))).DBInstances?.[0];
    return check(
      'replica-exists',
      `Read replica ${replicaId} exists in ${location.region}`,
      Boolean(instance?.ReadReplicaSourceDBInstanceIdentifier) && instance?.DBInstanceStatus === 'available',
      instance?.ReadReplicaSourceDBInstanceIdentifier
        ? `replica of ${instance.ReadReplicaSourceDBInstanceIdentifier}, status ${instance.DBInstanceStatus}`
        : `status ${instance?.DBInstanceStatus ?? 'unknown'}; not a read replica (already promoted?)`,
    );
  });
  const now = aws.now();
  const lag = await guarded(
    'replica-lag',
    `Replica lag below the RPO (${rpoMinutes} min)`,
    async () => {
      const out = await aws.send({
        service: 'cloudWatch',
        location,
        command: replicaLagCommand(replicaId, now, 10),
        plane: 'data',
      });
      const result = out.MetricDataResults?.find(r => r.Id === 'lag');
      // Newest first (ScanBy TimestampDescending): the current lag.
      const lagSeconds = result?.Values?.[0];
      if (lagSeconds === undefined) {
        return check('replica-lag', `Replica lag below the RPO (${rpoMinutes} min)`, false, 'no ReplicaLag datapoint in the last 10 minutes', 'warn');
      }
      return check(
        'replica-lag',
        `Replica lag below the RPO (${rpoMinutes} min)`,
        lagSeconds < rpoMinutes * 60,
        `ReplicaLag ${Math.round(lagSeconds)} s (RPO ${rpoMinutes * 60} s)`,
      );
    },
    'warn',
  );
  return [exists, lag];
}

/**
 * A database replica's ReplicaLag over the last minutes, newest first (one-minute maxima):
 * what the promotion preflight and the failback's catch-up wait both read.
 */
export function replicaLagCommand(replicaId: string, now: Date, minutes: number) {
  return new GetMetricDataCommand({
    MetricDataQueries: [
      {
        Id: 'lag',
        MetricStat: {
          Metric: { Namespace: 'AWS/RDS', MetricName: 'ReplicaLag', Dimensions: [{ Name: 'DBInstanceIdentifier', Value: replicaId }] },
          Period: 60,
          Stat: 'Maximum',
        },
      },
    ],
    StartTime: new Date(now.getTime() - minutes * 60_000),
    EndTime: now,
    ScanBy: 'TimestampDescending',
  });
}
