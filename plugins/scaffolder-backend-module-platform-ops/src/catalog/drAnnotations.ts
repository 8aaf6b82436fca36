import { ANNOTATION_PREFIX } from '@platformops/plugin-platform-ops-common';

/**
 * Annotations the environment template writes for the region-failover path that the
 * Platform Ops backend does not read yet: today it derives these names by convention (same
 * group and service names in the DR region, `<bucket>-<region short>`, failover records read
 * from Route 53). The values follow that convention, so both agree; once the backend reads
 * them, they belong in PLATFORM_OPS_ANNOTATIONS (platform-ops-common).
 */
export const DR_ANNOTATIONS = {
  /** gpu-fleet: Auto Scaling group name of its pilot light in the DR region. */
  drAsgName: `${ANNOTATION_PREFIX}dr-asg-name`,
  /** Component: cluster/service of its pilot light in the DR region. */
  drEcsService: `${ANNOTATION_PREFIX}dr-ecs-service`,
  /** bucket: the DR copy (cross-region replication target, CloudFront secondary origin). */
  drBucketName: `${ANNOTATION_PREFIX}dr-bucket-name`,
  /** environment: load balancer name in the DR region (the SECONDARY record's target). */
  drAlbName: `${ANNOTATION_PREFIX}dr-alb-name`,
  /** environment: primary,dr Route 53 health check names (reference name and Name tag; AWS assigns the ids). */
  route53HealthChecks: `${ANNOTATION_PREFIX}route53-health-checks`,
  /** environment: PRIMARY,SECONDARY set identifiers of the failover pair. */
  route53SetIdentifiers: `${ANNOTATION_PREFIX}route53-set-identifiers`,
  /**
   * environment: tags that find the CloudFront distribution until its id (assigned at apply,
   * Terraform output `cdn_distribution_id`) is written to platform-ops.io/cloudfront-distribution-id.
   */
  cloudFrontDistributionTags: `${ANNOTATION_PREFIX}cloudfront-distribution-tags`,
} as const;
