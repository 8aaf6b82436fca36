import { isTrue, referencesIn, resourcesOf, stacksOf, TerraformInput, TfResource, tierOf } from '../terraform/model';
import { TIER_PRESETS, Tier, TIERS } from '../spec/tiers';
import { HOURS_PER_MONTH, Price, PRICES, SPOT_DISCOUNT, USAGE_ASSUMPTIONS } from './price-table';
import { CostEstimate, CostLineItem, CostOptions } from './types';

const H = HOURS_PER_MONTH;
const round = (n: number) => Math.round(n * 100) / 100;

function priceOf(table: Record<string, Price>, key: string, what: string): Price {
  const price = table[key];
  if (!price) throw new Error(`no price for ${what} ${key} in the bundled price table`);
  return price;
}

interface Ctx {
  resources: TfResource[];
  byAddress: Map<string, TfResource>;
  items: CostLineItem[];
  atMaxExtra: number;
  assumptions: Set<string>;
  storageGb: number;
  cdnEgressGb: number;
}

function add(ctx: Ctx, r: TfResource | string, service: string, description: string, monthlyUsd: number, price: Price) {
  ctx.items.push({
    service,
    resource: typeof r === 'string' ? r : r.address,
    description,
    monthlyUsd: round(monthlyUsd),
    priceSource: price.source,
  });
}

/** Resources on the DR region's provider (alias `dr`). */
const isDrSite = (r: TfResource) => r.config.provider === 'aws.dr';

