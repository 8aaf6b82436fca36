import { stringify } from 'yaml';
import { names, regionShort, ResolvedEnvironment, ResolvedSpec } from '@platformops/cdktf-platform';
import { PLATFORM_OPS_ANNOTATIONS as A } from '@platformops/plugin-platform-ops-common';
import { DR_ANNOTATIONS as D } from './drAnnotations';

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

/** An ECS service as the backend inventory reads it: a Component with platform-ops.io/ecs-service. */
export interface ComponentEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations: Record<string, string>;
    tags?: string[];
  };
  spec: {
    type: 'service';
    lifecycle: string;
    owner: string;
    system: string;
    dependsOn?: string[];
  };
}

export type CatalogEntity = ResourceEntity | ComponentEntity;

/** Unknown values (no account id yet, no DR) are left out rather than written empty. */
function defined(annotations: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
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
      annotations: defined(common),
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
export function catalogEntities(spec: ResolvedSpec): CatalogEntity[] {
  if (spec.kind === 'environment') {
    return environmentEntities(spec);
  }
  return addOnEntities(spec);
}

/** What the region-failover runbook addresses in the DR region, from the resolved spec. */
function drNames(spec: ResolvedEnvironment) {
  if (!spec.regionFailover) return undefined;
  const env = spec.name;
  return {
    bucket: names.backupBucket(env, spec.drRegion, spec.accountId),
    alb: names.alb(env),
    healthChecks: [names.healthCheck(env, 'primary', spec.region), names.healthCheck(env, 'dr', spec.drRegion)].join(','),
    setIdentifiers: [names.failoverSetId('PRIMARY', spec.region), names.failoverSetId('SECONDARY', spec.drRegion)].join(','),
  };
}

function ecsComponent(spec: ResolvedEnvironment, key: 'api' | 'worker', envRef: string): ComponentEntity {
  const env = spec.name;
  const service = `${names.cluster(env)}/${names.service(env, key)}`;
  const preset = key === 'api' ? spec.api : spec.worker;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: names.service(env, key),
      title: `${env} ${key === 'api' ? 'API' : 'worker'}`,
      description: `ECS Fargate ${preset.cpu / 1024} vCPU / ${preset.memory / 1024} GB, ${preset.min}-${preset.max} tasks${
        spec.regionFailover ? `; pilot light at 0 tasks in ${spec.drRegion}` : ''
      }`,
      annotations: defined({
        [A.accountId]: spec.accountId,
        [A.region]: spec.region,
        [A.environment]: env,
        [A.ecsService]: service,
        // The DR copy carries the same cluster/service names in the DR region.
        [D.drEcsService]: spec.regionFailover ? service : undefined,
        // Only the API sits behind the load balancer and the public record.
        [A.healthUrl]: key === 'api' && spec.dns ? `http://${spec.dns.recordName}/health` : undefined,
      }),
      tags: ['ecs-service', spec.tier],
    },
    spec: {
      type: 'service',
      lifecycle: spec.tier === 'prod' ? 'production' : 'experimental',
      owner: spec.owner,
      system: spec.system,
      dependsOn: [envRef],
    },
  };
}

function environmentEntities(spec: ResolvedEnvironment): CatalogEntity[] {
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
  const dr = drNames(spec);
  const asgName = names.asg(env, spec.gpu.name);
  return [
    resource(env, 'environment', spec, {
      [A.tier]: spec.tier,
      [A.drRegion]: spec.drRegion,
      [A.costTag]: env,
      [A.route53Record]: dr && spec.dns ? `${spec.dns.hostedZoneId}/${spec.dns.recordName}` : undefined,
      [D.route53HealthChecks]: dr?.healthChecks,
      [D.route53SetIdentifiers]: dr && spec.dns ? dr.setIdentifiers : undefined,
      [D.drAlbName]: dr?.alb,
      [D.cloudFrontDistributionTags]: `platform-ops:environment=${env},platform-ops:role=cdn`,
    }, {
      title: `${env} environment`,
      description: `${spec.tier} tier in ${spec.region} (VPC ${spec.vpcCidr}), DR in ${spec.drRegion}${
        dr ? ' (pilot light, Route 53 failover, CloudFront origin group)' : ''
      }`,
    }),
    resource(`${env}-gpu-fleet`, 'gpu-fleet', spec, {
      ...inEnv,
      [A.asgName]: asgName,
      [D.drAsgName]: dr ? asgName : undefined,
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
      [D.drBucketName]: spec.preset.crossRegionBackup || dr ? names.backupBucket(env, spec.drRegion, spec.accountId) : undefined,
    }, {
      title: `${env} assets bucket`,
      description: `Media assets; Standard-IA after 90 days, Glacier IR after 180${
        spec.preset.crossRegionBackup || dr ? `; replicated to ${spec.drRegion} (${regionShort(spec.drRegion)} copy)` : ''
      }`,
      dependsOn: [envRef],
    }),
    ecsComponent(spec, 'api', envRef),
    ecsComponent(spec, 'worker', envRef),
  ];
}

function addOnEntities(spec: Exclude<ResolvedSpec, ResolvedEnvironment>): CatalogEntity[] {
  const envRef = `resource:${spec.environment}`;
  if (spec.kind === 'gpu-worker-pool') {
    const queueEntity = `${spec.environment}-${spec.queueName}-queue`;
    return [
      resource(`${spec.environment}-${spec.name}-gpu-fleet`, 'gpu-fleet', spec, {
        [A.environment]: spec.environment,
        [A.asgName]: names.asg(spec.environment, spec.name),
        // Prod pools get a pilot light under the same name in the DR region.
        [D.drAsgName]: spec.regionFailover ? names.asg(spec.environment, spec.name) : undefined,
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

/** Entity refs of what catalogEntities returns, in the same order. */
export function catalogEntityRefs(spec: ResolvedSpec): string[] {
  return catalogEntities(spec).map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`);
}

/** Multi-document catalog-info.yaml. */
export function catalogInfoYaml(spec: ResolvedSpec): string {
  return catalogEntities(spec)
    .map(e => stringify(e))
    .join('---\n');
}
