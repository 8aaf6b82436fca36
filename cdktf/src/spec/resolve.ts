import { parseCidr, subnetAt } from './cidr';
import { AwsRegion } from './regions';
import {
  EnvironmentSpec,
  GpuPoolOptions,
  GpuPoolSpec,
  QueueOptions,
  QueueSpec,
} from './schema';
import {
  EcsServicePreset,
  GPU_SCALING_DEFAULTS,
  GpuInstanceType,
  QUEUE_DEFAULTS,
  TIER_PRESETS,
  Tier,
  TierPreset,
} from './tiers';

/** Identity shared by every stack kind: who owns it, where it lives, how it is tagged. */
export interface ResolvedIdentity {
  name: string;
  tier: Tier;
  region: AwsRegion;
  accountId?: string;
  owner: string;
  system: string;
  costCenter: string;
  /** Cost-allocation tags put on every taggable resource through the provider. */
  tags: Record<string, string>;
}

export interface ResolvedGpuPool {
  name: string;
  instanceTypes: GpuInstanceType[];
  min: number;
  max: number;
  desired: number;
  spotPercent: number;
  backlogPerInstance: number;
  cooldownSeconds: number;
  instanceWarmupSeconds: number;
}

export interface ResolvedQueue {
  name: string;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  receiveWaitTimeSeconds: number;
  maxReceiveCount: number;
  dlqRetentionSeconds: number;
  dlqAlarmThreshold: number;
  depthAlarmThreshold: number;
}

export interface ResolvedSubnets {
  public: string[];
  app: string[];
  data: string[];
}

/** Where the public endpoint's failover records go (spec `dns`). */
export interface ResolvedDns {
  hostedZoneId: string;
  /** Without the trailing dot. */
  zoneName: string;
  /** Without the trailing dot. */
  recordName: string;
}

export interface ResolvedEnvironment extends ResolvedIdentity {
  kind: 'environment';
  drRegion: AwsRegion;
  /** Pilot light, health-checked failover records and a CDN origin group (tier preset). */
  regionFailover: boolean;
  dns?: ResolvedDns;
  vpcCidr: string;
  drVpcCidr: string;
  azs: string[];
  subnets: ResolvedSubnets;
  preset: TierPreset;
  database: TierPreset['database'];
  cache: TierPreset['cache'];
  api: EcsServicePreset;
  worker: EcsServicePreset;
  gpu: ResolvedGpuPool;
  queues: ResolvedQueue[];
  monthlyBudgetUsd: number;
  alarmEmail?: string;
}

/** Where an add-on (pool, queue) of an environment has its DR copy. */
export interface ResolvedAddOnDr {
  drRegion: AwsRegion;
  /** The tier's preset: prod pools and queues get a pilot-light copy in the DR region. */
  regionFailover: boolean;
}

export interface ResolvedGpuPoolStack extends ResolvedIdentity, ResolvedAddOnDr {
  kind: 'gpu-worker-pool';
  environment: string;
  queueName: string;
  gpu: ResolvedGpuPool;
}

export interface ResolvedQueueStack extends ResolvedIdentity, ResolvedAddOnDr {
  kind: 'queue';
  environment: string;
  queue: ResolvedQueue;
}

export type ResolvedSpec = ResolvedEnvironment | ResolvedGpuPoolStack | ResolvedQueueStack;

function identity(
  spec: EnvironmentSpec | GpuPoolSpec | QueueSpec,
  environment: string,
): ResolvedIdentity {
  const owner = spec.owner ?? 'group:default/platform';
  const system = spec.system ?? environment;
  const costCenter = spec.costCenter ?? environment;
  return {
    name: spec.name,
    tier: spec.tier,
    region: spec.region,
    accountId: spec.accountId,
    owner,
    system,
    costCenter,
    // Tag keys match the Cost Explorer cost-allocation tags the backend groups by.
    tags: {
      'platform-ops:environment': environment,
      'platform-ops:tier': spec.tier,
      'platform-ops:cost-center': costCenter,
      'platform-ops:owner': owner.replace(/[^\w.:/=+\-@ ]/g, '_'),
      'platform-ops:managed-by': 'cdktf',
    },
  };
}

export function resolveGpuPool(
  name: string,
  tier: Tier,
  options: GpuPoolOptions | undefined,
): ResolvedGpuPool {
  const preset = TIER_PRESETS[tier].gpu;
  const min = options?.min ?? preset.min;
  const max = options?.max ?? preset.max;
  return {
    name,
    instanceTypes: options?.instanceTypes ?? preset.instanceTypes,
    min,
    max,
    desired: min,
    spotPercent: options?.spotPercent ?? preset.spotPercent,
    backlogPerInstance: options?.backlogPerInstance ?? GPU_SCALING_DEFAULTS.backlogPerInstance,
    cooldownSeconds: GPU_SCALING_DEFAULTS.cooldownSeconds,
    instanceWarmupSeconds: GPU_SCALING_DEFAULTS.instanceWarmupSeconds,
  };
}

