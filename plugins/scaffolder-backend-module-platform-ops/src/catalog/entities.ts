import { stringify } from 'yaml';
import { names, ResolvedSpec } from '@platformops/cdktf-platform';
import { PLATFORM_OPS_ANNOTATIONS as A } from '@platformops/plugin-platform-ops-common';

/** The slice of a catalog Resource entity this module writes. */
export interface ResourceEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Resource';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations: Record<string, string>;
    tags?: string[];
  };
  spec: {
    type: string;
    owner: string;
    system: string;
    dependsOn?: string[];
  };
}

function resource(
  name: string,
  type: string,
  spec: ResolvedSpec,
  annotations: Record<string, string | undefined>,
  extra: { title: string; description: string; dependsOn?: string[] },
): ResourceEntity {
  const common: Record<string, string | undefined> = {
    [A.accountId]: spec.accountId,
    [A.region]: spec.region,
    ...annotations,
  };
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: extra.title,
      description: extra.description,
      // Unknown values (no account id yet) are left out rather than written empty.
      annotations: Object.fromEntries(
        Object.entries(common).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      tags: [type, spec.tier],
    },
    spec: {
      type,
      owner: spec.owner,
      system: spec.system,
      dependsOn: extra.dependsOn,
    },
  };
}

/**
 * Catalog entities for what a spec creates, with the annotations the Platform Ops backend
 * acts on. Names come from the same `names` helpers the Terraform uses, so the entity points
 * at exactly the AWS resource that will exist.
 */
export function catalogEntities(spec: ResolvedSpec): ResourceEntity[] {
  if (spec.kind === 'environment') {
    const env = spec.name;
    const envRef = `resource:${env}`;
    const inEnv = { [A.environment]: env };
    const queueEntities = spec.queues.map(q =>
      resource(`${env}-${q.name}-queue`, 'queue', spec, {
        ...inEnv,
        [A.queueName]: names.queue(env, q.name),
        [A.dlqName]: names.dlq(env, q.name),
      }, {
        title: `${env} ${q.name} queue`,
        description: `SQS queue, DLQ after ${q.maxReceiveCount} receives (alarm > ${q.dlqAlarmThreshold})`,
        dependsOn: [envRef],
      }),
    );
    return [
      resource(env, 'environment', spec, {
        [A.tier]: spec.tier,
        [A.drRegion]: spec.drRegion,
        [A.costTag]: env,
      }, {
        title: `${env} environment`,
        description: `${spec.tier} tier in ${spec.region} (VPC ${spec.vpcCidr}), DR in ${spec.drRegion}`,
      }),
      resource(`${env}-gpu-fleet`, 'gpu-fleet', spec, {
        ...inEnv,
        [A.asgName]: names.asg(env, spec.gpu.name),
        [A.drainsQueue]: queueEntities[0].metadata.name,
      }, {
        title: `${env} GPU workers`,
        description: `${spec.gpu.min}-${spec.gpu.max} x ${spec.gpu.instanceTypes.join('/')}, ${spec.gpu.spotPercent}% spot`,
        dependsOn: [envRef, `resource:${queueEntities[0].metadata.name}`],
      }),
      ...queueEntities,
      resource(`${env}-postgres`, 'database', spec, {
        ...inEnv,
        [A.dbInstanceId]: names.db(env),
        [A.dbReplicaId]: spec.database.crossRegionReplica ? names.dbReplica(env) : undefined,
      }, {
        title: `${env} PostgreSQL`,
        description: `RDS PostgreSQL ${spec.database.instanceClass}${spec.database.multiAz ? ', Multi-AZ' : ''}`,
        dependsOn: [envRef],
      }),
      resource(`${env}-redis`, 'cache', spec, { ...inEnv, [A.cacheReplicationGroupId]: names.cache(env) }, {
        title: `${env} Redis`,
        description: `ElastiCache Redis ${spec.cache.nodeType} x${spec.cache.nodes}`,
        dependsOn: [envRef],
      }),
      resource(`${env}-assets-bucket`, 'bucket', spec, {
        ...inEnv,
        [A.bucketName]: names.bucket(env, 'assets', spec.accountId),
      }, {
        title: `${env} assets bucket`,
        description: 'Media assets; Standard-IA after 90 days, Glacier IR after 180',
        dependsOn: [envRef],
      }),
    ];
  }
  const envRef = `resource:${spec.environment}`;
  if (spec.kind === 'gpu-worker-pool') {
    const queueEntity = `${spec.environment}-${spec.queueName}-queue`;
    return [
      resource(`${spec.environment}-${spec.name}-gpu-fleet`, 'gpu-fleet', spec, {
        [A.environment]: spec.environment,
        [A.asgName]: names.asg(spec.environment, spec.name),
        [A.drainsQueue]: queueEntity,
      }, {
        title: `${spec.environment} ${spec.name} GPU workers`,
        description: `${spec.gpu.min}-${spec.gpu.max} x ${spec.gpu.instanceTypes.join('/')}, ${spec.gpu.spotPercent}% spot`,
        dependsOn: [envRef, `resource:${queueEntity}`],
      }),
    ];
  }
  return [
    resource(`${spec.environment}-${spec.name}-queue`, 'queue', spec, {
      [A.environment]: spec.environment,
      [A.queueName]: names.queue(spec.environment, spec.name),
      [A.dlqName]: names.dlq(spec.environment, spec.name),
    }, {
      title: `${spec.environment} ${spec.name} queue`,
      description: `SQS queue, DLQ after ${spec.queue.maxReceiveCount} receives`,
      dependsOn: [envRef],
    }),
  ];
}

/** Multi-document catalog-info.yaml. */
export function catalogInfoYaml(spec: ResolvedSpec): string {
  return catalogEntities(spec)
    .map(e => stringify(e))
    .join('---\n');
}
