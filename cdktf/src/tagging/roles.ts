import { IConstruct } from 'constructs';
import { Aspects, IAspect, TerraformResource } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AutoscalingGroup, AutoscalingGroupTag } from '@cdktf/provider-aws/lib/autoscaling-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { effectiveProvider } from '../constructs/in-provider';

/** Tag keys that say what a resource is for and which side of the DR pair it is on. */
export const ROLE_TAG = 'platform-ops:role';
export const SITE_TAG = 'platform-ops:site';

/**
 * The role of each resource type the runbooks and inventory care about. Other taggable
 * types get their Terraform type without `aws_` (e.g. `nat-gateway`), so every resource has
 * a role and a discovery query never has to guess.
 */
const ROLE_BY_TYPE: Record<string, string> = {
  aws_autoscaling_group: 'gpu-fleet',
  aws_launch_template: 'gpu-fleet',
  aws_ecs_cluster: 'ecs-cluster',
  aws_ecs_service: 'ecs-service',
  aws_ecs_task_definition: 'ecs-task-definition',
  aws_lb: 'load-balancer',
  aws_lb_listener: 'load-balancer',
  aws_lb_target_group: 'target-group',
  aws_db_instance: 'database',
  aws_elasticache_replication_group: 'cache',
  aws_s3_bucket: 'bucket',
  aws_sqs_queue: 'queue',
  aws_cloudfront_distribution: 'cdn',
  aws_route53_health_check: 'health-check',
  aws_wafv2_web_acl: 'waf',
  aws_sns_topic: 'alerts',
};

export function roleOf(type: string, isReplica = false): string {
  if (type === 'aws_db_instance' && isReplica) return 'database-replica';
  return ROLE_BY_TYPE[type] ?? type.replace(/^aws_/, '').replace(/_/g, '-');
}

type Tags = Record<string, string>;
interface Taggable {
  tags: Tags;
  readonly tagsInput?: Tags;
}

function isTaggable(node: TerraformResource): node is TerraformResource & Taggable {
  return 'tagsInput' in node;
}

/**
 * Adds `platform-ops:role` and `platform-ops:site` (primary | dr, from the provider alias) to
 * every taggable resource of a stack. The environment and cost tags come from the provider's
 * default tags; these two cannot, because they differ per resource.
 */
export function tagRoles(scope: IConstruct): void {
  const aspect: IAspect = {
    visit(node: IConstruct) {
      if (!(node instanceof TerraformResource)) return;
      const provider = effectiveProvider(node) as AwsProvider | undefined;
      const site = provider?.alias === 'dr' ? 'dr' : 'primary';
      const replica = node instanceof DbInstance && Boolean(node.replicateSourceDbInput);
      const role = roleOf(node.terraformResourceType, replica);
      if (node instanceof AutoscalingGroup) {
        // Auto Scaling groups take tag blocks, propagated to the instances they launch.
        const existing = Array.isArray(node.tagInput) ? (node.tagInput as AutoscalingGroupTag[]) : [];
        const keep = existing.filter(t => t.key !== ROLE_TAG && t.key !== SITE_TAG);
        node.putTag([
          ...keep,
          { key: ROLE_TAG, value: role, propagateAtLaunch: true },
          { key: SITE_TAG, value: site, propagateAtLaunch: true },
        ]);
        return;
      }
      if (isTaggable(node)) {
        node.tags = { ...(node.tagsInput ?? {}), [ROLE_TAG]: role, [SITE_TAG]: site };
      }
    },
  };
  Aspects.of(scope).add(aspect);
}