export function resolveQueue(
  name: string,
  options: Omit<QueueOptions, 'name'> | undefined,
): ResolvedQueue {
  return {
    name,
    visibilityTimeoutSeconds:
      options?.visibilityTimeoutSeconds ?? QUEUE_DEFAULTS.visibilityTimeoutSeconds,
    messageRetentionSeconds:
      options?.messageRetentionSeconds ?? QUEUE_DEFAULTS.messageRetentionSeconds,
    receiveWaitTimeSeconds: QUEUE_DEFAULTS.receiveWaitTimeSeconds,
    maxReceiveCount: options?.maxReceiveCount ?? QUEUE_DEFAULTS.maxReceiveCount,
    dlqRetentionSeconds: QUEUE_DEFAULTS.dlqRetentionSeconds,
    dlqAlarmThreshold: options?.dlqAlarmThreshold ?? QUEUE_DEFAULTS.dlqAlarmThreshold,
    depthAlarmThreshold: QUEUE_DEFAULTS.depthAlarmThreshold,
  };
}

/** Seed 000 layout: public .1-.3, app .11-.13, data .21-.23 (as /24s of a /16). */
export function subnetLayout(vpcCidr: string, azCount: number): ResolvedSubnets {
  const range = parseCidr(vpcCidr);
  if (!range) throw new Error(`invalid VPC CIDR ${vpcCidr}`);
  const prefix = Math.min(range.prefix + 8, 28);
  const pick = (offset: number) =>
    Array.from({ length: azCount }, (_, i) => subnetAt(range, prefix, offset + i));
  return { public: pick(1), app: pick(11), data: pick(21) };
}

function defaultDrRegion(region: AwsRegion): AwsRegion {
  // Seed 000 / 004 both fail over us-east-1 -> us-west-2.
  return region === 'us-west-2' ? 'us-east-1' : 'us-west-2';
}

export function resolveEnvironment(spec: EnvironmentSpec): ResolvedEnvironment {
  const preset = TIER_PRESETS[spec.tier];
  const azCount = spec.network?.azCount ?? preset.azCount;
  const vpcCidr = spec.network?.vpcCidr ?? preset.vpcCidr;
  // The DR VPC mirrors the primary one in the 10.100+ range so the two can be peered.
  const drVpcCidr =
    spec.network?.drVpcCidr ?? vpcCidr.replace(/^10\.(\d+)\./, (_, n) => `10.${100 + Number(n)}.`);
  const queueNames = spec.queues ?? [{ name: 'processing' }];
  const zoneName = spec.dns?.zoneName.replace(/\.$/, '');
  return {
    kind: 'environment',
    ...identity(spec, spec.name),
    drRegion: spec.drRegion ?? defaultDrRegion(spec.region),
    regionFailover: preset.regionFailover,
    dns:
      spec.dns && zoneName
        ? {
            hostedZoneId: spec.dns.hostedZoneId,
            zoneName,
            recordName: spec.dns.recordName?.replace(/\.$/, '') ?? `${spec.name}.${zoneName}`,
          }
        : undefined,
    vpcCidr,
    drVpcCidr,
    azs: ['a', 'b', 'c'].slice(0, azCount).map(s => `${spec.region}${s}`),
    subnets: subnetLayout(vpcCidr, azCount),
    preset,
    database: preset.database,
    cache: preset.cache,
    api: preset.api,
    worker: preset.worker,
    gpu: resolveGpuPool('gpu-workers', spec.tier, spec.gpu),
    queues: queueNames.map(q => resolveQueue(q.name, q)),
    monthlyBudgetUsd: spec.monthlyBudgetUsd ?? preset.monthlyBudgetUsd,
    alarmEmail: spec.alarmEmail,
  };
}

export function resolveGpuPoolStack(spec: GpuPoolSpec): ResolvedGpuPoolStack {
  return {
    kind: 'gpu-worker-pool',
    ...identity(spec, spec.environment),
    drRegion: spec.drRegion ?? defaultDrRegion(spec.region),
    regionFailover: TIER_PRESETS[spec.tier].regionFailover,
    environment: spec.environment,
    queueName: spec.queueName,
    gpu: resolveGpuPool(spec.name, spec.tier, spec.gpu),
  };
}

export function resolveQueueStack(spec: QueueSpec): ResolvedQueueStack {
  return {
    kind: 'queue',
    ...identity(spec, spec.environment),
    drRegion: spec.drRegion ?? defaultDrRegion(spec.region),
    regionFailover: TIER_PRESETS[spec.tier].regionFailover,
    environment: spec.environment,
    queue: resolveQueue(spec.name, spec.queue),
  };
}

export function resolveSpec(spec: EnvironmentSpec | GpuPoolSpec | QueueSpec): ResolvedSpec {
  switch (spec.kind) {
    case 'environment':
      return resolveEnvironment(spec);
    case 'gpu-worker-pool':
      return resolveGpuPoolStack(spec);
    case 'queue':
      return resolveQueueStack(spec);
    default:
      throw new Error('unknown spec kind');
  }
}
