import { albZoneId } from '../dr/route53/route53Seed';
import { stableId } from './stableId';
import {
  AutoScalingGroupSeed,
  BucketSeed,
  DbInstanceSeed,
  DistributionSeed,
  EcsServiceSeed,
  HealthCheckSeed,
  LoadBalancerSeed,
  QueueSeed,
  RecordSeed,
  ScalingPolicySeed,
  TargetTrackingMetricQuery,
  SeedBase,
  TerraformSeeds,
} from './seeds';
import {
  bool,
  num,
  parseReference,
  PlacedResource,
  placeResources,
  referencesIn,
  str,
  TerraformStackJson,
} from './terraformJson';

export interface TerraformSeedOptions {
  /** Account of stacks whose provider pins none (allowed_account_ids). */
  accountId?: string;
}

type Converter = (r: PlacedResource, ctx: Context) => void;

interface Context {
  seeds: TerraformSeeds;
  byAddress: Map<string, PlacedResource>;
  base(r: PlacedResource): SeedBase;
  /** The name of the resource a reference points at (its name/identifier/bucket/family). */
  nameAt(reference: unknown): string | undefined;
  resource(reference: unknown): PlacedResource | undefined;
}

/** Name-like arguments of the types the references point at. */
const NAME_ARGUMENT: Record<string, string> = {
  aws_lb: 'name',
  aws_lb_target_group: 'name',
  aws_ecs_cluster: 'name',
  aws_ecs_task_definition: 'family',
  aws_sqs_queue: 'name',
  aws_db_instance: 'identifier',
  aws_s3_bucket: 'bucket',
  aws_route53_health_check: 'reference_name',
};

/** "<name>-<10 digits>.<region>.elb.amazonaws.com", the form of AWS's ALB DNS names. */
export function albDnsName(name: string, region: string, accountId: string): string {
  return `${name}-${stableId(10, '0123456789', accountId, region, name)}.${region}.elb.amazonaws.com`;
}

/** An S3 bucket's regional domain (CloudFront origins use it). */
export function bucketRegionalDomain(bucket: string, region: string): string {
  return `${bucket}.s3.${region}.amazonaws.com`;
}

function resolveValue(ctx: Context, value: unknown): string | undefined {
  const ref = parseReference(value);
  if (!ref) return str(value);
  const target = ctx.byAddress.get(ref.address);
  if (!target) return undefined;
  const name = str(target.body[NAME_ARGUMENT[target.type] ?? 'name']);
  if (!name) return undefined;
  if (target.type === 'aws_lb' && ref.attribute === 'dns_name') return albDnsName(name, target.region, ctx.base(target).accountId);
  if (target.type === 'aws_lb' && ref.attribute === 'zone_id') return albZoneId(target.region);
  if (target.type === 'aws_s3_bucket' && ref.attribute === 'bucket_regional_domain_name') return bucketRegionalDomain(name, target.region);
  return name;
}

const asg: Converter = (r, ctx) => {
  const b = r.body;
  const policy = (b.mixed_instances_policy ?? {}) as {
    instances_distribution?: Record<string, unknown>;
    launch_template?: { override?: { instance_type?: string }[] };
  };
  const dist = policy.instances_distribution ?? {};
  const seed: AutoScalingGroupSeed = {
    ...ctx.base(r),
    name: str(b.name) ?? r.localName,
    minSize: num(b.min_size, 0),
    maxSize: num(b.max_size, 0),
    desired: num(b.desired_capacity, num(b.min_size, 0)),
    defaultCooldown: num(b.default_cooldown, 300),
    instanceTypes: (policy.launch_template?.override ?? []).flatMap(o => (o.instance_type ? [o.instance_type] : [])),
    // AWS defaults of an instances distribution.
    onDemandBaseCapacity: num(dist.on_demand_base_capacity, 0),
    onDemandPercentageAboveBaseCapacity: num(dist.on_demand_percentage_above_base_capacity, 100),
    spotAllocationStrategy: str(dist.spot_allocation_strategy) ?? 'lowest-price',
  };
  ctx.seeds.autoScalingGroups.push(seed);
};

interface TerraformMetricQuery {
  id?: string;
  label?: string;
  expression?: string;
  return_data?: boolean;
  metric_stat?: {
    stat?: string;
    metric?: { namespace?: string; metric_name?: string; dimensions?: { name?: string; value?: string }[] };
  };
}

/**
 * aws_autoscaling_policy: target tracking on a customized metric (the GPU fleet's backlog per
 * instance) is simulated, so the fleet scales as the Terraform says; other policy types
 * (SimpleScaling driven by an alarm) are listed as not simulated.
 */
