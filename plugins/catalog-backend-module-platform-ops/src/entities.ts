import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  AwsLocation,
  ENVIRONMENT_TIERS,
  EnvironmentTier,
  PLATFORM_OPS_ANNOTATIONS as A,
} from '@platformops/plugin-platform-ops-common';
import { DiscoveryConfig } from './config';
import { FoundResource } from './readAccount';

/** Set on every discovered entity: the ARN it was made from. */
export const DISCOVERED_ARN_ANNOTATION = 'platform-ops.io/discovered-arn';

/** The location key (and managed-by-location) of one account and region's discovery. */
export function discoveryLocation(location: AwsLocation): string {
  return `platform-ops-discovery:${location.accountId}/${location.region}`;
}

/** A catalog name from an AWS name: lower case, [a-z0-9] joined by - _ ., at most 63. */
export function entityName(awsName: string): string {
  const cleaned = awsName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned || 'unnamed';
}

const OWNER = /^((group|user):)?([a-z0-9][-a-z0-9_.]*\/)?[a-zA-Z0-9][-a-zA-Z0-9_.]*$/;

/** A discovered entity and the environment it belongs to. */
export interface Candidate {
  entity: Entity;
  environment: string;
  /** The environment entity itself. */
  isEnvironment: boolean;
}

/**
 * The catalog entities one account and region's tagged resources make: one environment per
 * environment tag value, and in it a gpu-fleet per Auto Scaling group, a queue per SQS queue
 * (its DLQ folded in), a database per DB instance or cluster (its cross-region replica folded
 * in), a cache per replication group, a bucket per S3 bucket and a service Component per ECS
 * service, annotated as the example catalog does.
 */
export function discoveredEntities(
  found: FoundResource[],
  location: AwsLocation,
  config: Pick<DiscoveryConfig, 'tagKeys' | 'defaultOwner' | 'system' | 'defaultTier'>,
): Candidate[] {
  const keys = config.tagKeys;
  const where = discoveryLocation(location);
  const managed = { [ANNOTATION_LOCATION]: where, [ANNOTATION_ORIGIN_LOCATION]: where };
  const ownerOf = (tags: Record<string, string>) => {
    const owner = tags[keys.owner];
    return owner && OWNER.test(owner) ? owner : config.defaultOwner;
  };
  const system = config.system ? { system: config.system } : {};

  // DLQs named by another queue's RedrivePolicy are part of that queue's entity.
  const dlqNames = new Set(found.flatMap(f => (f.dlqName ? [f.dlqName] : [])));
  // The queue entities a fleet's drains-queue tag can name: a DLQ has none of its own.
  const queueEntityOf = new Map<string, string>();
  for (const f of found) {
    if (f.target.kind === 'queue' && !dlqNames.has(f.target.queueName)) {
      queueEntityOf.set(f.target.queueName, entityName(f.target.queueName));
    }
  }

  const byEnvironment = new Map<string, FoundResource[]>();
  for (const f of found) {
    const env = f.tags[keys.environment];
    if (!env) continue;
    if (f.target.kind === 'queue' && dlqNames.has(f.target.queueName)) continue;
    byEnvironment.set(env, [...(byEnvironment.get(env) ?? []), f]);
  }

  const candidates: Candidate[] = [];
  for (const [tagValue, resources] of byEnvironment) {
    const env = entityName(tagValue);
    const owners = new Set(resources.map(r => ownerOf(r.tags)));
    const tierTag = resources.map(r => r.tags[keys.tier]).find(t => isTier(t));
    const tier: EnvironmentTier = tierTag ?? (isTier(env) ? env : config.defaultTier);
    const drRegion = resources.map(r => r.replica?.region).find(Boolean);
    candidates.push({
      environment: env,
      isEnvironment: true,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: env,
          title: `${env} environment`,
          description: `Discovered in AWS account ${location.accountId}, ${location.region}: resources tagged ${keys.environment}=${tagValue}`,
          annotations: {
            ...managed,
            [A.accountId]: location.accountId,
            [A.region]: location.region,
            [A.tier]: tier,
            [A.costTag]: tagValue,
            ...(drRegion ? { [A.drRegion]: drRegion } : {}),
          },
          tags: ['environment', 'discovered'],
        },
        spec: {
          type: 'environment',
          owner: owners.size === 1 ? [...owners][0] : config.defaultOwner,
          ...system,
        },
      },
    });
    for (const r of resources) {
      const entity = resourceEntity(r, env, tier, keys.drainsQueue, queueEntityOf);
      entity.metadata.annotations = {
        ...managed,
        ...entity.metadata.annotations,
        [A.environment]: env,
        [DISCOVERED_ARN_ANNOTATION]: r.arn,
      };
      entity.metadata.tags = ['discovered'];
      entity.spec = { ...entity.spec, owner: ownerOf(r.tags), ...system };
      candidates.push({ entity, environment: env, isEnvironment: false });
    }
  }
  return candidates;
}

function isTier(value: string | undefined): value is EnvironmentTier {
  return (ENVIRONMENT_TIERS as readonly string[]).includes(value ?? '');
}

function resourceEntity(
  r: FoundResource,
  env: string,
  tier: EnvironmentTier,
  drainsQueueKey: string,
  queueEntityOf: Map<string, string>,
): Entity {
  const resource = (name: string, type: string, annotations: Record<string, string>, dependsOn: string[] = []) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: entityName(name), annotations },
    spec: { type, dependsOn: [`resource:${env}`, ...dependsOn] },
  });
  const t = r.target;
  switch (t.kind) {
    case 'gpu-fleet': {
      const queue = queueEntityOf.get(r.tags[drainsQueueKey] ?? '');
      return resource(
        t.asgName,
        'gpu-fleet',
        { [A.asgName]: t.asgName, ...(queue ? { [A.drainsQueue]: queue } : {}) },
        queue ? [`resource:${queue}`] : [],
      );
    }
    case 'queue':
      return resource(t.queueName, 'queue', {
        [A.queueName]: t.queueName,
        ...(r.dlqName ? { [A.dlqName]: r.dlqName } : {}),
      });
    case 'database':
      return resource(t.dbInstanceId, 'database', {
        [A.dbInstanceId]: t.dbInstanceId,
        ...(r.replica ? { [A.dbReplicaId]: r.replica.id } : {}),
      });
    case 'database-cluster':
      return resource(t.dbClusterId, 'database', { [A.dbClusterId]: t.dbClusterId });
    case 'cache':
      return resource(t.replicationGroupId, 'cache', { [A.cacheReplicationGroupId]: t.replicationGroupId });
    case 'bucket':
      return resource(t.bucketName, 'bucket', { [A.bucketName]: t.bucketName });
    case 'ecs-service':
      return {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: entityName(t.service),
          annotations: { [A.ecsService]: `${t.cluster}/${t.service}` },
        },
        spec: {
          type: 'service',
          lifecycle: tier === 'prod' ? 'production' : 'experimental',
          dependsOn: [`resource:${env}`],
        },
      };
    default:
      throw new Error(`unexpected discovered resource ${r.arn}`);
  }
}
