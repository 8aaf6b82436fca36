import {
  EnvironmentTier,
  GPU_ON_DEMAND_USD_PER_HOUR,
  GPU_SPOT_DISCOUNT,
} from '@platformops/plugin-platform-ops-common';

/**
 * Prices the simulated account bills with. GPU on-demand $/hour are seed 004's table; spot
 * runs at the seed's ~70 % saving. The monthly figures of the other services come from the
 * seeds' cost tables (seed 000 monthly costs, seed 001 NAT per environment, seed 004 per-tier
 * sizing), scaled per tier so that each environment lands in its seed range (dev ~$335,
 * staging ~$800-1,200, prod ~$2,600-4,000 with the GPU fleet). The GPU table itself is the
 * one of @platformops/plugin-platform-ops-common.
 */

export type PurchaseOption = 'on-demand' | 'spot';

/** $/hour of one instance; unknown types are refused so a typo cannot bill $0. */
export function instanceHourlyPrice(instanceType: string, purchase: PurchaseOption): number {
  const onDemand = GPU_ON_DEMAND_USD_PER_HOUR[instanceType];
  if (onDemand === undefined) {
    throw new Error(`No price for instance type ${instanceType}`);
  }
  return purchase === 'spot' ? onDemand * (1 - GPU_SPOT_DISCOUNT) : onDemand;
}

/** Cost Explorer SERVICE dimension values, as AWS names them. */
export const CE_SERVICES = {
  ec2Compute: 'Amazon Elastic Compute Cloud - Compute',
  ec2Other: 'EC2 - Other',
  rds: 'Amazon Relational Database Service',
  elastiCache: 'Amazon ElastiCache',
  ecs: 'Amazon Elastic Container Service',
  s3: 'Amazon Simple Storage Service',
  cloudFront: 'Amazon CloudFront',
  elb: 'Amazon Elastic Load Balancing',
  cloudWatch: 'AmazonCloudWatch',
  sqs: 'Amazon Simple Queue Service',
  dataTransfer: 'AWS Data Transfer',
} as const;

export interface FixedMonthlyCost {
  service: string;
  usageType: string;
  usd: number;
  /** Cost category "workload" value (GroupBy COST_CATEGORY workload). */
  workload: 'data' | 'network' | 'delivery' | 'platform';
}

