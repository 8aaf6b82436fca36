/**
 * Catalog annotations read by Platform Ops. One prefix for all of them so that a team can
 * grep its catalog for what this product acts on.
 *
 * @public
 */
export const ANNOTATION_PREFIX = 'platform-ops.io/';

/** @public */
export const PLATFORM_OPS_ANNOTATIONS = {
  /** 12-digit AWS account id the resource lives in. */
  accountId: `${ANNOTATION_PREFIX}aws-account-id`,
  /** AWS region, e.g. us-east-1. */
  region: `${ANNOTATION_PREFIX}aws-region`,
  /** Name of the environment entity this resource belongs to (dev, staging, prod...). */
  environment: `${ANNOTATION_PREFIX}environment`,
  /** Environment tier preset: dev | sandbox | staging | prod. */
  tier: `${ANNOTATION_PREFIX}tier`,
  /** Disaster-recovery region of an environment. */
  drRegion: `${ANNOTATION_PREFIX}dr-region`,
  /** Auto Scaling group name of a gpu-fleet. */
  asgName: `${ANNOTATION_PREFIX}asg-name`,
  /** SQS queue name of a queue (the URL is derived from account + region + name). */
  queueName: `${ANNOTATION_PREFIX}queue-name`,
  /** SQS dead-letter queue name of a queue. */
  dlqName: `${ANNOTATION_PREFIX}dlq-name`,
  /** Name of the queue entity a gpu-fleet drains. */
  drainsQueue: `${ANNOTATION_PREFIX}drains-queue`,
  /** RDS DB instance identifier. */
  dbInstanceId: `${ANNOTATION_PREFIX}db-instance-id`,
  /** Aurora DB cluster identifier (instead of db-instance-id). */
  dbClusterId: `${ANNOTATION_PREFIX}db-cluster-id`,
  /** Cross-region read replica identifier of a database (in the DR region). */
  dbReplicaId: `${ANNOTATION_PREFIX}db-replica-id`,
  /** ElastiCache replication group id. */
  cacheReplicationGroupId: `${ANNOTATION_PREFIX}cache-replication-group-id`,
  /** S3 bucket name. */
  bucketName: `${ANNOTATION_PREFIX}bucket-name`,
  /** ECS cluster and service of a Component (cluster/service). */
  ecsService: `${ANNOTATION_PREFIX}ecs-service`,
  /** Route 53 hosted zone id and record name of an environment (zoneId/record.name). */
  route53Record: `${ANNOTATION_PREFIX}route53-record`,
  /** CloudFront distribution id of an environment. */
  cloudFrontDistributionId: `${ANNOTATION_PREFIX}cloudfront-distribution-id`,
  /** Health endpoint of a Component (seed 003: /health and /health/detailed). */
  healthUrl: `${ANNOTATION_PREFIX}health-url`,
  /** Value of the cost-allocation tag for this entity (defaults to the environment name). */
  costTag: `${ANNOTATION_PREFIX}cost-tag`,
  /*
   * The region-failover path, written by the environment template from the same spec as the
   * Terraform. Without them the backend falls back to the naming convention of the Terraform
   * modules (same group and service names in the DR region, "<bucket>-<region short>").
   */
  /** gpu-fleet: Auto Scaling group name of its pilot light in the DR region. */
  drAsgName: `${ANNOTATION_PREFIX}dr-asg-name`,
  /** Component: cluster/service of its pilot light in the DR region. */
  drEcsService: `${ANNOTATION_PREFIX}dr-ecs-service`,
  /** bucket: its DR copy (cross-region replication target, CloudFront secondary origin). */
  drBucketName: `${ANNOTATION_PREFIX}dr-bucket-name`,
  /** environment: load balancer name in the DR region (the SECONDARY record's target). */
  drAlbName: `${ANNOTATION_PREFIX}dr-alb-name`,
  /** environment: "primary,dr" Route 53 health check names (their Name tags; AWS assigns the ids). */
  route53HealthChecks: `${ANNOTATION_PREFIX}route53-health-checks`,
  /** environment: "PRIMARY,SECONDARY" set identifiers of the failover record pair. */
  route53SetIdentifiers: `${ANNOTATION_PREFIX}route53-set-identifiers`,
  /** environment: "key=value,key=value" tags that find the CloudFront distribution before its id is known. */
  cloudFrontDistributionTags: `${ANNOTATION_PREFIX}cloudfront-distribution-tags`,
} as const;

/** @public */
export type PlatformOpsAnnotation =
  (typeof PLATFORM_OPS_ANNOTATIONS)[keyof typeof PLATFORM_OPS_ANNOTATIONS];