const estimators: Record<string, (r: TfResource, ctx: Ctx) => void> = {
  aws_autoscaling_group(r, ctx) {
    const mip = r.config.mixed_instances_policy as
      | {
          instances_distribution?: { on_demand_base_capacity?: number; on_demand_percentage_above_base_capacity?: number };
          launch_template?: { override?: { instance_type?: string }[] };
        }
      | undefined;
    const type = mip?.launch_template?.override?.[0]?.instance_type ?? 'g4dn.xlarge';
    const price = priceOf(PRICES.ec2, type, 'instance type');
    const base = mip?.instances_distribution?.on_demand_base_capacity ?? 0;
    const odPercent = mip?.instances_distribution?.on_demand_percentage_above_base_capacity ?? 100;
    const hourlyFor = (n: number) => {
      const above = Math.max(0, n - base);
      const onDemand = Math.min(n, base) + (above * odPercent) / 100;
      const spot = n - onDemand;
      return price.usd * (onDemand + spot * (1 - SPOT_DISCOUNT));
    };
    const count = Number(r.config.desired_capacity ?? r.config.min_size ?? 0);
    const max = Number(r.config.max_size ?? count);
    const spotShare = 100 - odPercent;
    if (isDrSite(r)) {
      // Pilot light: idle until a region failover, which moves the load rather than adding it.
      add(ctx, r, 'GPU fleet', `DR pilot light: ${count} x ${type} (scaled up only by a region failover)`, hourlyFor(count) * H, price);
      ctx.assumptions.add('DR pilot light (ECS services, GPU group) stays at zero outside a region failover; the at-max total does not add it');
      return;
    }
    add(ctx, r, 'GPU fleet', `${count} x ${type} (${spotShare}% spot), 730 h`, hourlyFor(count) * H, price);
    ctx.atMaxExtra += (hourlyFor(max) - hourlyFor(count)) * H;
    ctx.assumptions.add(
      `GPU fleets run at their desired/minimum size all month; spot capacity priced ${SPOT_DISCOUNT * 100}% below on-demand (seed 004); the at-max total assumes max_size all month`,
    );
  },
  aws_db_instance(r, ctx) {
    const price = priceOf(PRICES.rds, String(r.config.instance_class), 'RDS class');
    const multi = isTrue(r.config.multi_az) ? 2 : 1;
    // A replica has no storage setting of its own: it mirrors its source.
    const source = referencesIn(r.config.replicate_source_db).map(a => ctx.byAddress.get(a))[0];
    const gb = Number(r.config.allocated_storage ?? source?.config.allocated_storage ?? 0);
    let label = multi === 2 ? 'Multi-AZ' : 'single-AZ';
    if (r.config.replicate_source_db) label = 'cross-region replica';
    add(ctx, r, 'RDS', `${r.config.instance_class} ${label}, 730 h`, price.usd * multi * H, price);
    add(ctx, r, 'RDS', `${gb} GB gp3 storage${multi === 2 ? ' x2 (Multi-AZ)' : ''}`, gb * multi * PRICES.rdsGp3PerGbMonth.usd, PRICES.rdsGp3PerGbMonth);
  },
  aws_elasticache_replication_group(r, ctx) {
    const price = priceOf(PRICES.elasticache, String(r.config.node_type), 'cache node type');
    const nodes = Number(r.config.num_cache_clusters ?? 1);
    add(ctx, r, 'ElastiCache', `${nodes} x ${r.config.node_type}, 730 h`, price.usd * nodes * H, price);
  },
  aws_ecs_service(r, ctx) {
    const task = referencesIn(r.config.task_definition).map(a => ctx.byAddress.get(a))[0];
    const cpu = Number(task?.config.cpu ?? 256) / 1024;
    const gb = Number(task?.config.memory ?? 512) / 1024;
    const count = Number(r.config.desired_count ?? 1);
    const hourly = count * (cpu * PRICES.fargateVcpuHour.usd + gb * PRICES.fargateGbHour.usd);
    const what = `${count} task(s) x ${cpu} vCPU / ${gb} GB`;
    add(ctx, r, 'ECS Fargate', isDrSite(r) ? `DR pilot light: ${what}` : `${what}, 730 h`, hourly * H, PRICES.fargateVcpuHour);
    ctx.assumptions.add('ECS services run at their desired count (the autoscaling minimum) all month');
  },
  aws_nat_gateway(r, ctx) {
    add(ctx, r, 'VPC', 'NAT gateway, 730 h (data processing not included)', PRICES.natGatewayHour.usd * H, PRICES.natGatewayHour);
  },
  aws_eip(r, ctx) {
    add(ctx, r, 'VPC', 'public IPv4 address, 730 h', PRICES.publicIpv4Hour.usd * H, PRICES.publicIpv4Hour);
  },
  aws_vpc_endpoint(r, ctx) {
    if (r.config.vpc_endpoint_type !== 'Interface') return;
    const azs = referencesIn(r.config.subnet_ids).length || 1;
    add(ctx, r, 'VPC', `interface endpoint in ${azs} AZ(s), 730 h`, PRICES.interfaceEndpointHourPerAz.usd * azs * H, PRICES.interfaceEndpointHourPerAz);
  },
  aws_lb(r, ctx) {
    const hourly = PRICES.albHour.usd + USAGE_ASSUMPTIONS.lcusPerAlb * PRICES.albLcuHour.usd;
    add(ctx, r, 'Load balancing', `ALB + ${USAGE_ASSUMPTIONS.lcusPerAlb} LCU, 730 h`, hourly * H, PRICES.albHour);
    ctx.assumptions.add(`${USAGE_ASSUMPTIONS.lcusPerAlb} load balancer capacity unit (LCU) per ALB on average`);
  },
  aws_s3_bucket(r, ctx) {
    const name = String(r.config.bucket ?? '');
    // The DR copy is named after the assets bucket (<assets>-usw2): check the site first.
    if (isDrSite(r)) {
      const price = PRICES.s3StandardIaGbMonth;
      add(ctx, r, 'S3', `${ctx.storageGb} GB Standard-IA replica (${name})`, ctx.storageGb * price.usd, price);
    } else if (/-assets(-|$)/.test(name)) {
      const price = PRICES.s3StandardGbMonth;
      add(ctx, r, 'S3', `${ctx.storageGb} GB Standard (${name})`, ctx.storageGb * price.usd, price);
    }
  },
  aws_ecr_replication_configuration(r, ctx) {
    // The DR region holds a copy of every repository the rule replicates (this stack's).
    const repos = ctx.resources.filter(x => x.stack === r.stack && x.type === 'aws_ecr_repository').length;
    const gb = repos * USAGE_ASSUMPTIONS.ecrGbPerRepository;
    add(ctx, r, 'ECR', `${gb} GB images replicated to the DR region`, gb * PRICES.ecrGbMonth.usd, PRICES.ecrGbMonth);
  },
  aws_route53_health_check(r, ctx) {
    add(ctx, r, 'Route 53', 'health check (AWS endpoint)', PRICES.route53HealthCheckMonth.usd, PRICES.route53HealthCheckMonth);
  },
  aws_cloudfront_distribution(r, ctx) {
    const price = PRICES.cloudFrontGb;
    add(ctx, r, 'CloudFront', `${ctx.cdnEgressGb} GB egress`, ctx.cdnEgressGb * price.usd, price);
  },
  aws_wafv2_web_acl(r, ctx) {
    const rules = r.config.rule_json ? (JSON.parse(String(r.config.rule_json)) as unknown[]).length : 0;
    add(ctx, r, 'WAF', `web ACL + ${rules} rules (requests not included)`, PRICES.wafAclMonth.usd + rules * PRICES.wafRuleMonth.usd, PRICES.wafAclMonth);
  },
  aws_secretsmanager_secret(r, ctx) {
    add(ctx, r, 'Secrets Manager', 'secret', PRICES.secretMonth.usd, PRICES.secretMonth);
  },
  aws_kms_key(r, ctx) {
    add(ctx, r, 'KMS', 'customer-managed key', PRICES.kmsKeyMonth.usd, PRICES.kmsKeyMonth);
  },
  aws_cloudwatch_metric_alarm(r, ctx) {
    add(ctx, r, 'CloudWatch', 'alarm', PRICES.alarmMonth.usd, PRICES.alarmMonth);
  },
  aws_cloudwatch_log_group(r, ctx) {
    const gb = USAGE_ASSUMPTIONS.logsGbPerLogGroup;
    add(ctx, r, 'CloudWatch', `${gb} GB logs ingested`, gb * PRICES.logsIngestGb.usd, PRICES.logsIngestGb);
    ctx.assumptions.add(`${gb} GB/month ingested per log group`);
  },
  aws_sqs_queue(r, ctx) {
    const m = USAGE_ASSUMPTIONS.sqsMillionRequestsPerQueue;
    add(ctx, r, 'SQS', `${m}M requests`, m * PRICES.sqsPerMillion.usd, PRICES.sqsPerMillion);
    ctx.assumptions.add(`${m} million SQS requests/month per queue`);
  },
  aws_ecr_repository(r, ctx) {
    const gb = USAGE_ASSUMPTIONS.ecrGbPerRepository;
    add(ctx, r, 'ECR', `${gb} GB images`, gb * PRICES.ecrGbMonth.usd, PRICES.ecrGbMonth);
  },
};

