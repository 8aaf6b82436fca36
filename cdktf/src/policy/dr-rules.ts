import { refersTo, TfResource } from '../terraform/model';
import { ROLE_TAG } from '../tagging/roles';
import type { PolicyRule, RuleContext, RuleHit } from './rules';

/**
 * Rules for the region failover path (seed 004's six steps), judged on the JSON like every
 * other rule. They apply to an environment stack (one that creates its VPC) that is prod or
 * holds a cross-region database replica: there the region-failover runbook applies, and it
 * can only move what the Terraform created.
 */

const DR_PROVIDER = 'aws.dr';
const isDr = (r: TfResource) => r.config.provider === DR_PROVIDER;
const inStack = (ctx: RuleContext, stack: string, type: string) =>
  ctx.resources.filter(r => r.stack === stack && r.type === type);
const primaryOf = (ctx: RuleContext, stack: string, type: string) => inStack(ctx, stack, type).filter(r => !isDr(r));
const drOf = (ctx: RuleContext, stack: string, type: string) => inStack(ctx, stack, type).filter(isDr);

/** Environment stacks the failover rules judge, with their primary VPC as the anchor. */
function failoverStacks(ctx: RuleContext): { stack: string; vpc: TfResource }[] {
  const out: { stack: string; vpc: TfResource }[] = [];
  for (const vpc of ctx.resources.filter(r => r.type === 'aws_vpc' && !isDr(r))) {
    if (out.some(o => o.stack === vpc.stack)) continue;
    const hasReplica = drOf(ctx, vpc.stack, 'aws_db_instance').some(d => Boolean(d.config.replicate_source_db));
    if (ctx.tierOf(vpc) === 'prod' || hasReplica) out.push({ stack: vpc.stack, vpc });
  }
  return out;
}

const FIX = 'synthesize the environment with a tier that has region failover (prod)';

/** Prod stacks that add a GPU pool to an environment (no VPC of their own). */
function addOnPoolStacks(ctx: RuleContext): string[] {
  const withVpc = new Set(ctx.resources.filter(r => r.type === 'aws_vpc').map(r => r.stack));
  return [
    ...new Set(
      ctx.resources
        .filter(r => r.type === 'aws_autoscaling_group' && !isDr(r) && !withVpc.has(r.stack) && ctx.tierOf(r) === 'prod')
        .map(r => r.stack),
    ),
  ];
}

