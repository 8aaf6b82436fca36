/**
 * Tier presets: the sizing of each environment tier, taken from the seeds.
 * - seed 001 (Social Flow IaC): RDS / Redis / ECS sizes for dev, staging, prod; single NAT in
 *   dev vs one per AZ in prod; Multi-AZ in staging and prod; backup retention 3-30 days;
 *   deletion protection in prod; CloudFront price classes.
 * - seed 004 (AI Film Studio): sandbox sizing, GPU worker min/max per tier, the 70 % spot mix,
 *   queue settings, monthly cost per environment (used as the default budget).
 * - seed 000 (Luma): subnet layout, worker cooldown (600 s), alert thresholds.
 */

export const TIERS = ['dev', 'sandbox', 'staging', 'prod'] as const;
export type Tier = (typeof TIERS)[number];

export const GPU_INSTANCE_TYPES = [
  'g4dn.xlarge',
  'g4dn.2xlarge',
  'g5.xlarge',
  'g5.2xlarge',
] as const;
export type GpuInstanceType = (typeof GPU_INSTANCE_TYPES)[number];

export interface EcsServicePreset {
  cpu: number;
  memory: number;
  min: number;
  max: number;
}

export interface TierPreset {
  /** Availability zones the VPC spans. */
  azCount: number;
  /** true: one NAT gateway per AZ; false: a single NAT gateway (seed 001). */
  natPerAz: boolean;
  /** Interface VPC endpoints (SQS, ECR, Secrets Manager, Logs); seed 004 lists them for staging/prod. */
  interfaceEndpoints: boolean;
  /** Default VPC CIDR, one /16 per tier so peered environments never overlap (seed 004). */
  vpcCidr: string;
  database: {
    instanceClass: string;
    allocatedStorageGb: number;
    maxAllocatedStorageGb: number;
    multiAz: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Cross-region read replica in the DR region. */
    crossRegionReplica: boolean;
  };
  cache: {
    nodeType: string;
    /** Primary + replicas. */
    nodes: number;
  };
  api: EcsServicePreset;
  worker: EcsServicePreset;
  gpu: {
    instanceTypes: GpuInstanceType[];
    min: number;
    max: number;
    /** Share of capacity above the on-demand base that runs on spot. */
    spotPercent: number;
  };
  /** WAF in front of the ALB; seed 004 leaves it out of dev/sandbox to save cost. */
  waf: boolean;
  /** Bucket versioning; seed 001 disables it in dev. */
  versioning: boolean;
  /** Cross-region replication of the assets bucket into the DR region's backup bucket. */
  crossRegionBackup: boolean;
  /**
   * Region failover (seed 004's six steps): a pilot light in the DR region (ECS cluster,
   * services and GPU group at zero, ALB, security groups, roles), Route 53 health checks and
   * PRIMARY/SECONDARY failover records, and a CloudFront origin group with the DR bucket.
   * Needs the cross-region replica and the DR bucket.
   */
  regionFailover: boolean;
  logRetentionDays: number;
  cloudFrontPriceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** Default monthly budget in USD (seed 004 cost per environment). */
  monthlyBudgetUsd: number;
  /** Storage assumption for the cost estimate, GB in the assets bucket. */
  assumedStorageGb: number;
  /** CloudFront egress assumption for the cost estimate, GB per month. */
  assumedCdnEgressGb: number;
}