/**
 * Monthly cost of synthesized Terraform JSON, line by line, from the bundled price table.
 * Usage that Terraform cannot know (storage, egress, requests) comes from explicit
 * assumptions, returned with the estimate.
 */
export function estimateMonthlyCost(input: TerraformInput, options: CostOptions = {}): CostEstimate {
  const stacks = stacksOf(input);
  const tier =
    Object.values(stacks).map(tierOf).find(t => t !== undefined) ?? options.tier;
  const preset = (TIERS as readonly string[]).includes(tier ?? '') ? TIER_PRESETS[tier as Tier] : undefined;
  const resources = resourcesOf(input);
  const ctx: Ctx = {
    resources,
    byAddress: new Map(resources.map(r => [r.address, r])),
    items: [],
    atMaxExtra: 0,
    assumptions: new Set([
      `${HOURS_PER_MONTH} hours per month; on-demand us-east-1 list prices (other regions differ by a few percent)`,
    ]),
    storageGb: options.storageGb ?? preset?.assumedStorageGb ?? 100,
    cdnEgressGb: options.cdnEgressGb ?? preset?.assumedCdnEgressGb ?? 100,
  };
  for (const r of resources) estimators[r.type]?.(r, ctx);
  if (resources.some(r => r.type === 'aws_s3_bucket')) {
    ctx.assumptions.add(
      `${ctx.storageGb} GB in the assets bucket${preset ? ` (${tier} tier assumption)` : ''}, replicated to the DR region where replication is on; other buckets negligible`,
    );
  }
  if (resources.some(r => r.type === 'aws_cloudfront_distribution')) {
    ctx.assumptions.add(`${ctx.cdnEgressGb} GB/month CloudFront egress`);
  }
  ctx.assumptions.add('Data transfer, NAT data processing and per-request WAF charges are not included');

  const total = round(ctx.items.reduce((s, i) => s + i.monthlyUsd, 0));
  const services = new Map<string, number>();
  ctx.items.forEach(i => services.set(i.service, (services.get(i.service) ?? 0) + i.monthlyUsd));
  return {
    currency: 'USD',
    lineItems: ctx.items,
    totalMonthlyUsd: total,
    byService: [...services.entries()]
      .map(([service, monthlyUsd]) => ({ service, monthlyUsd: round(monthlyUsd) }))
      .sort((a, b) => b.monthlyUsd - a.monthlyUsd),
    totalAtMaxGpuUsd: round(total + ctx.atMaxExtra),
    assumptions: [...ctx.assumptions],
  };
}

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Markdown summary for the template result page and the CLI. */
export function formatCostEstimate(estimate: CostEstimate): string {
  return [
    `**Estimated monthly cost: ${usd(estimate.totalMonthlyUsd)}** (GPU fleets at max: ${usd(estimate.totalAtMaxGpuUsd)})`,
    '',
    '| service | monthly |',
    '| --- | ---: |',
    ...estimate.byService.map(s => `| ${s.service} | ${usd(s.monthlyUsd)} |`),
    '',
    'Assumptions:',
    ...estimate.assumptions.map(a => `- ${a}`),
  ].join('\n');
}
