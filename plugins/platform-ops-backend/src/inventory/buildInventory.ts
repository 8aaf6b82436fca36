import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  awsAccountIdSchema,
  awsConsoleUrl,
  awsRegionSchema,
  awsResourceNameSchema,
  AwsLocation,
  ecsServiceAnnotationSchema,
  environmentTierSchema,
  Inventory,
  InventoryProblem,
  InventoryResource,
  isPlatformResourceType,
  PLATFORM_OPS_ANNOTATIONS as A,
  PlatformEnvironment,
  route53AnnotationSchema,
  sqsQueueUrl,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { AnnotationReader } from './annotationReader';
import { readDrEcsService, readEnvironmentDr, readResourceDrName } from './drDeclarations';
import { discoveryProblems } from './discoveryProblems';

const urlSchema = z.string().url('must be an absolute URL');

/**
 * Builds the inventory (environments and their AWS resources) from catalog entities.
 * Pure: the catalog is read elsewhere. An entity with missing or malformed annotations is
 * left out of the inventory and reported with what is wrong, never dropped silently.
 */
export function buildInventory(entities: Entity[]): Inventory {
  const problems: InventoryProblem[] = [];
  const environments = new Map<string, PlatformEnvironment>();

  for (const entity of entities) {
    if (entity.kind !== 'Resource' || entity.spec?.type !== 'environment') continue;
    const reader = new AnnotationReader(entity);
    const environment = readEnvironment(reader);
    problems.push(...reader.problems);
    if (environment) environments.set(environment.name, environment);
  }

  for (const entity of entities) {
    const isResource =
      entity.kind === 'Resource' &&
      isPlatformResourceType(entity.spec?.type) &&
      entity.spec?.type !== 'environment';
    const isService =
      entity.kind === 'Component' &&
      entity.metadata.annotations?.[A.ecsService] !== undefined;
    if (!isResource && !isService) continue;

    const reader = new AnnotationReader(entity);
    const environmentName = environmentOf(entity, environments);
    const environment = environmentName
      ? environments.get(environmentName)
      : undefined;
    if (!environmentName) {
      reader.report(
        A.environment,
        `no environment: set annotation ${A.environment} or a dependsOn relation to an environment Resource`,
      );
    } else if (!environment) {
      reader.report(
        A.environment,
        `environment "${environmentName}" is not a valid environment Resource in the catalog`,
      );
    }
    const resource = environment ? readResource(reader, environment) : undefined;
    problems.push(...reader.problems);
    if (environment && resource && reader.problems.length === 0) {
      environment.resources.push(resource);
    }
  }

  problems.push(...discoveryProblems(entities));

  const sorted = [...environments.values()].sort(
    (a, b) => tierOrder(a.tier) - tierOrder(b.tier) || a.name.localeCompare(b.name),
  );
  for (const env of sorted) {
    env.resources.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  }
  return { environments: sorted, problems };
}

function tierOrder(tier: string) {
  return ['dev', 'sandbox', 'staging', 'prod'].indexOf(tier);
}

function readEnvironment(reader: AnnotationReader): PlatformEnvironment | undefined {
  const { entity } = reader;
  const accountId = reader.required(A.accountId, awsAccountIdSchema);
  const region = reader.required(A.region, awsRegionSchema);
  const tier = reader.required(A.tier, environmentTierSchema);
  const drRegion = reader.optional(A.drRegion, awsRegionSchema);
  const route53 = reader.optional(A.route53Record, route53AnnotationSchema);
  const cloudFront = reader.optional(A.cloudFrontDistributionId, awsResourceNameSchema);
  const costTag = reader.optional(A.costTag, awsResourceNameSchema);
  if (drRegion && region && drRegion === region) {
    reader.report(A.drRegion, `the DR region must differ from the region (${region})`);
  }
  const dr = readEnvironmentDr(reader, drRegion);
  if (!accountId || !region || !tier || reader.problems.length > 0) return undefined;
  const [hostedZoneId, recordName] = route53 ? route53.split('/') : [];
  return {
    entityRef: reader.entityRef,
    name: entity.metadata.name,
    title: entity.metadata.title,
    description: entity.metadata.description,
    tier,
    owner: typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
    system: typeof entity.spec?.system === 'string' ? entity.spec.system : undefined,
    location: { accountId, region },
    drRegion,
    route53Record: route53 ? { hostedZoneId, recordName } : undefined,
    cloudFrontDistributionId: cloudFront,
    dr,
    costTag: costTag ?? entity.metadata.name,
    resources: [],
  };
}

