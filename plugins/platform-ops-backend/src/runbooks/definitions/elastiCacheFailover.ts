import {
  DescribeReplicationGroupsCommand,
  ReplicationGroup,
  TestFailoverCommand,
} from '@aws-sdk/client-elasticache';
import { CacheResource } from '@platformops/plugin-platform-ops-common';
import { RunbookDefinition, RunbookStep, StepCall } from '../types';
import { cache, check, guarded } from './common';

const NODE_GROUP = '0001';

function describeCall(c: CacheResource): StepCall<DescribeReplicationGroupsCommand> {
  return {
    service: 'elastiCache',
    location: c.location,
    command: new DescribeReplicationGroupsCommand({ ReplicationGroupId: c.replicationGroupId }),
    plane: 'control',
  };
}

function primaryNode(group: ReplicationGroup | undefined): string | undefined {
  return group?.NodeGroups?.[0]?.NodeGroupMembers?.find(m => m.CurrentRole === 'primary')?.CacheClusterId;
}

/**
 * ElastiCache Redis failover (TestFailover on the node group). Not idempotent: the primary
 * node is recorded before acting; a resumed step does not act if the primary changed or the
 * group is already modifying.
 */
export const elastiCacheFailoverRunbook: RunbookDefinition = {
  id: 'elasticache-failover',
  title: 'ElastiCache Redis failover',
  description: 'Promotes a replica of the Redis replication group to primary (TestFailover) and waits until the group is available.',
  rtoTargetMinutes: 5,
  appliesTo: target => Boolean(cache(target)),

  async preflight(target, aws) {
    const c = cache(target)!;
    return [
      await guarded('automatic-failover', 'Automatic failover on, group available, a replica exists', async () => {
        const group = (await aws.send(describeCall(c))).ReplicationGroups?.[0];
        const members = group?.NodeGroups?.[0]?.NodeGroupMembers ?? [];
        const replicas = members.filter(m => m.CurrentRole === 'replica').length;
        return check(
          'automatic-failover',
          'Automatic failover on, group available, a replica exists',
          group?.AutomaticFailover === 'enabled' && group.Status === 'available' && replicas > 0,
          `AutomaticFailover ${group?.AutomaticFailover ?? 'unknown'}, status ${group?.Status ?? 'unknown'}, primary ${primaryNode(group) ?? '?'}, ${replicas} replica(s)`,
        );
      }),
    ];
  },

  steps(target): RunbookStep[] {
    const c = cache(target)!;
    return [
      {
        id: 'test-failover',
        title: `Fail over node group ${NODE_GROUP} of ${c.replicationGroupId}`,
        kind: 'aws-action',
        dependsOn: [],
        calls: [
          {
            service: 'elastiCache',
            location: c.location,
            command: new TestFailoverCommand({ ReplicationGroupId: c.replicationGroupId, NodeGroupId: NODE_GROUP }),
            plane: 'control',
          },
        ],
        before: async aws => ({ primary: primaryNode((await aws.send(describeCall(c))).ReplicationGroups?.[0]) ?? null }),
        alreadyDone: async (aws, memo) => {
          const group = (await aws.send(describeCall(c))).ReplicationGroups?.[0];
          if (group?.Status === 'modifying') return 'the replication group is already failing over';
          const now = primaryNode(group);
          if (memo.primary && now && now !== memo.primary) return `the primary is already ${now} (was ${memo.primary})`;
          return undefined;
        },
        act: async (aws, memo) => {
          await aws.send({
            service: 'elastiCache',
            location: c.location,
            command: new TestFailoverCommand({ ReplicationGroupId: c.replicationGroupId, NodeGroupId: NODE_GROUP }),
            plane: 'control',
          });
          return { previousPrimary: (memo.primary as string | null) ?? null };
        },
      },
      {
        id: 'wait-available',
        title: 'Wait until the replication group is available with a new primary',
        kind: 'wait-until',
        dependsOn: ['test-failover'],
        probe: () => describeCall(c),
        until: (out, outputs) => {
          const group = (out as { ReplicationGroups?: ReplicationGroup[] }).ReplicationGroups?.[0];
          const previous = outputs['test-failover']?.previousPrimary;
          const primary = primaryNode(group);
          const moved = !previous || primary !== previous;
          return { done: group?.Status === 'available' && moved, detail: `status ${group?.Status}, primary ${primary ?? '?'}` };
        },
        timeoutSeconds: 600,
        intervalSeconds: 10,
      },
    ];
  },
};
