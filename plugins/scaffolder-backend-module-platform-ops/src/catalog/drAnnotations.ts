import { PLATFORM_OPS_ANNOTATIONS as A } from '@platformops/plugin-platform-ops-common';

/**
 * The region-failover annotations the environment template writes, read by the Platform Ops
 * backend's inventory (platform-ops-common PLATFORM_OPS_ANNOTATIONS). Entities without them
 * fall back to the naming convention there; the template always writes them for tiers with
 * region failover, so its environments rely on no convention.
 */
export const DR_ANNOTATIONS = {
  /** gpu-fleet: Auto Scaling group name of its pilot light in the DR region. */
  drAsgName: A.drAsgName,
  /** Component: cluster/service of its pilot light in the DR region. */
  drEcsService: A.drEcsService,
  /** bucket: the DR copy (cross-region replication target, CloudFront secondary origin). */
  drBucketName: A.drBucketName,
  /** environment: load balancer name in the DR region (the SECONDARY record's target). */
  drAlbName: A.drAlbName,
  /** environment: primary,dr Route 53 health check names (reference name and Name tag; AWS assigns the ids). */
  route53HealthChecks: A.route53HealthChecks,
  /** environment: PRIMARY,SECONDARY set identifiers of the failover pair. */
  route53SetIdentifiers: A.route53SetIdentifiers,
  /**
   * environment: tags that find the CloudFront distribution until its id (assigned at apply,
   * Terraform output `cdn_distribution_id`) is written to platform-ops.io/cloudfront-distribution-id.
   */
  cloudFrontDistributionTags: A.cloudFrontDistributionTags,
} as const;