export const DR_POLICY_RULES: PolicyRule[] = [
  {
    id: 'dr-pilot-light',
    severity: 'high',
    source: 'seed 004 region failover: bring up ECS and GPU capacity in the DR region',
    check: ctx =>
      failoverStacks(ctx).flatMap(({ stack, vpc }) => {
        const hits: RuleHit[] = [];
        const named = (type: string, attr: string) => new Set(drOf(ctx, stack, type).map(r => String(r.config[attr])));
        if (!drOf(ctx, stack, 'aws_db_instance').some(d => Boolean(d.config.replicate_source_db))) {
          hits.push({ resource: vpc, message: 'no cross-region database replica in the DR region: nothing to promote' });
        }
        const drClusters = named('aws_ecs_cluster', 'name');
        for (const c of primaryOf(ctx, stack, 'aws_ecs_cluster').filter(x => !drClusters.has(String(x.config.name)))) {
          hits.push({ resource: c, message: `no ECS cluster ${c.config.name} in the DR region: the failover cannot start its services there` });
        }
        const drServices = named('aws_ecs_service', 'name');
        for (const svc of primaryOf(ctx, stack, 'aws_ecs_service').filter(s => !drServices.has(String(s.config.name)))) {
          hits.push({ resource: svc, message: `no pilot-light ECS service ${svc.config.name} in the DR region` });
        }
        const drGroups = named('aws_autoscaling_group', 'name');
        for (const g of primaryOf(ctx, stack, 'aws_autoscaling_group').filter(x => !drGroups.has(String(x.config.name)))) {
          hits.push({ resource: g, message: `no pilot-light GPU Auto Scaling group ${g.config.name} in the DR region` });
        }
        if (primaryOf(ctx, stack, 'aws_lb').length > 0 && drOf(ctx, stack, 'aws_lb').length === 0) {
          hits.push({ resource: primaryOf(ctx, stack, 'aws_lb')[0], message: 'no load balancer in the DR region for the failover records to point at' });
        }
        return hits.map(h => ({ ...h, message: `${h.message} (${FIX})` }));
      }).concat(
        addOnPoolStacks(ctx).flatMap(stack => {
          const drGroups = new Set(drOf(ctx, stack, 'aws_autoscaling_group').map(g => String(g.config.name)));
          return primaryOf(ctx, stack, 'aws_autoscaling_group')
            .filter(g => !drGroups.has(String(g.config.name)))
            .map(resource => ({
              resource,
              message: `no pilot-light GPU Auto Scaling group ${resource.config.name} in the DR region: the region failover skips this pool`,
            }));
        }),
      ),
  },
  {
    id: 'dr-failover-records',
    severity: 'high',
    source: 'seed 004 region failover step 4: Route 53 to the DR ALB',
    check: ctx =>
      failoverStacks(ctx).flatMap(({ stack, vpc }) => {
        const checks = inStack(ctx, stack, 'aws_route53_health_check');
        const records = inStack(ctx, stack, 'aws_route53_record');
        const policy = (r: TfResource) =>
          (r.config.failover_routing_policy as { type?: string } | { type?: string }[] | undefined) ?? undefined;
        const roleOf = (r: TfResource) => {
          const p = policy(r);
          return Array.isArray(p) ? p[0]?.type : p?.type;
        };
        const anchor = primaryOf(ctx, stack, 'aws_lb')[0] ?? vpc;
        const primary = records.filter(r => roleOf(r) === 'PRIMARY');
        const secondary = records.filter(r => roleOf(r) === 'SECONDARY');
        const paired = primary.filter(p =>
          secondary.some(s => s.config.name === p.config.name && s.config.zone_id === p.config.zone_id),
        );
        if (paired.length === 0) {
          return [
            {
              resource: anchor,
              message:
                'the public endpoint has no PRIMARY/SECONDARY Route 53 failover records: give the spec dns.hostedZoneId and dns.zoneName',
            },
          ];
        }
        const pairRecords = records.filter(r => paired.some(p => p.config.name === r.config.name && p.config.zone_id === r.config.zone_id));
        return pairRecords
          .filter(r => !checks.some(c => refersTo(r.config.health_check_id, c.address)))
          .map(resource => ({
            resource,
            message: `${roleOf(resource)} failover record ${resource.config.name} has no Route 53 health check: Route 53 cannot fail over on its own`,
          }));
      }),
  },
  {
    id: 'dr-cdn-origin-group',
    severity: 'high',
    source: 'seed 004 region failover step 5: CloudFront origin to the DR bucket',
    check: ctx =>
      failoverStacks(ctx).flatMap(({ stack }) => {
        const drBuckets = drOf(ctx, stack, 'aws_s3_bucket');
        return inStack(ctx, stack, 'aws_cloudfront_distribution').flatMap(dist => {
          const origins = (dist.config.origin ?? []) as { origin_id?: string; domain_name?: unknown }[];
          const drOrigin = origins.find(o => drBuckets.some(b => refersTo(o.domain_name, b.address)));
          const groups = (dist.config.origin_group ?? []) as { member?: { origin_id?: string }[] }[];
          if (!drOrigin) {
            return [{ resource: dist, message: 'no origin on a bucket in the DR region: CloudFront has nothing to fail over to' }];
          }
          const grouped = groups.some(g => (g.member ?? []).some(m => m.origin_id === drOrigin.origin_id));
          return grouped
            ? []
            : [{ resource: dist, message: `origin ${drOrigin.origin_id} is in no origin group: edges cannot fail over to the DR bucket without an API call` }];
        });
      }),
  },
  {
    id: 'dr-resources-tagged',
    severity: 'medium',
    source: 'discovery: every resource of the DR pair says what it is (platform-ops:role)',
    check: ctx =>
      failoverStacks(ctx).flatMap(({ stack }) =>
        ctx.resources
          .filter(r => r.stack === stack)
          .filter(r => ['aws_autoscaling_group', 'aws_ecs_cluster', 'aws_ecs_service', 'aws_lb', 'aws_db_instance', 'aws_route53_health_check', 'aws_cloudfront_distribution'].includes(r.type))
          .filter(r => {
            if (r.type === 'aws_autoscaling_group') {
              return !((r.config.tag ?? []) as { key?: string }[]).some(t => t.key === ROLE_TAG);
            }
            return !(r.config.tags as Record<string, string> | undefined)?.[ROLE_TAG];
          })
          .map(resource => ({ resource, message: `no ${ROLE_TAG} tag: discovery cannot tell what this resource is for` })),
      ),
  },
];
