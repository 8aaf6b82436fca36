import { evaluateCapacity, FleetLimits } from '@platformops/platform-ops-guardrails';
import { isTrue, refersTo, TfResource } from '../terraform/model';
import { Severity } from './types';
import { DR_POLICY_RULES } from './dr-rules';

export interface RuleContext {
  resources: TfResource[];
  /** Tier of a resource's stack (prod rules apply only there). */
  tierOf(resource: TfResource): string | undefined;
  /** The fleet limits of a resource's environment (tier defaults, raised by options). */
  fleetLimitsOf(resource: TfResource): FleetLimits;
}

export interface RuleHit {
  resource: TfResource;
  message: string;
}

export interface PolicyRule {
  id: string;
  severity: Severity;
  /** Where the rule comes from, shown in docs and reports. */
  source: string;
  check(ctx: RuleContext): RuleHit[];
}

const ofType = (ctx: RuleContext, type: string) => ctx.resources.filter(r => r.type === type);
const isReplica = (r: TfResource) => Boolean(r.config.replicate_source_db);
const isProd = (ctx: RuleContext, r: TfResource) => ctx.tierOf(r) === 'prod';
const OPEN = ['0.0.0.0/0', '::/0'];

/** An aws_autoscaling_group's sizes and instance mix, as the guardrail policy judges them. */
function autoScalingCapacity(r: TfResource) {
  const mip = r.config.mixed_instances_policy as
    | {
        instances_distribution?: { on_demand_base_capacity?: number };
        launch_template?: { override?: { instance_type?: string }[] };
      }
    | undefined;
  const single = r.config.instance_type;
  const num = (v: unknown) => (v === undefined || v === null ? undefined : Number(v));
  return {
    minSize: num(r.config.min_size) ?? 0,
    maxSize: num(r.config.max_size) ?? 0,
    desiredCapacity: num(r.config.desired_capacity),
    onDemandBaseCapacity: num(mip?.instances_distribution?.on_demand_base_capacity),
    instanceTypes: [
      ...(mip?.launch_template?.override ?? []).flatMap(o => (o.instance_type ? [o.instance_type] : [])),
      ...(typeof single === 'string' ? [single] : []),
    ],
  };
}

