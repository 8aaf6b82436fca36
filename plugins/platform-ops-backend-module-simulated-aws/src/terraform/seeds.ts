/*
 * What applying an environment's synthesized Terraform creates in the simulated account:
 * plain data, one entry per AWS resource, each in the region of its Terraform provider with
 * the settings the JSON declares. The simulator's models are built from these (no naming
 * convention, no tier table): what the Terraform says is what exists.
 */

export interface SeedBase {
  /** Terraform address ("aws_autoscaling_group.dr_gpu_asg_205200B5"): where it came from. */
  address: string;
  accountId: string;
  region: string;
  tags: Record<string, string>;
}

export interface AutoScalingGroupSeed extends SeedBase {
  name: string;
  minSize: number;
  maxSize: number;
  desired: number;
  defaultCooldown: number;
  instanceTypes: string[];
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBaseCapacity: number;
  spotAllocationStrategy: string;
}

/** One query of a target-tracking policy's customized metric, as AWS's API names it. */
export interface TargetTrackingMetricQuery {
  Id: string;
  Label?: string;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[] };
    Stat: string;
  };
  Expression?: string;
  ReturnData: boolean;
}

/** A target-tracking scaling policy on a metric-math customized metric (e.g. backlog per instance). */
export interface ScalingPolicySeed extends SeedBase {
  name: string;
  /** Auto Scaling group it scales (same account and region). */
  groupName: string;
  targetValue: number;
  disableScaleIn: boolean;
  estimatedInstanceWarmup?: number;
  metrics: TargetTrackingMetricQuery[];
}

export interface QueueSeed extends SeedBase {
  name: string;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** Dead-letter target by name (same account and region, as SQS requires). */
  redrive?: { deadLetterQueueName: string; maxReceiveCount: number };
}

export interface DbInstanceSeed extends SeedBase {
  id: string;
  instanceClass: string;
  engine?: string;
  multiAz: boolean;
  backupRetentionPeriod: number;
  deletionProtection: boolean;
  /** Set on a (cross-region) read replica: its source instance. */
  replicaOf?: { id: string; region: string };
}

export interface ReplicationGroupSeed extends SeedBase {
  id: string;
  nodeType: string;
  nodes: number;
  automaticFailover: boolean;
  multiAz: boolean;
}

export interface EcsClusterSeed extends SeedBase {
  name: string;
}

export interface TaskDefinitionSeed extends SeedBase {
  family: string;
  cpu: number;
  memory: number;
  image: string;
}

export interface EcsServiceSeed extends SeedBase {
  name: string;
  cluster: string;
  desired: number;
  taskDefinitionFamily: string;
  /** Target group name of the service's load balancer attachment. */
  targetGroup?: string;
}

export interface LoadBalancerSeed extends SeedBase {
  name: string;
  /** "<name>-<id>.<region>.elb.amazonaws.com", as AWS names an ALB. */
  dnsName: string;
  /** The region's canonical ALB hosted zone (alias targets point at it). */
  canonicalHostedZoneId: string;
}

export interface TargetGroupSeed extends SeedBase {
  name: string;
  port: number;
  healthCheckPath?: string;
}

export interface HealthCheckSeed extends SeedBase {
  /** The caller reference (reference_name); AWS assigns the id. */
  reference: string;
  /** Region of the endpoint it probes: it fails while that region is down. */
  targetRegion: string;
  fqdn: string;
  port: number;
  resourcePath?: string;
  type: string;
}

export interface RecordSeed extends SeedBase {
  hostedZoneId: string;
  name: string;
  type: string;
  setIdentifier?: string;
  failover?: 'PRIMARY' | 'SECONDARY';
  alias?: { dnsName: string; hostedZoneId: string; evaluateTargetHealth: boolean };
  /** Reference of the health check (HealthCheckSeed.reference). */
  healthCheck?: string;
}

export interface DistributionSeed extends SeedBase {
  comment: string;
  origins: { id: string; domainName: string }[];
  originGroups: { id: string; members: string[]; statusCodes: number[] }[];
  defaultTargetOriginId: string;
  priceClass: string;
}

export interface BucketSeed extends SeedBase {
  name: string;
  /** Name of the bucket it replicates to (S3 cross-region replication). */
  replicatesTo?: string;
}

/** A resource the simulated account does not model: listed, never dropped silently. */
export interface NotSimulatedResource {
  type: string;
  address: string;
  region: string;
}

/** Everything one environment's Terraform creates in the simulated account. */
export interface TerraformSeeds {
  /** From the providers' default tags (platform-ops:environment / tier) and regions. */
  environment: { name: string; tier?: string; accountId: string; region: string; drRegion?: string };
  autoScalingGroups: AutoScalingGroupSeed[];
  /** Target-tracking policies (other policy types are listed in notSimulated). */
  scalingPolicies: ScalingPolicySeed[];
  queues: QueueSeed[];
  dbInstances: DbInstanceSeed[];
  replicationGroups: ReplicationGroupSeed[];
  ecsClusters: EcsClusterSeed[];
  taskDefinitions: TaskDefinitionSeed[];
  ecsServices: EcsServiceSeed[];
  loadBalancers: LoadBalancerSeed[];
  targetGroups: TargetGroupSeed[];
  healthChecks: HealthCheckSeed[];
  records: RecordSeed[];
  distributions: DistributionSeed[];
  buckets: BucketSeed[];
  notSimulated: NotSimulatedResource[];
}
