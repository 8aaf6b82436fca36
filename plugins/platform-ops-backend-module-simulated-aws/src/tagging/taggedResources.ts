import { createHash } from 'node:crypto';
import { Inventory, InventoryResource, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import type { TerraformSeeds } from '../terraform/seeds';
import type { TerraformSeedSource } from '../terraform/source';

/** One resource as the Resource Groups Tagging API sees it. */
export interface TaggedResource {
  arn: string;
  accountId: string;
  /** Where GetResources lists it (an S3 bucket: the region it is located in). */
  region: string;
  /** `service` and `service:type` as ResourceTypeFilters name them, e.g. rds:db. */
  service: string;
  type?: string;
  tags: Record<string, string>;
}

/**
 * Tag keys the simulated account puts on its resources: those the environment template's
 * Terraform sets (cdktf: provider default tags and the role aspect), plus the cost-allocation
 * tag the simulated bills group by.
 */
export interface SimulatedTagKeys {
  /** Cost-allocation tag (platformOps.aws.simulation.costTagKey, default `environment`). */
  costTag: string;
  environment: string;
  owner: string;
  tier: string;
  role: string;
  /** On an Auto Scaling group: the SQS queue its workers drain (cdktf's GpuFleet sets it; read from the Terraform). */
  drainsQueue: string;
  /** On an SQS queue: its dead-letter queue (cdktf's JobQueue sets it; read from the Terraform). */
  dlq: string;
}

export const DEFAULT_SIMULATED_TAG_KEYS: SimulatedTagKeys = {
  costTag: 'environment',
  environment: 'platform-ops:environment',
  owner: 'platform-ops:owner',
  tier: 'platform-ops:tier',
  role: 'platform-ops:role',
  drainsQueue: 'platform-ops:drains-queue',
  dlq: 'platform-ops:dlq-name',
};

const ROLE: Record<InventoryResource['kind'], string> = {
  'gpu-fleet': 'gpu-fleet',
  queue: 'queue',
  database: 'database',
  cache: 'cache',
  bucket: 'bucket',
  'ecs-service': 'ecs-service',
};

/** A stable UUID-shaped id from a name (ASG ARNs carry one). */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function resourceArns(
  r: InventoryResource,
  env: PlatformEnvironment,
): Array<Omit<TaggedResource, 'tags' | 'accountId'> & { extraTags?: Record<string, string> }> {
  const { accountId, region } = r.location;
  switch (r.kind) {
    case 'gpu-fleet': {
      const queue = env.resources.find(q => q.kind === 'queue' && q.entityRef === r.drainsQueue);
      return [
        {
          arn: `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:${stableUuid(r.asgName)}:autoScalingGroupName/${r.asgName}`,
          region,
          service: 'autoscaling',
          type: 'autoScalingGroup',
          extraTags: queue?.kind === 'queue' ? { drainsQueue: queue.queueName } : undefined,
        },
      ];
    }
    case 'queue':
      // SQS ARNs have no resource-type segment: the filter is the service alone.
      return [r.queueName, ...(r.dlqName ? [r.dlqName] : [])].map(name => ({
        arn: `arn:aws:sqs:${region}:${accountId}:${name}`,
        region,
        service: 'sqs',
      }));
    case 'database': {
      const own = r.dbClusterId
        ? { arn: `arn:aws:rds:${region}:${accountId}:cluster:${r.dbClusterId}`, region, service: 'rds', type: 'cluster' }
        : { arn: `arn:aws:rds:${region}:${accountId}:db:${r.dbInstanceId}`, region, service: 'rds', type: 'db' };
      // The cross-region replica is a tagged DB instance of the DR region.
      const replica =
        r.replicaId && env.drRegion
          ? [{ arn: `arn:aws:rds:${env.drRegion}:${accountId}:db:${r.replicaId}`, region: env.drRegion, service: 'rds', type: 'db' }]
          : [];
      return [own, ...replica];
    }
    case 'cache':
      return [
        {
          arn: `arn:aws:elasticache:${region}:${accountId}:replicationgroup:${r.replicationGroupId}`,
          region,
          service: 'elasticache',
          type: 'replicationgroup',
        },
      ];
    case 'bucket':
      return [{ arn: `arn:aws:s3:::${r.bucketName}`, region, service: 's3' }];
    case 'ecs-service':
      return [
        {
          arn: `arn:aws:ecs:${region}:${accountId}:service/${r.cluster}/${r.service}`,
          region,
          service: 'ecs',
          type: 'service',
        },
      ];
    default:
      return [];
  }
}

/**
 * The tags the environment's Terraform gives this resource, if it declares it: a queue by its
 * name, an Auto Scaling group by its name (the ARN's last segments), both in the resource's
 * region and account. Undefined when there is no Terraform or it does not declare the resource.
 */
function terraformTags(seeds: TerraformSeeds | undefined, located: Omit<TaggedResource, 'tags'>): Record<string, string> | undefined {
  if (!seeds) return undefined;
  const here = (s: { region: string; accountId: string }) => s.region === located.region && s.accountId === located.accountId;
  if (located.service === 'sqs') {
    const name = located.arn.split(':').pop();
    return seeds.queues.find(q => q.name === name && here(q))?.tags;
  }
  if (located.service === 'autoscaling') {
    const name = located.arn.split(':autoScalingGroupName/').pop();
    return seeds.autoScalingGroups.find(g => g.name === name && here(g))?.tags;
  }
  return undefined;
}

/**
 * Every resource of the simulated account with the tags the templates' Terraform puts on it:
 * environment, tier, owner and role (platform-ops:*), the cost-allocation tag, on a GPU fleet
 * the queue it drains, and on a queue its DLQ.
 *
 * An environment applied from Terraform (`terraform`: its synthesized Terraform) gets those two
 * relation tags exactly as its Terraform declares them (cdktf's GpuFleet and JobQueue write
 * them): a group or queue whose Terraform lacks the tag carries none. Without Terraform (a
 * catalog written by hand, an extra environment), a fleet gets the drains-queue tag from the
 * catalog's drainsQueue (as if the template had tagged it), and a queue no DLQ tag, as a queue
 * made by hand: discovery then reads its RedrivePolicy.
 */
export function taggedResources(
  inventory: Inventory,
  keys: SimulatedTagKeys = DEFAULT_SIMULATED_TAG_KEYS,
  terraform?: TerraformSeedSource,
): TaggedResource[] {
  const out: TaggedResource[] = [];
  for (const env of inventory.environments) {
    const seeds = terraform?.(env);
    for (const r of env.resources) {
      const owner = r.owner ?? env.owner;
      for (const { extraTags, ...rest } of resourceArns(r, env)) {
        const located = { ...rest, accountId: r.location.accountId };
        const declared = terraformTags(seeds, located);
        const drainsQueue = seeds ? declared?.[keys.drainsQueue] : extraTags?.drainsQueue;
        const dlq = declared?.[keys.dlq];
        const tags: Record<string, string> = {
          [keys.costTag]: env.costTag,
          [keys.environment]: env.name,
          [keys.tier]: env.tier,
          [keys.role]: located.region === r.location.region ? ROLE[r.kind] : `${ROLE[r.kind]}-replica`,
          ...(owner ? { [keys.owner]: owner.replace(/^group:(default\/)?/, '') } : {}),
          ...(drainsQueue ? { [keys.drainsQueue]: drainsQueue } : {}),
          ...(dlq ? { [keys.dlq]: dlq } : {}),
        };
        out.push({ ...located, tags });
      }
    }
  }
  // One resource can be declared twice (a DLQ shared by two queue entities): list it once.
  const byArn = new Map(out.map(r => [r.arn, r]));
  // Code-point order, as AWS lists ARNs (not locale order).
  return [...byArn.values()].sort((a, b) => (a.arn < b.arn ? -1 : Number(a.arn > b.arn)));
}