const scalingPolicy: Converter = (r, ctx) => {
  const b = r.body;
  const config = (b.target_tracking_configuration ?? {}) as {
    target_value?: number;
    disable_scale_in?: boolean;
    customized_metric_specification?: { metrics?: TerraformMetricQuery[] };
  };
  const metrics = config.customized_metric_specification?.metrics;
  const groupName = ctx.nameAt(b.autoscaling_group_name);
  if (str(b.policy_type) !== 'TargetTrackingScaling' || !metrics?.length || !groupName) {
    ctx.seeds.notSimulated.push({ type: r.type, address: r.address, region: r.region });
    return;
  }
  const seed: ScalingPolicySeed = {
    ...ctx.base(r),
    name: str(b.name) ?? r.localName,
    groupName,
    targetValue: num(config.target_value, 0),
    disableScaleIn: bool(config.disable_scale_in),
    estimatedInstanceWarmup: b.estimated_instance_warmup === undefined ? undefined : num(b.estimated_instance_warmup, 0),
    metrics: metrics.map((m, i): TargetTrackingMetricQuery => {
      const metric = m.metric_stat?.metric;
      return {
        Id: m.id ?? `m${i + 1}`,
        ...(m.label ? { Label: m.label } : {}),
        ...(m.metric_stat && metric
          ? {
              MetricStat: {
                Metric: {
                  Namespace: metric.namespace ?? '',
                  MetricName: metric.metric_name ?? '',
                  Dimensions: (metric.dimensions ?? []).map(d => ({ Name: d.name ?? '', Value: ctx.nameAt(d.value) ?? '' })),
                },
                Stat: m.metric_stat.stat ?? 'Average',
              },
            }
          : {}),
        ...(m.expression ? { Expression: m.expression } : {}),
        ReturnData: m.return_data ?? true,
      };
    }),
  };
  ctx.seeds.scalingPolicies.push(seed);
};

const queue: Converter = (r, ctx) => {
  const b = r.body;
  const seed: QueueSeed = {
    ...ctx.base(r),
    name: str(b.name) ?? r.localName,
    // SQS defaults: 30 s visibility, 4 days retention.
    visibilityTimeoutSeconds: num(b.visibility_timeout_seconds, 30),
    retentionSeconds: num(b.message_retention_seconds, 345_600),
  };
  const redrive = str(b.redrive_policy);
  if (redrive) {
    const [target] = referencesIn(redrive);
    const parsed = JSON.parse(redrive.replace(/\$\{[^}]+\}/g, 'ref')) as { maxReceiveCount?: number | string };
    const dlq = target ? ctx.nameAt(`\${${target.address}.${target.attribute}}`) : undefined;
    if (dlq) seed.redrive = { deadLetterQueueName: dlq, maxReceiveCount: num(parsed.maxReceiveCount, 10) };
  }
  ctx.seeds.queues.push(seed);
};

const dbInstance: Converter = (r, ctx) => {
  const b = r.body;
  const source = ctx.resource(b.replicate_source_db);
  const seed: DbInstanceSeed = {
    ...ctx.base(r),
    id: str(b.identifier) ?? r.localName,
    instanceClass: str(b.instance_class) ?? 'db.t3.micro',
    engine: str(b.engine) ?? (source ? str(source.body.engine) : undefined),
    multiAz: bool(b.multi_az),
    backupRetentionPeriod: num(b.backup_retention_period, 0),
    deletionProtection: bool(b.deletion_protection),
  };
  if (source) seed.replicaOf = { id: str(source.body.identifier) ?? source.localName, region: source.region };
  ctx.seeds.dbInstances.push(seed);
};

const replicationGroup: Converter = (r, ctx) => {
  const b = r.body;
  ctx.seeds.replicationGroups.push({
    ...ctx.base(r),
    id: str(b.replication_group_id) ?? r.localName,
    nodeType: str(b.node_type) ?? 'cache.t3.micro',
    nodes: num(b.num_cache_clusters, 1),
    automaticFailover: bool(b.automatic_failover_enabled),
    multiAz: bool(b.multi_az_enabled),
  });
};

const ecsCluster: Converter = (r, ctx) => {
  ctx.seeds.ecsClusters.push({ ...ctx.base(r), name: str(r.body.name) ?? r.localName });
};

const taskDefinition: Converter = (r, ctx) => {
  const b = r.body;
  let image = '';
  try {
    const containers = JSON.parse(str(b.container_definitions) ?? '[]') as { image?: string }[];
    image = containers[0]?.image ?? '';
  } catch {
    image = '';
  }
  // "${aws_ecr_repository.x.repository_url}:latest": the registry of the stack's region.
  const repo = referencesIn(image)[0];
  if (repo) {
    const target = ctx.byAddress.get(repo.address);
    const base = ctx.base(r);
    const url = `${base.accountId}.dkr.ecr.${target?.region ?? r.region}.amazonaws.com/${str(target?.body.name) ?? 'image'}`;
    image = image.replace(/\$\{[^}]+\}/, url);
  }
  ctx.seeds.taskDefinitions.push({
    ...ctx.base(r),
    family: str(b.family) ?? r.localName,
    cpu: num(b.cpu, 256),
    memory: num(b.memory, 512),
    image,
  });
};