export const TIER_PRESETS: Record<Tier, TierPreset> = {
  dev: {
    interfaceEndpoints: false,
    azCount: 2,
    natPerAz: false,
    vpcCidr: '10.0.0.0/16',
    database: {
      instanceClass: 'db.t3.small',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 100,
      multiAz: false,
      backupRetentionDays: 3,
      deletionProtection: false,
      crossRegionReplica: false,
    },
    cache: { nodeType: 'cache.t3.micro', nodes: 1 },
    api: { cpu: 512, memory: 1024, min: 1, max: 1 },
    worker: { cpu: 256, memory: 512, min: 1, max: 1 },
    gpu: { instanceTypes: ['g4dn.xlarge'], min: 0, max: 1, spotPercent: 100 },
    waf: false,
    versioning: false,
    crossRegionBackup: false,
    regionFailover: false,
    logRetentionDays: 7,
    cloudFrontPriceClass: 'PriceClass_100',
    monthlyBudgetUsd: 335,
    assumedStorageGb: 50,
    assumedCdnEgressGb: 50,
  },
  sandbox: {
    interfaceEndpoints: false,
    azCount: 2,
    natPerAz: false,
    vpcCidr: '10.1.0.0/16',
    database: {
      instanceClass: 'db.t3.small',
      allocatedStorageGb: 50,
      maxAllocatedStorageGb: 200,
      multiAz: true,
      backupRetentionDays: 7,
      deletionProtection: false,
      crossRegionReplica: false,
    },
    cache: { nodeType: 'cache.t3.small', nodes: 1 },
    api: { cpu: 1024, memory: 2048, min: 2, max: 2 },
    worker: { cpu: 512, memory: 1024, min: 1, max: 2 },
    gpu: { instanceTypes: ['g4dn.xlarge'], min: 1, max: 2, spotPercent: 100 },
    waf: false,
    versioning: true,
    crossRegionBackup: false,
    regionFailover: false,
    logRetentionDays: 7,
    cloudFrontPriceClass: 'PriceClass_100',
    monthlyBudgetUsd: 550,
    assumedStorageGb: 100,
    assumedCdnEgressGb: 100,
  },
  staging: {
    interfaceEndpoints: true,
    azCount: 2,
    natPerAz: true,
    vpcCidr: '10.2.0.0/16',
    database: {
      instanceClass: 'db.t3.medium',
      allocatedStorageGb: 100,
      maxAllocatedStorageGb: 500,
      multiAz: true,
      backupRetentionDays: 7,
      deletionProtection: false,
      crossRegionReplica: false,
    },
    cache: { nodeType: 'cache.t3.small', nodes: 2 },
    api: { cpu: 1024, memory: 2048, min: 2, max: 4 },
    worker: { cpu: 512, memory: 1024, min: 2, max: 4 },
    gpu: { instanceTypes: ['g4dn.xlarge', 'g5.xlarge'], min: 2, max: 4, spotPercent: 70 },
    waf: true,
    versioning: true,
    crossRegionBackup: true,
    regionFailover: false,
    logRetentionDays: 14,
    cloudFrontPriceClass: 'PriceClass_200',
    monthlyBudgetUsd: 1000,
    assumedStorageGb: 500,
    assumedCdnEgressGb: 500,
  },
  prod: {
    interfaceEndpoints: true,
    azCount: 3,
    natPerAz: true,
    vpcCidr: '10.3.0.0/16',
    database: {
      instanceClass: 'db.r6g.xlarge',
      allocatedStorageGb: 500,
      maxAllocatedStorageGb: 1000,
      multiAz: true,
      backupRetentionDays: 30,
      deletionProtection: true,
      crossRegionReplica: true,
    },
    cache: { nodeType: 'cache.r6g.large', nodes: 3 },
    api: { cpu: 2048, memory: 4096, min: 3, max: 10 },
    worker: { cpu: 1024, memory: 2048, min: 4, max: 8 },
    gpu: { instanceTypes: ['g4dn.xlarge', 'g5.xlarge'], min: 2, max: 20, spotPercent: 70 },
    waf: true,
    versioning: true,
    crossRegionBackup: true,
    regionFailover: true,
    logRetentionDays: 30,
    cloudFrontPriceClass: 'PriceClass_All',
    monthlyBudgetUsd: 2600,
    assumedStorageGb: 5000,
    assumedCdnEgressGb: 10000,
  },
};

/** Settings shared by every tier (seed 004 SQS section, seed 000 worker scaling). */
export const QUEUE_DEFAULTS = {
  visibilityTimeoutSeconds: 300,
  messageRetentionSeconds: 345600,
  receiveWaitTimeSeconds: 20,
  maxReceiveCount: 3,
  dlqRetentionSeconds: 1209600,
  /** Alarm when the DLQ holds more than this many messages. */
  dlqAlarmThreshold: 5,
  /** Warning when the main queue is deeper than this. */
  depthAlarmThreshold: 100,
} as const;

export const GPU_SCALING_DEFAULTS = {
  /** Messages per in-service worker that target tracking aims for (seed 004: 10 -> 1 worker). */
  backlogPerInstance: 10,
  /** Seed 000: 600 s cooldown to let jobs finish. */
  cooldownSeconds: 600,
  /** Seed 004: boot 2-3 min plus 30-60 s warm-up. */
  instanceWarmupSeconds: 240,
} as const;

/** Alarm thresholds from the seeds' alert tables. */
export const ALARM_THRESHOLDS = {
  rdsCpuPercent: 90,
  rdsFreeStorageFraction: 0.2,
  ecsCpuPercent: 75,
  ecsMemoryPercent: 85,
  redisMemoryPercent: 80,
  redisCpuPercent: 75,
  alb5xxPerMinute: 100,
  budgetAlertPercent: 80,
} as const;
