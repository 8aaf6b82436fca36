import {
  DescribeReplicationGroupsCommandOutput,
  ReplicationGroup,
  TestFailoverCommandOutput,
} from '@aws-sdk/client-elasticache';
import {
  AwsLocation,
  CacheResource,
  EnvironmentTier,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { elastiCacheErrors } from '../awsErrors';
import type { TerraformSeedSource } from '../../terraform/source';
import { DrServiceModel } from '../DrServiceModel';
import { arn, az, regionalKey, regionShort } from '../naming';
import { id, parseInput } from '../parseInput';
import { randomId, randomMs } from '../timeline';

type Out<T> = Omit<T, '$metadata'>;

/** Seed 004: dev/sandbox one node, staging 2 (Multi-AZ), prod 3 (1 primary + 2 replicas). */
const TOPOLOGY: Record<EnvironmentTier, { nodeType: string; nodes: number }> = {
  dev: { nodeType: 'cache.t3.micro', nodes: 1 },
  sandbox: { nodeType: 'cache.t3.small', nodes: 1 },
  staging: { nodeType: 'cache.t3.medium', nodes: 2 },
  prod: { nodeType: 'cache.r6g.large', nodes: 3 },
};

const NODE_GROUP_ID = '0001';

interface MemberState {
  cacheClusterId: string;
  availabilityZone: string;
  role: 'primary' | 'replica';
}

interface ReplicationGroupState {
  id: string;
  arn: string;
  location: AwsLocation;
  nodeType: string;
  status: 'available' | 'modifying';
  members: MemberState[];
  endpointSuffix: string;
  createdAt: Date;
}

const describeInput = z.object({ ReplicationGroupId: id.optional() });
const testFailoverInput = z.object({ ReplicationGroupId: id, NodeGroupId: id });

/**
 * ElastiCache Redis replication groups (cluster mode disabled: one node group, so each member
 * reports its CurrentRole). TestFailover promotes a replica: the group is 'modifying' and the
 * roles swap after 1-2 minutes. Automatic failover (and so TestFailover) needs a replica.
 */
export class ElastiCacheModel extends DrServiceModel {
  readonly service = 'elastiCache' as const;
  private readonly groups = new Map<string, ReplicationGroupState>();

  /** Takes in the replication groups of an environment added to the running world. */
  absorb(added: ElastiCacheModel): void {
    for (const [k, v] of added.groups) if (!this.groups.has(k)) this.groups.set(k, v);
  }
  private readonly random: () => number;

  protected readonly handlers = {
    DescribeReplicationGroups: (i: Record<string, unknown>, l: AwsLocation) =>
      this.describe(i, l),
    TestFailover: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.testFailover(i, l, n),
  };

  constructor(options: {
    inventory: Inventory;
    random: () => number;
    now: Date;
    terraform?: TerraformSeedSource;
  }) {
    super();
    this.random = options.random;
    for (const env of options.inventory.environments) {
      const applied = options.terraform?.(env);
      if (applied) {
        // As the Terraform declares it: node type and number of cache clusters.
        for (const rg of applied.replicationGroups) {
          const location = { accountId: rg.accountId, region: rg.region };
          this.groups.set(regionalKey(location, rg.id), {
            id: rg.id,
            arn: arn('elasticache', location, `replicationgroup:${rg.id}`),
            location,
            nodeType: rg.nodeType,
            status: 'available',
            members: Array.from({ length: rg.nodes }, (_, i) => ({
              cacheClusterId: `${rg.id}-00${i + 1}`,
              availabilityZone: az(rg.region, i),
              role: i === 0 ? ('primary' as const) : ('replica' as const),
            })),
            endpointSuffix: `${randomId(options.random, 6, 'abcdefghijklmnopqrstuvwxyz0123456789')}.ng.0001.${regionShort(rg.region)}.cache.amazonaws.com`,
            createdAt: new Date(options.now.getTime() - 30 * 24 * 3600 * 1000),
          });
        }
        continue;
      }
      const topology = TOPOLOGY[env.tier];
      for (const cache of env.resources.filter(
        (r): r is CacheResource => r.kind === 'cache',
      )) {
        const group: ReplicationGroupState = {
          id: cache.replicationGroupId,
          arn: arn(
            'elasticache',
            cache.location,
            `replicationgroup:${cache.replicationGroupId}`,
          ),
          location: cache.location,
          nodeType: topology.nodeType,
          status: 'available',
          members: Array.from({ length: topology.nodes }, (_, i) => ({
            cacheClusterId: `${cache.replicationGroupId}-00${i + 1}`,
            availabilityZone: az(cache.location.region, i),
            role: i === 0 ? 'primary' : 'replica',
          })),
          endpointSuffix: `${randomId(
            options.random,
            6,
            'abcdefghijklmnopqrstuvwxyz0123456789',
          )}.ng.0001.${regionShort(cache.location.region)}.cache.amazonaws.com`,
          createdAt: new Date(options.now.getTime() - 180 * 24 * 3600 * 1000),
        };
        this.groups.set(regionalKey(group.location, group.id), group);
      }
    }
  }

  private describe(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<DescribeReplicationGroupsCommandOutput> {
    const args = parseInput(
      describeInput,
      input,
      elastiCacheErrors.invalidParameter,
    );
    if (args.ReplicationGroupId) {
      return {
        ReplicationGroups: [
          toReplicationGroup(this.group(args.ReplicationGroupId, location)),
        ],
      };
    }
    return {
      ReplicationGroups: [...this.groups.values()]
        .filter(
          g =>
            g.location.accountId === location.accountId &&
            g.location.region === location.region,
        )
        .map(toReplicationGroup),
    };
  }

  private testFailover(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<TestFailoverCommandOutput> {
    const args = parseInput(
      testFailoverInput,
      input,
      elastiCacheErrors.invalidParameter,
    );
    const group = this.group(args.ReplicationGroupId, location);
    if (args.NodeGroupId !== NODE_GROUP_ID) {
      throw elastiCacheErrors.nodeGroupNotFound(args.NodeGroupId);
    }
    if (group.members.length < 2) {
      throw elastiCacheErrors.invalidReplicationGroupState(
        `Replication group ${group.id} does not have automatic failover enabled.`,
      );
    }
    if (group.status !== 'available') {
      throw elastiCacheErrors.testFailoverNotAvailable(
        `A failover test is already in progress for replication group ${group.id}.`,
      );
    }
    group.status = 'modifying';
    this.timeline.schedule(
      now.getTime() + randomMs(this.random, 60, 120),
      () => {
        const primary = group.members.find(m => m.role === 'primary')!;
        const promoted = group.members.find(m => m.role === 'replica')!;
        primary.role = 'replica';
        promoted.role = 'primary';
        group.status = 'available';
      },
    );
    return { ReplicationGroup: toReplicationGroup(group) };
  }

  private group(groupId: string, location: AwsLocation): ReplicationGroupState {
    const group = this.groups.get(regionalKey(location, groupId));
    if (!group) throw elastiCacheErrors.replicationGroupNotFound(groupId);
    return group;
  }
}

function toReplicationGroup(g: ReplicationGroupState): ReplicationGroup {
  const highlyAvailable = g.members.length > 1;
  const endpoint = (prefix: string) => ({
    Address: `${prefix}.${g.id}.${g.endpointSuffix}`,
    Port: 6379,
  });
  return {
    ReplicationGroupId: g.id,
    ARN: g.arn,
    Description: `Redis for ${g.id}`,
    Status: g.status,
    Engine: 'redis',
    CacheNodeType: g.nodeType,
    ClusterEnabled: false,
    AutomaticFailover: highlyAvailable ? 'enabled' : 'disabled',
    MultiAZ: highlyAvailable ? 'enabled' : 'disabled',
    MemberClusters: g.members.map(m => m.cacheClusterId),
    NodeGroups: [
      {
        NodeGroupId: NODE_GROUP_ID,
        Status: g.status,
        PrimaryEndpoint: endpoint('master'),
        ReaderEndpoint: endpoint('replica'),
        NodeGroupMembers: g.members.map(m => ({
          CacheClusterId: m.cacheClusterId,
          CacheNodeId: '0001',
          PreferredAvailabilityZone: m.availabilityZone,
          CurrentRole: m.role,
          ReadEndpoint: {
            Address: `${m.cacheClusterId}.${g.endpointSuffix}`,
            Port: 6379,
          },
        })),
      },
    ],
    TransitEncryptionEnabled: true,
    AtRestEncryptionEnabled: true,
    SnapshotRetentionLimit: 7,
    ReplicationGroupCreateTime: g.createdAt,
  };
}