const ecsService: Converter = (r, ctx) => {
  const b = r.body;
  const lb = Array.isArray(b.load_balancer) ? (b.load_balancer as { target_group_arn?: string }[])[0] : undefined;
  const seed: EcsServiceSeed = {
    ...ctx.base(r),
    name: str(b.name) ?? r.localName,
    cluster: ctx.nameAt(b.cluster) ?? 'default',
    desired: num(b.desired_count, 0),
    taskDefinitionFamily: ctx.nameAt(b.task_definition) ?? '',
    targetGroup: lb ? ctx.nameAt(lb.target_group_arn) : undefined,
  };
  ctx.seeds.ecsServices.push(seed);
};

const loadBalancer: Converter = (r, ctx) => {
  const base = ctx.base(r);
  const name = str(r.body.name) ?? r.localName;
  const seed: LoadBalancerSeed = {
    ...base,
    name,
    dnsName: albDnsName(name, r.region, base.accountId),
    canonicalHostedZoneId: albZoneId(r.region),
  };
  ctx.seeds.loadBalancers.push(seed);
};

const targetGroup: Converter = (r, ctx) => {
  const health = (r.body.health_check ?? {}) as { path?: string };
  ctx.seeds.targetGroups.push({
    ...ctx.base(r),
    name: str(r.body.name) ?? r.localName,
    port: num(r.body.port, 80),
    healthCheckPath: health.path,
  });
};

const healthCheck: Converter = (r, ctx) => {
  const b = r.body;
  // The region of what it probes: the load balancer its fqdn references, else the stack's.
  const target = ctx.resource(b.fqdn);
  const seed: HealthCheckSeed = {
    ...ctx.base(r),
    reference: str(b.reference_name) ?? r.localName,
    targetRegion: target?.region ?? r.region,
    fqdn: resolveValue(ctx, b.fqdn) ?? '',
    port: num(b.port, 80),
    resourcePath: str(b.resource_path),
    type: str(b.type) ?? 'HTTP',
  };
  ctx.seeds.healthChecks.push(seed);
};

const record: Converter = (r, ctx) => {
  const b = r.body;
  const alias = b.alias as { name?: string; zone_id?: string; evaluate_target_health?: boolean } | undefined;
  const failover = (b.failover_routing_policy as { type?: string } | undefined)?.type;
  const seed: RecordSeed = {
    ...ctx.base(r),
    hostedZoneId: str(b.zone_id) ?? '',
    name: str(b.name) ?? '',
    type: str(b.type) ?? 'A',
    setIdentifier: str(b.set_identifier),
    failover: failover === 'PRIMARY' || failover === 'SECONDARY' ? failover : undefined,
    alias: alias
      ? {
          dnsName: resolveValue(ctx, alias.name) ?? '',
          hostedZoneId: resolveValue(ctx, alias.zone_id) ?? '',
          evaluateTargetHealth: bool(alias.evaluate_target_health),
        }
      : undefined,
    healthCheck: b.health_check_id ? ctx.nameAt(b.health_check_id) : undefined,
  };
  ctx.seeds.records.push(seed);
};

const distribution: Converter = (r, ctx) => {
  const b = r.body;
  const origins = (Array.isArray(b.origin) ? b.origin : []) as { origin_id?: string; domain_name?: string }[];
  const groups = (Array.isArray(b.origin_group) ? b.origin_group : []) as {
    origin_id?: string;
    member?: { origin_id?: string }[];
    failover_criteria?: { status_codes?: number[] };
  }[];
  const seed: DistributionSeed = {
    ...ctx.base(r),
    comment: str(b.comment) ?? '',
    origins: origins.map(o => ({ id: o.origin_id ?? '', domainName: resolveValue(ctx, o.domain_name) ?? '' })),
    originGroups: groups.map(g => ({
      id: g.origin_id ?? '',
      members: (g.member ?? []).map(m => m.origin_id ?? ''),
      statusCodes: g.failover_criteria?.status_codes ?? [],
    })),
    defaultTargetOriginId: str((b.default_cache_behavior as { target_origin_id?: string } | undefined)?.target_origin_id) ?? '',
    priceClass: str(b.price_class) ?? 'PriceClass_All',
  };
  ctx.seeds.distributions.push(seed);
};