/** The environment a resource belongs to: its annotation, else a dependsOn environment. */
function environmentOf(
  entity: Entity,
  environments: Map<string, PlatformEnvironment>,
): string | undefined {
  const annotated = entity.metadata.annotations?.[A.environment];
  if (annotated) return annotated;
  const fromRelations = (entity.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON)
    .map(r => r.targetRef);
  const fromSpec = Array.isArray(entity.spec?.dependsOn)
    ? (entity.spec.dependsOn as unknown[]).filter(
        (r): r is string => typeof r === 'string',
      )
    : [];
  return [...fromRelations, ...fromSpec]
    .map(ref => parseEntityRef(ref, { defaultKind: 'resource' }))
    .find(
      ref =>
        ref.kind.toLowerCase() === 'resource' &&
        environments.get(ref.name)?.entityRef ===
          stringifyEntityRef({ ...ref, kind: 'resource' }),
    )?.name;
}

function readResource(
  reader: AnnotationReader,
  environment: PlatformEnvironment,
): InventoryResource | undefined {
  const { entity } = reader;
  const location: AwsLocation = {
    accountId:
      reader.optional(A.accountId, awsAccountIdSchema) ?? environment.location.accountId,
    region: reader.optional(A.region, awsRegionSchema) ?? environment.location.region,
  };
  const base = {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner: typeof entity.spec?.owner === 'string' ? entity.spec.owner : undefined,
    environment: environment.name,
    location,
  };

  if (entity.kind === 'Component') {
    const ecs = reader.required(A.ecsService, ecsServiceAnnotationSchema);
    const healthUrl = reader.optional(A.healthUrl, urlSchema);
    const drSite = readDrEcsService(reader, environment);
    if (!ecs) return undefined;
    const [cluster, service] = ecs.split('/');
    const r = { ...base, kind: 'ecs-service' as const, cluster, service, ...drSite, healthUrl };
    return { ...r, consoleUrl: awsConsoleUrl(r) };
  }

  switch (entity.spec?.type) {
    case 'gpu-fleet': {
      const asgName = reader.required(A.asgName, awsResourceNameSchema);
      const queue = reader.optional(A.drainsQueue, awsResourceNameSchema);
      const drAsgName = readResourceDrName(reader, A.drAsgName, environment);
      if (!asgName) return undefined;
      const r = {
        ...base,
        kind: 'gpu-fleet' as const,
        asgName,
        drAsgName,
        drainsQueue: queue
          ? stringifyEntityRef(parseEntityRef(queue, { defaultKind: 'resource', defaultNamespace: entity.metadata.namespace }))
          : undefined,
      };
      return { ...r, consoleUrl: awsConsoleUrl(r) };
    }
    case 'queue': {
      const queueName = reader.required(A.queueName, awsResourceNameSchema);
      const dlqName = reader.optional(A.dlqName, awsResourceNameSchema);
      if (!queueName) return undefined;
      const r = {
        ...base,
        kind: 'queue' as const,
        queueName,
        queueUrl: sqsQueueUrl(location, queueName),
        dlqName,
        dlqUrl: dlqName ? sqsQueueUrl(location, dlqName) : undefined,
      };
      return { ...r, consoleUrl: awsConsoleUrl(r) };
    }
    case 'database': {
      const dbInstanceId = reader.optional(A.dbInstanceId, awsResourceNameSchema);
      const dbClusterId = reader.optional(A.dbClusterId, awsResourceNameSchema);
      const replicaId = reader.optional(A.dbReplicaId, awsResourceNameSchema);
      if (!dbInstanceId && !dbClusterId) {
        reader.report(
          A.dbInstanceId,
          `annotation ${A.dbInstanceId} (or ${A.dbClusterId} for Aurora) is missing`,
        );
        return undefined;
      }
      if (replicaId && !environment.drRegion) {
        reader.report(
          A.dbReplicaId,
          `a cross-region replica needs ${A.drRegion} on environment ${environment.name}`,
        );
      }
      const r = { ...base, kind: 'database' as const, dbInstanceId, dbClusterId, replicaId };
      return { ...r, consoleUrl: awsConsoleUrl(r) };
    }
    case 'cache': {
      const replicationGroupId = reader.required(A.cacheReplicationGroupId, awsResourceNameSchema);
      if (!replicationGroupId) return undefined;
      const r = { ...base, kind: 'cache' as const, replicationGroupId };
      return { ...r, consoleUrl: awsConsoleUrl(r) };
    }
    case 'bucket': {
      const bucketName = reader.required(A.bucketName, awsResourceNameSchema);
      const drBucketName = readResourceDrName(reader, A.drBucketName, environment);
      if (!bucketName) return undefined;
      const r = { ...base, kind: 'bucket' as const, bucketName, drBucketName };
      return { ...r, consoleUrl: awsConsoleUrl(r) };
    }
    default:
      return undefined;
  }
}
