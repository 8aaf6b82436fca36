import { EnvironmentTier } from './resourceTypes';

/** Where an AWS resource lives. Always taken from the catalog, never from a request. @public */
export interface AwsLocation {
  accountId: string;
  region: string;
}

/** Fields every inventory resource carries. @public */
export interface InventoryResourceBase {
  /** Full catalog entity ref, e.g. resource:default/prod-gpu-fleet. */
  entityRef: string;
  name: string;
  title?: string;
  owner?: string;
  /** Name of the environment entity it belongs to. */
  environment: string;
  location: AwsLocation;
  /** Deep link to the resource in the AWS console. */
  consoleUrl: string;
}

/** @public */
export interface GpuFleetResource extends InventoryResourceBase {
  kind: 'gpu-fleet';
  asgName: string;
  /** Its pilot light in the DR region (annotation dr-asg-name); absent: the same name there. */
  drAsgName?: string;
  /** Entity ref of the queue the fleet drains, when declared. */
  drainsQueue?: string;
}

/** @public */
export interface QueueResource extends InventoryResourceBase {
  kind: 'queue';
  queueName: string;
  queueUrl: string;
  dlqName?: string;
  dlqUrl?: string;
}

/** @public */
export interface DatabaseResource extends InventoryResourceBase {
  kind: 'database';
  dbInstanceId?: string;
  dbClusterId?: string;
  /** Cross-region read replica, in the environment's DR region. */
  replicaId?: string;
}

/** @public */
export interface CacheResource extends InventoryResourceBase {
  kind: 'cache';
  replicationGroupId: string;
}

/** @public */
export interface BucketResource extends InventoryResourceBase {
  kind: 'bucket';
  bucketName: string;
  /** Its DR copy (annotation dr-bucket-name); absent: "<bucketName>-<DR region short>". */
  drBucketName?: string;
}

/** An ECS service behind a Component. @public */
export interface EcsServiceResource extends InventoryResourceBase {
  kind: 'ecs-service';
  cluster: string;
  service: string;
  /** Its pilot light in the DR region (annotation dr-ecs-service); absent: the same cluster/service there. */
  drCluster?: string;
  drService?: string;
  healthUrl?: string;
}

/** @public */
export type InventoryResource =
  | GpuFleetResource
  | QueueResource
  | DatabaseResource
  | CacheResource
  | BucketResource
  | EcsServiceResource;

/** @public */
export type InventoryResourceKind = InventoryResource['kind'];

/** Route 53 failover record of an environment. @public */
export interface Route53RecordRef {
  hostedZoneId: string;
  recordName: string;
}

/**
 * What the region-failover path addresses besides the resources, as the environment entity
 * declares it (annotations dr-alb-name, route53-health-checks, route53-set-identifiers,
 * cloudfront-distribution-tags). Each member is absent when not declared. @public
 */
export interface EnvironmentDrDeclaration {
  albName?: string;
  healthCheckNames?: { primary: string; dr: string };
  setIdentifiers?: { primary: string; secondary: string };
  cloudFrontDistributionTags?: Record<string, string>;
}

/** @public */
export interface PlatformEnvironment {
  entityRef: string;
  name: string;
  title?: string;
  description?: string;
  tier: EnvironmentTier;
  owner?: string;
  system?: string;
  location: AwsLocation;
  drRegion?: string;
  route53Record?: Route53RecordRef;
  cloudFrontDistributionId?: string;
  /** The failover path as declared in the catalog; absent when nothing is declared. */
  dr?: EnvironmentDrDeclaration;
  /** Value of the cost-allocation tag for this environment. */
  costTag: string;
  resources: InventoryResource[];
}

/** An entity the inventory could not use, and why. @public */
export interface InventoryProblem {
  entityRef: string;
  /** Annotation (or field) at fault, when there is one. */
  field?: string;
  message: string;
}

/** @public */
export interface Inventory {
  environments: PlatformEnvironment[];
  problems: InventoryProblem[];
}