/** Monthly cost of everything but the GPU fleet, per environment tier. */
export const FIXED_MONTHLY_COSTS: Readonly<Record<EnvironmentTier, FixedMonthlyCost[]>> = {
  // dev: db.t3.micro, cache.t3.micro, a single NAT ($32, seed 001), 1 Fargate task.
  dev: [
    { service: CE_SERVICES.rds, usageType: 'InstanceUsage:db.t3.micro', usd: 30, workload: 'data' },
    { service: CE_SERVICES.elastiCache, usageType: 'NodeUsage:cache.t3.micro', usd: 12, workload: 'data' },
    { service: CE_SERVICES.ec2Other, usageType: 'NatGateway-Hours', usd: 32, workload: 'network' },
    { service: CE_SERVICES.ecs, usageType: 'Fargate-vCPU-Hours:perCPU', usd: 36, workload: 'platform' },
    { service: CE_SERVICES.s3, usageType: 'TimedStorage-ByteHrs', usd: 6, workload: 'delivery' },
    { service: CE_SERVICES.cloudFront, usageType: 'DataTransfer-Out-Bytes', usd: 4, workload: 'delivery' },
    { service: CE_SERVICES.elb, usageType: 'LoadBalancerUsage', usd: 18, workload: 'network' },
    { service: CE_SERVICES.cloudWatch, usageType: 'CW:MetricMonitorUsage', usd: 5, workload: 'platform' },
    { service: CE_SERVICES.sqs, usageType: 'Requests-Tier1', usd: 1, workload: 'platform' },
  ],
  // sandbox sits between dev and staging (seed 004: ~$450-600/month).
  sandbox: [
    { service: CE_SERVICES.rds, usageType: 'InstanceUsage:db.t3.small', usd: 60, workload: 'data' },
    { service: CE_SERVICES.elastiCache, usageType: 'NodeUsage:cache.t3.small', usd: 25, workload: 'data' },
    { service: CE_SERVICES.ec2Other, usageType: 'NatGateway-Hours', usd: 32, workload: 'network' },
    { service: CE_SERVICES.ecs, usageType: 'Fargate-vCPU-Hours:perCPU', usd: 72, workload: 'platform' },
    { service: CE_SERVICES.s3, usageType: 'TimedStorage-ByteHrs', usd: 12, workload: 'delivery' },
    { service: CE_SERVICES.cloudFront, usageType: 'DataTransfer-Out-Bytes', usd: 8, workload: 'delivery' },
    { service: CE_SERVICES.elb, usageType: 'LoadBalancerUsage', usd: 20, workload: 'network' },
    { service: CE_SERVICES.cloudWatch, usageType: 'CW:MetricMonitorUsage', usd: 8, workload: 'platform' },
    { service: CE_SERVICES.sqs, usageType: 'Requests-Tier1', usd: 2, workload: 'platform' },
  ],
  // staging: db.t3.medium Multi-AZ + 1 replica, 2 cache nodes, NAT per AZ ($96, seed 001).
  staging: [
    { service: CE_SERVICES.rds, usageType: 'Multi-AZUsage:db.t3.medium', usd: 150, workload: 'data' },
    { service: CE_SERVICES.elastiCache, usageType: 'NodeUsage:cache.t3.medium', usd: 100, workload: 'data' },
    { service: CE_SERVICES.ec2Other, usageType: 'NatGateway-Hours', usd: 96, workload: 'network' },
    { service: CE_SERVICES.ecs, usageType: 'Fargate-vCPU-Hours:perCPU', usd: 110, workload: 'platform' },
    { service: CE_SERVICES.s3, usageType: 'TimedStorage-ByteHrs', usd: 25, workload: 'delivery' },
    { service: CE_SERVICES.cloudFront, usageType: 'DataTransfer-Out-Bytes', usd: 20, workload: 'delivery' },
    { service: CE_SERVICES.elb, usageType: 'LoadBalancerUsage', usd: 25, workload: 'network' },
    { service: CE_SERVICES.cloudWatch, usageType: 'CW:MetricMonitorUsage', usd: 15, workload: 'platform' },
    { service: CE_SERVICES.sqs, usageType: 'Requests-Tier1', usd: 3, workload: 'platform' },
  ],
  // prod: seed 000's RDS ($450 Multi-AZ) and Redis ($150/node x 3), NAT per AZ, cross-region
  // replica, a scaled-down share of seed 000's S3 / CloudFront / data transfer lines.
  prod: [
    { service: CE_SERVICES.rds, usageType: 'Multi-AZUsage:db.r6g.xlarge', usd: 675, workload: 'data' },
    { service: CE_SERVICES.elastiCache, usageType: 'NodeUsage:cache.r6g.large', usd: 450, workload: 'data' },
    { service: CE_SERVICES.ec2Other, usageType: 'NatGateway-Hours', usd: 96, workload: 'network' },
    { service: CE_SERVICES.ecs, usageType: 'Fargate-vCPU-Hours:perCPU', usd: 290, workload: 'platform' },
    { service: CE_SERVICES.s3, usageType: 'TimedStorage-ByteHrs', usd: 350, workload: 'delivery' },
    { service: CE_SERVICES.cloudFront, usageType: 'DataTransfer-Out-Bytes', usd: 380, workload: 'delivery' },
    { service: CE_SERVICES.elb, usageType: 'LoadBalancerUsage', usd: 30, workload: 'network' },
    { service: CE_SERVICES.cloudWatch, usageType: 'CW:MetricMonitorUsage', usd: 60, workload: 'platform' },
    { service: CE_SERVICES.sqs, usageType: 'Requests-Tier1', usd: 8, workload: 'platform' },
    { service: CE_SERVICES.dataTransfer, usageType: 'DataTransfer-Regional-Bytes', usd: 120, workload: 'network' },
  ],
};

/** Monthly budgets per tier (seed 004 cost per environment; seed 003 alerts at 80 %). */
export const MONTHLY_BUDGET_USD: Readonly<Record<EnvironmentTier, number>> = {
  dev: 335,
  sandbox: 600,
  staging: 1200,
  prod: 4000,
};
