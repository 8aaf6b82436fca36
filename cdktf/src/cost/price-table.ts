/**
 * Bundled price table, USD, on-demand, us-east-1. Where the seeds give a price it is used
 * and cited; the rest are AWS list prices (2025) so that every resource the constructs
 * create has a line. Regions other than us-east-1 differ by a few percent: the estimate
 * says so in its assumptions rather than pretending to precision.
 */
import { GPU_ON_DEMAND_USD_PER_HOUR, GPU_SPOT_DISCOUNT } from '@platformops/platform-ops-guardrails';

export const HOURS_PER_MONTH = 730;

/** Seed 004: "Savings: ~70% on GPU costs" with spot (the platforms' shared figure). */
export const SPOT_DISCOUNT = GPU_SPOT_DISCOUNT;

export interface Price {
  usd: number;
  source: string;
}

const seed004 = 'seed 004 GPU table';
const list = 'AWS list price us-east-1';

export const PRICES = {
  /** Hourly, per instance. */
  ec2: Object.fromEntries(
    Object.entries(GPU_ON_DEMAND_USD_PER_HOUR).map(([type, usd]) => [type, { usd, source: seed004 }]),
  ) as Record<string, Price>,
  /** Hourly, per instance (single-AZ; Multi-AZ doubles it). */
  rds: {
    'db.t3.micro': { usd: 0.018, source: list },
    'db.t3.small': { usd: 0.036, source: list },
    'db.t3.medium': { usd: 0.072, source: list },
    'db.r6g.large': { usd: 0.225, source: list },
    'db.r6g.xlarge': { usd: 0.449, source: list },
  } as Record<string, Price>,
  /** Hourly, per node. */
  elasticache: {
    'cache.t3.micro': { usd: 0.017, source: list },
    'cache.t3.small': { usd: 0.034, source: list },
    'cache.t3.medium': { usd: 0.068, source: list },
    'cache.r6g.large': { usd: 0.206, source: list },
  } as Record<string, Price>,
  rdsGp3PerGbMonth: { usd: 0.115, source: list },
  fargateVcpuHour: { usd: 0.04048, source: list },
  fargateGbHour: { usd: 0.004445, source: list },
  /** Seed 001: "Single NAT Gateway ($32/month)". */
  natGatewayHour: { usd: 0.045, source: 'seed 001 ($32/month per NAT) / AWS list' },
  publicIpv4Hour: { usd: 0.005, source: list },
  albHour: { usd: 0.0225, source: list },
  albLcuHour: { usd: 0.008, source: list },
  interfaceEndpointHourPerAz: { usd: 0.01, source: list },
  s3StandardGbMonth: { usd: 0.023, source: list },
  s3StandardIaGbMonth: { usd: 0.0125, source: list },
  /** Seed 000: 10 TB/month CloudFront = $850. */
  cloudFrontGb: { usd: 0.085, source: 'seed 000 (10 TB = $850)' },
  wafAclMonth: { usd: 5, source: list },
  wafRuleMonth: { usd: 1, source: list },
  secretMonth: { usd: 0.4, source: list },
  kmsKeyMonth: { usd: 1, source: list },
  alarmMonth: { usd: 0.1, source: list },
  sqsPerMillion: { usd: 0.4, source: list },
  logsIngestGb: { usd: 0.5, source: list },
  ecrGbMonth: { usd: 0.1, source: list },
  snsMonth: { usd: 0, source: 'free tier covers alert volumes' },
  /** Basic health check of an AWS endpoint (an ALB), HTTP, 30 s interval. */
  route53HealthCheckMonth: { usd: 0.5, source: list },
} as const;

/** Usage the JSON cannot tell: explicit, printed with every estimate. */
export const USAGE_ASSUMPTIONS = {
  lcusPerAlb: 1,
  sqsMillionRequestsPerQueue: 1,
  logsGbPerLogGroup: 5,
  ecrGbPerRepository: 10,
};