const bucket: Converter = (r, ctx) => {
  const seed: BucketSeed = { ...ctx.base(r), name: str(r.body.bucket) ?? r.localName };
  ctx.seeds.buckets.push(seed);
};

/** Replication rules go on their bucket once every bucket is known (see below). */
const bucketReplication: Converter = () => {};

const CONVERTERS: Record<string, Converter> = {
  aws_autoscaling_group: asg,
  aws_autoscaling_policy: scalingPolicy,
  aws_sqs_queue: queue,
  aws_db_instance: dbInstance,
  aws_elasticache_replication_group: replicationGroup,
  aws_ecs_cluster: ecsCluster,
  aws_ecs_task_definition: taskDefinition,
  aws_ecs_service: ecsService,
  aws_lb: loadBalancer,
  aws_lb_target_group: targetGroup,
  aws_route53_health_check: healthCheck,
  aws_route53_record: record,
  aws_cloudfront_distribution: distribution,
  aws_s3_bucket: bucket,
  aws_s3_bucket_replication_configuration: bucketReplication,
};

/** Resource types the simulated account creates from Terraform (the others are listed). */
export const SIMULATED_RESOURCE_TYPES = Object.keys(CONVERTERS).sort();

function emptySeeds(environment: TerraformSeeds['environment']): TerraformSeeds {
  return {
    environment,
    autoScalingGroups: [],
    scalingPolicies: [],
    queues: [],
    dbInstances: [],
    replicationGroups: [],
    ecsClusters: [],
    taskDefinitions: [],
    ecsServices: [],
    loadBalancers: [],
    targetGroups: [],
    healthChecks: [],
    records: [],
    distributions: [],
    buckets: [],
    notSimulated: [],
  };
}

/**
 * What applying the synthesized Terraform of one environment (every stack of it: the
 * environment and its state backend) creates in the simulated account. Each resource lands
 * in the region of its provider (`provider: "aws.dr"` -> the DR region) with the arguments
 * the JSON declares; resource types the simulator does not model are listed in
 * `notSimulated`. Pure and deterministic: the same JSON gives the same seeds.
 */
export function seedsFromTerraform(stacks: TerraformStackJson[], options: TerraformSeedOptions = {}): TerraformSeeds {
  const placed = stacks.flatMap(placeResources);
  const byAddress = new Map(placed.map(r => [r.address, r]));
  const main = stacks
    .map(s => s.provider?.aws?.find(p => !p.alias))
    .find(p => p?.default_tags?.some(d => d.tags?.['platform-ops:environment']));
  const mainTags = Object.assign({}, ...(main?.default_tags ?? []).map(d => d.tags ?? {}));
  const dr = stacks.flatMap(s => s.provider?.aws ?? []).find(p => p.alias === 'dr');
  const accountId = main?.allowed_account_ids?.[0] ?? options.accountId;
  if (!main?.region || !mainTags['platform-ops:environment']) {
    throw new Error('no stack declares the environment: expected an AWS provider with a region and the default tag platform-ops:environment');
  }
  if (!accountId) {
    throw new Error('the stacks pin no AWS account (provider allowed_account_ids) and none was given');
  }
  const seeds = emptySeeds({
    name: mainTags['platform-ops:environment'],
    tier: mainTags['platform-ops:tier'],
    accountId,
    region: main.region,
    drRegion: dr?.region,
  });
  const ctx: Context = {
    seeds,
    byAddress,
    base: r => ({ address: r.address, accountId: r.accountId ?? accountId, region: r.region, tags: r.tags }),
    nameAt: reference => resolveValue(ctx, reference),
    resource: reference => {
      const ref = parseReference(reference);
      return ref ? byAddress.get(ref.address) : undefined;
    },
  };
  for (const r of placed) {
    const convert = CONVERTERS[r.type];
    if (convert) convert(r, ctx);
    else seeds.notSimulated.push({ type: r.type, address: r.address, region: r.region });
  }
  for (const r of placed.filter(p => p.type === 'aws_s3_bucket_replication_configuration')) {
    const source = ctx.nameAt(r.body.bucket);
    const rules = (Array.isArray(r.body.rule) ? r.body.rule : []) as { destination?: { bucket?: string }; status?: string }[];
    const destination = rules.find(rule => rule.status !== 'Disabled')?.destination?.bucket;
    const target = ctx.nameAt(destination);
    const seed = seeds.buckets.find(b => b.name === source);
    if (seed && target) seed.replicatesTo = target;
  }
  return seeds;
}

/** "aws_vpc x2, aws_subnet x15": the not-simulated resources by type, for logs and state. */
export function summarizeNotSimulated(seeds: Pick<TerraformSeeds, 'notSimulated'>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of seeds.notSimulated) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
