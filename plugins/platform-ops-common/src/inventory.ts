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
}

/** An ECS service behind a Component. @public */
export interface EcsServiceResource extends InventoryResourceBase {
  kind: 'ecs-service';
  cluster: string;
  service: string;
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