/** Rules from the seeds' security checklists (000 security architecture, 001 security best practices, 003 checklist). */
export const POLICY_RULES: PolicyRule[] = [
  {
    id: 'gpu-fleet-within-tier-limits',
    severity: 'high',
    source: 'seed 004: GPU workers per environment (dev 0-1, sandbox 1-2, staging 2-4, prod 2-20); the guardrail policy',
    check: ctx =>
      ofType(ctx, 'aws_autoscaling_group').flatMap(resource =>
        evaluateCapacity(autoScalingCapacity(resource), ctx.fleetLimitsOf(resource), String(resource.config.name ?? resource.address)).map(
          finding => ({ resource, message: finding.message }),
        ),
      ),
  },
  {
    id: 'rds-not-public',
    severity: 'critical',
    source: 'seed 001/003: databases in private subnets, no direct internet access',
    check: ctx =>
      ofType(ctx, 'aws_db_instance')
        .filter(r => isTrue(r.config.publicly_accessible))
        .map(resource => ({ resource, message: 'RDS instance is publicly accessible' })),
  },
  {
    id: 'rds-encrypted',
    severity: 'high',
    source: 'seed 000/001: RDS encryption at rest with KMS',
    check: ctx =>
      ofType(ctx, 'aws_db_instance')
        .filter(r => !isTrue(r.config.storage_encrypted))
        .map(resource => ({ resource, message: 'RDS storage is not encrypted' })),
  },
  {
    id: 'rds-multi-az-prod',
    severity: 'high',
    source: 'seed 001: Multi-AZ deployment (staging, prod)',
    check: ctx =>
      ofType(ctx, 'aws_db_instance')
        .filter(r => isProd(ctx, r) && !isReplica(r) && !isTrue(r.config.multi_az))
        .map(resource => ({ resource, message: 'production RDS instance is not Multi-AZ' })),
  },
  {
    id: 'rds-deletion-protection-prod',
    severity: 'high',
    source: 'seed 001: deletion protection (prod)',
    check: ctx =>
      ofType(ctx, 'aws_db_instance')
        .filter(r => isProd(ctx, r) && !isTrue(r.config.deletion_protection))
        .map(resource => ({ resource, message: 'production RDS instance has no deletion protection' })),
  },
  {
    id: 'rds-backups-retained',
    severity: 'medium',
    source: 'seed 001: automated backups 3-30 days; seed 004: 30 days in prod',
    check: ctx =>
      ofType(ctx, 'aws_db_instance')
        .filter(r => !isReplica(r))
        .filter(r => Number(r.config.backup_retention_period ?? 0) < (isProd(ctx, r) ? 7 : 1))
        .map(resource => ({
          resource,
          message: `backup retention ${Number(resource.config.backup_retention_period ?? 0)} days is below ${
            isProd(ctx, resource) ? 7 : 1
          }`,
        })),
  },
  {
    id: 's3-public-access-blocked',
    severity: 'critical',
    source: 'seed 001: all buckets block public access',
    check: ctx => {
      const blocks = ofType(ctx, 'aws_s3_bucket_public_access_block').filter(
        b =>
          isTrue(b.config.block_public_acls) &&
          isTrue(b.config.block_public_policy) &&
          isTrue(b.config.ignore_public_acls) &&
          isTrue(b.config.restrict_public_buckets),
      );
      return ofType(ctx, 'aws_s3_bucket')
        .filter(bucket => !blocks.some(b => b.stack === bucket.stack && refersTo(b.config.bucket, bucket.address)))
        .map(resource => ({ resource, message: 'bucket has no complete public access block' }));
    },
  },
  {
    id: 's3-encrypted',
    severity: 'high',
    source: 'seed 000/001: server-side encryption for all buckets',
    check: ctx => {
      const enc = ofType(ctx, 'aws_s3_bucket_server_side_encryption_configuration');
      return ofType(ctx, 'aws_s3_bucket')
        .filter(bucket => !enc.some(e => e.stack === bucket.stack && refersTo(e.config.bucket, bucket.address)))
        .map(resource => ({ resource, message: 'bucket has no default encryption configuration' }));
    },
  },
  {
    id: 'cache-encrypted',
    severity: 'high',
    source: 'seed 001/004: Redis encryption at rest and in transit',
    check: ctx =>
      ofType(ctx, 'aws_elasticache_replication_group')
        .filter(r => !isTrue(r.config.at_rest_encryption_enabled) || !isTrue(r.config.transit_encryption_enabled))
        .map(resource => ({ resource, message: 'Redis is not encrypted at rest and in transit' })),
  },
  {
    id: 'cache-failover-prod',
    severity: 'high',
    source: 'seed 001: automatic failover, Multi-AZ (staging, prod)',
    check: ctx =>
      ofType(ctx, 'aws_elasticache_replication_group')
        .filter(r => isProd(ctx, r))
        .filter(r => !isTrue(r.config.automatic_failover_enabled) || Number(r.config.num_cache_clusters ?? 1) < 2)
        .map(resource => ({ resource, message: 'production Redis has no replica with automatic failover' })),
  },
  {
    id: 'sqs-encrypted',
    severity: 'medium',
    source: 'seed 000: encryption at rest everywhere',
    check: ctx =>
      ofType(ctx, 'aws_sqs_queue')
        .filter(r => !isTrue(r.config.sqs_managed_sse_enabled) && !r.config.kms_master_key_id)
        .map(resource => ({ resource, message: 'queue has no server-side encryption' })),
  },
  {
    id: 'ebs-encrypted',
    severity: 'high',
    source: 'seed 000: all EBS volumes encrypted',
    check: ctx =>
      ofType(ctx, 'aws_launch_template').flatMap(r => {
        const mappings = (r.config.block_device_mappings ?? []) as { ebs?: { encrypted?: unknown } }[];
        return mappings.some(m => m.ebs && !isTrue(m.ebs.encrypted))
          ? [{ resource: r, message: 'launch template has an unencrypted EBS volume' }]
          : [];
      }),
  },
  {
    id: 'logs-and-topics-encrypted',
    severity: 'medium',
    source: 'seed 000/001: encryption at rest (KMS)',
    check: ctx => [
      ...ofType(ctx, 'aws_cloudwatch_log_group')
        .filter(r => !r.config.kms_key_id)
        .map(resource => ({ resource, message: 'log group is not encrypted with KMS' })),
      ...ofType(ctx, 'aws_sns_topic')
        .filter(r => !r.config.kms_master_key_id)
        .map(resource => ({ resource, message: 'SNS topic is not encrypted' })),
      ...ofType(ctx, 'aws_dynamodb_table')
        .filter(r => !isTrue((r.config.server_side_encryption as { enabled?: unknown } | undefined)?.enabled))
        .map(resource => ({ resource, message: 'DynamoDB table has no server-side encryption' })),
    ],
  },
  {
    id: 'kms-rotation',
    severity: 'medium',
    source: 'seed 000: key rotation',
    check: ctx =>
      ofType(ctx, 'aws_kms_key')
        .filter(r => !isTrue(r.config.enable_key_rotation))
        .map(resource => ({ resource, message: 'KMS key rotation is off' })),
  },
  {
    id: 'no-open-ingress-except-alb',
    severity: 'critical',
    source: 'seed 000/004: only the ALB accepts traffic from 0.0.0.0/0',
    check: ctx => {
      // The ALB's security groups are the ones its aws_lb resources list.
      const albGroups = ofType(ctx, 'aws_security_group').filter(sg =>
        ofType(ctx, 'aws_lb').some(lb => lb.stack === sg.stack && refersTo(lb.config.security_groups, sg.address)),
      );
      const isAlbGroup = (r: TfResource, value: unknown) =>
        albGroups.some(sg => sg.stack === r.stack && refersTo(value, sg.address));
      const hits: RuleHit[] = [];
      for (const r of ofType(ctx, 'aws_vpc_security_group_ingress_rule')) {
        if (OPEN.includes(String(r.config.cidr_ipv4 ?? r.config.cidr_ipv6 ?? '')) && !isAlbGroup(r, r.config.security_group_id)) {
          hits.push({ resource: r, message: 'ingress from the whole internet to a non-ALB security group' });
        }
      }
      for (const r of ofType(ctx, 'aws_security_group_rule')) {
        const cidrs = [...((r.config.cidr_blocks as string[]) ?? []), ...((r.config.ipv6_cidr_blocks as string[]) ?? [])];
        if (r.config.type === 'ingress' && cidrs.some(c => OPEN.includes(c)) && !isAlbGroup(r, r.config.security_group_id)) {
          hits.push({ resource: r, message: 'ingress from the whole internet to a non-ALB security group' });
        }
      }
      for (const r of ofType(ctx, 'aws_security_group')) {
        const inline = (r.config.ingress ?? []) as { cidr_blocks?: string[]; ipv6_cidr_blocks?: string[] }[];
        const open = inline.some(i => [...(i.cidr_blocks ?? []), ...(i.ipv6_cidr_blocks ?? [])].some(c => OPEN.includes(c)));
        if (open && !albGroups.includes(r)) {
          hits.push({ resource: r, message: 'inline ingress from the whole internet on a non-ALB security group' });
        }
      }
      return hits;
    },
  },
  // Region failover path (prod): pilot light, failover records, CDN origin group, role tags.
  ...DR_POLICY_RULES,
];
