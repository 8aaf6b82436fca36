import { PromoteReadReplicaCommand } from '@aws-sdk/client-rds';
import { RunbookDefinition, RunbookStep } from '../types';
import { database } from './common';
import { describeReplica, replicaLagCheck } from './replicaChecks';

const RPO_MINUTES = 15;

/**
 * Promote the cross-region read replica (seed 004 step 2). Calls only the DR region's RDS
 * API. Irreversible (the replica stops replicating), so live runs ask a second person to
 * approve first; a resumed promotion does not promote twice (it checks that the instance
 * is still a replica).
 */
export const promoteReplicaRunbook: RunbookDefinition = {
  id: 'promote-read-replica',
  title: 'Promote cross-region read replica',
  description:
    'Promotes the read replica in the DR region to a standalone primary and waits until it accepts writes; then point the app at it.',
  rtoTargetMinutes: 20,
  rpoTargetMinutes: RPO_MINUTES,
  appliesTo: target => Boolean(database(target)?.replicaId && target.environment.drRegion),

  preflight(target, aws) {
    const db = database(target)!;
    const location = { accountId: db.location.accountId, region: target.environment.drRegion! };
    return replicaLagCheck(aws, location, db.replicaId!, RPO_MINUTES);
  },

  steps(target, _resolved, { mode }): RunbookStep[] {
    const db = database(target)!;
    const replicaId = db.replicaId!;
    const location = { accountId: db.location.accountId, region: target.environment.drRegion! };
    const steps: RunbookStep[] = [];
    if (mode === 'live') {
      steps.push({
        id: 'approve',
        title: 'Second person approves the promotion',
        kind: 'approval',
        dependsOn: [],
        prompt: `Promoting ${replicaId} ends replication from ${db.name}: writes made to the old primary after this point are not carried over.`,
      });
    }
    steps.push(
      {
        id: 'promote',
        title: `Promote ${replicaId} in ${location.region}`,
        kind: 'aws-action',
        dependsOn: mode === 'live' ? ['approve'] : [],
        calls: [
          {
            service: 'rds',
            location,
            command: new PromoteReadReplicaCommand({ DBInstanceIdentifier: replicaId }),
            plane: 'control',
            note: `RDS API of the DR region ${location.region}: independent of the primary region`,
          },
        ],
        alreadyDone: async aws => {
          const instance = (await aws.send(describeReplica(location, replicaId))).DBInstances?.[0];
          if (instance?.DBInstanceStatus === 'modifying') return 'the promotion is already in progress';
          if (instance && !instance.ReadReplicaSourceDBInstanceIdentifier) return `${replicaId} is no longer a replica (already promoted)`;
          return undefined;
        },
      },
      {
        id: 'wait-promoted',
        title: 'Wait until the promoted instance is available',
        kind: 'wait-until',
        dependsOn: ['promote'],
        probe: () => describeReplica(location, replicaId),
        until: out => {
          const i = (out as { DBInstances?: Array<{ DBInstanceStatus?: string; ReadReplicaSourceDBInstanceIdentifier?: string; Endpoint?: { Address?: string } }> }).DBInstances?.[0];
          const promoted = i?.DBInstanceStatus === 'available' && !i.ReadReplicaSourceDBInstanceIdentifier;
          return { done: promoted, detail: `status ${i?.DBInstanceStatus}${i?.ReadReplicaSourceDBInstanceIdentifier ? ', still a replica' : ''}${i?.Endpoint?.Address ? `, endpoint ${i.Endpoint.Address}` : ''}` };
        },
        timeoutSeconds: 30 * 60,
        intervalSeconds: 15,
      },
      {
        id: 'point-app',
        title: 'Point the app at the promoted database',
        kind: 'note',
        dependsOn: ['wait-promoted'],
        message: `The writer is now ${replicaId} in ${location.region}. The app reads its database endpoint from its configuration (Secrets Manager / task definition): update it to the promoted endpoint and roll the ECS services (ECS rollback runbook's force-new-deployment, or Terraform).`,
      },
    );
    return steps;
  },
};
