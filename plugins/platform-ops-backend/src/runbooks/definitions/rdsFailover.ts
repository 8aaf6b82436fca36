import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  FailoverDBClusterCommand,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { RunbookDefinition, RunbookStep } from '../types';
import { check, database, guarded } from './common';

/**
 * RDS Multi-AZ failover (seed 004: 60-120 s). Instances: RebootDBInstance with ForceFailover;
 * Aurora clusters: FailoverDBCluster. Neither is idempotent (a second call fails over back),
 * so the step records the writer's AZ / writer instance before acting and, when resumed,
 * does not act again if it already changed or the failover is in progress.
 */
export const rdsFailoverRunbook: RunbookDefinition = {
  id: 'rds-multi-az-failover',
  title: 'RDS Multi-AZ failover',
  description:
    'Fails the database over to its standby in another Availability Zone (Aurora: to a reader), waits until it is available again.',
  rtoTargetMinutes: 5,
  rpoTargetMinutes: 0,
  appliesTo: target => {
    const db = database(target);
    return Boolean(db && (db.dbInstanceId || db.dbClusterId));
  },

  async preflight(target, aws) {
    const db = database(target)!;
    if (db.dbClusterId) {
      return [
        await guarded('cluster-available', 'Cluster available with a reader to fail over to', async () => {
          const out = await aws.send({
            service: 'rds',
            location: db.location,
            command: new DescribeDBClustersCommand({ DBClusterIdentifier: db.dbClusterId }),
            plane: 'control',
          });
          const cluster = out.DBClusters?.[0];
          const readers = (cluster?.DBClusterMembers ?? []).filter(m => !m.IsClusterWriter);
          return check(
            'cluster-available',
            'Cluster available with a reader to fail over to',
            cluster?.Status === 'available' && readers.length > 0,
            `status ${cluster?.Status ?? 'unknown'}, ${readers.length} reader(s)`,
          );
        }),
      ];
    }
    return [
      await guarded('multi-az', 'Multi-AZ is on and the instance is available', async () => {
        const out = await aws.send({
          service: 'rds',
          location: db.location,
          command: new DescribeDBInstancesCommand({ DBInstanceIdentifier: db.dbInstanceId }),
          plane: 'control',
        });
        const instance = out.DBInstances?.[0];
        return check(
          'multi-az',
          'Multi-AZ is on and the instance is available',
          instance?.MultiAZ === true && instance.DBInstanceStatus === 'available',
          `MultiAZ ${instance?.MultiAZ ?? 'unknown'}, status ${instance?.DBInstanceStatus ?? 'unknown'}, primary in ${instance?.AvailabilityZone ?? '?'}, standby in ${instance?.SecondaryAvailabilityZone ?? 'none'}`,
        );
      }),
    ];
  },

  steps(target): RunbookStep[] {
    const db = database(target)!;
    const location = db.location;
    if (db.dbClusterId) {
      const clusterId = db.dbClusterId;
      const describe = () => ({
        service: 'rds' as const,
        location,
        command: new DescribeDBClustersCommand({ DBClusterIdentifier: clusterId }),
        plane: 'control' as const,
      });
      return [
        {
          id: 'failover-cluster',
          title: `Fail over Aurora cluster ${clusterId}`,
          kind: 'aws-action',
          dependsOn: [],
          calls: [{ service: 'rds', location, command: new FailoverDBClusterCommand({ DBClusterIdentifier: clusterId }), plane: 'control' }],
          before: async aws => {
            const out = await aws.send(describe());
            const writer = out.DBClusters?.[0]?.DBClusterMembers?.find(m => m.IsClusterWriter);
            return { writer: writer?.DBInstanceIdentifier ?? null };
          },
          alreadyDone: async (aws, memo) => {
            const cluster = (await aws.send(describe())).DBClusters?.[0];
            const writer = cluster?.DBClusterMembers?.find(m => m.IsClusterWriter)?.DBInstanceIdentifier;
            if (cluster?.Status === 'failing-over') return 'the cluster is already failing over';
            if (memo.writer && writer && writer !== memo.writer) return `the writer is already ${writer} (was ${memo.writer})`;
            return undefined;
          },
        },
        {
          id: 'wait-available',
          title: 'Wait until the cluster is available',
          kind: 'wait-until',
          dependsOn: ['failover-cluster'],
          probe: describe,
          until: out => {
            const status = (out as { DBClusters?: Array<{ Status?: string }> }).DBClusters?.[0]?.Status;
            return { done: status === 'available', detail: `cluster status ${status}` };
          },
          timeoutSeconds: 600,
          intervalSeconds: 10,
        },
      ];
    }

    const instanceId = db.dbInstanceId!;
    const describe = () => ({
      service: 'rds' as const,
      location,
      command: new DescribeDBInstancesCommand({ DBInstanceIdentifier: instanceId }),
      plane: 'control' as const,
    });
    return [
      {
        id: 'force-failover',
        title: `Reboot ${instanceId} with forced failover`,
        kind: 'aws-action',
        dependsOn: [],
        calls: [
          {
            service: 'rds',
            location,
            command: new RebootDBInstanceCommand({ DBInstanceIdentifier: instanceId, ForceFailover: true }),
            plane: 'control',
          },
        ],
        before: async aws => {
          const instance = (await aws.send(describe())).DBInstances?.[0];
          return { availabilityZone: instance?.AvailabilityZone ?? null };
        },
        alreadyDone: async (aws, memo) => {
          const instance = (await aws.send(describe())).DBInstances?.[0];
          if (instance?.DBInstanceStatus === 'rebooting') return 'the instance is already rebooting (failover in progress)';
          if (memo.availabilityZone && instance?.AvailabilityZone && instance.AvailabilityZone !== memo.availabilityZone) {
            return `the primary already moved to ${instance.AvailabilityZone} (was ${memo.availabilityZone})`;
          }
          return undefined;
        },
        act: async (aws, memo) => {
          const out = await aws.send({
            service: 'rds',
            location,
            command: new RebootDBInstanceCommand({ DBInstanceIdentifier: instanceId, ForceFailover: true }),
            plane: 'control',
          });
          return {
            status: out.DBInstance?.DBInstanceStatus ?? null,
            previousAvailabilityZone: (memo.availabilityZone as string | null) ?? null,
          };
        },
      },
      {
        id: 'wait-available',
        title: 'Wait until the instance is available in the other AZ',
        kind: 'wait-until',
        dependsOn: ['force-failover'],
        probe: describe,
        until: (out, outputs) => {
          const i = (out as { DBInstances?: Array<{ DBInstanceStatus?: string; AvailabilityZone?: string }> }).DBInstances?.[0];
          // Right after the reboot call the status can still read "available": also require
          // the primary to have left the AZ it was in, when we know it.
          const previous = outputs['force-failover']?.previousAvailabilityZone;
          const moved = !previous || i?.AvailabilityZone !== previous;
          return {
            done: i?.DBInstanceStatus === 'available' && moved,
            detail: `status ${i?.DBInstanceStatus}, primary in ${i?.AvailabilityZone}${previous ? ` (was ${previous})` : ''}`,
          };
        },
        timeoutSeconds: 600,
        intervalSeconds: 10,
      },
    ];
  },
};
