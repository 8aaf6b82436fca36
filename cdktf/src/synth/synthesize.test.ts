import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { DLQ_TAG } from '../constructs/queue';
import { DRAINS_QUEUE_TAG } from '../constructs/gpu-fleet';
import { DataAwsSqsQueue } from '@cdktf/provider-aws/lib/data-aws-sqs-queue';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Tier, TIERS } from '../spec/tiers';
import { InvalidSpecError } from '../spec/validate';
import { synthesize } from './synthesize';
import { SynthResult, TerraformGenerator } from './types';

// Synthesize each tier once for the whole file: a full environment takes a fraction of a second.
const results = {} as Record<Tier, SynthResult>;
const main = (tier: Tier) => results[tier].files[`${tier}-1/cdk.tf.json`];
// Resources in the primary region (the DR region's copies are tested in dr-region.test.ts).
const count = (tier: Tier, type: string) =>
  Object.values(results[tier].stacks[`${tier}-1`].resource?.[type] ?? {}).filter(r => r.provider !== 'aws.dr').length;

beforeAll(() => {
  for (const tier of TIERS) {
    results[tier] = synthesize({ name: `${tier}-1`, tier, region: 'us-east-1', accountId: '123456789012' });
  }
  // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
}, 60_000);

describe('synthesize', () => {
  it('returns the state backend stack and the environment stack as Terraform JSON files', () => {
    expect(Object.keys(results.prod.files).sort()).toEqual(['prod-1-state/cdk.tf.json', 'prod-1/cdk.tf.json']);
    expect(results.prod.generator).toBe('cdktf@0.21.0');
    expect(results.prod.files['prod-1-state/cdk.tf.json']).toHaveResourceWithProperties(DynamodbTable, {
      hash_key: 'LockID',
      server_side_encryption: { enabled: true },
    });
    expect(results.prod.stacks['prod-1'].terraform).toMatchObject({
      backend: { s3: { bucket: 'prod-1-tfstate-123456789012', dynamodb_table: 'prod-1-tflock', encrypt: true } },
    });
  });

  it('tags everything with the cost-allocation tags through the provider', () => {
    expect(main('staging')).toHaveProviderWithProperties(AwsProvider, {
      region: 'us-east-1',
      default_tags: [{ tags: expect.objectContaining({ 'platform-ops:environment': 'staging-1', 'platform-ops:tier': 'staging' }) }],
    });
  });

  it('dev has exactly one NAT gateway, prod one per AZ', () => {
    expect(count('dev', 'aws_nat_gateway')).toBe(1);
    expect(count('sandbox', 'aws_nat_gateway')).toBe(1);
    expect(count('staging', 'aws_nat_gateway')).toBe(2);
    expect(count('prod', 'aws_nat_gateway')).toBe(3);
    expect(main('prod')).toHaveResource(NatGateway);
  });

  it('prod RDS is Multi-AZ with deletion protection, encrypted, private, 30-day backups', () => {
    expect(main('prod')).toHaveResourceWithProperties(DbInstance, {
      identifier: 'prod-1-postgres',
      instance_class: 'db.r6g.xlarge',
      multi_az: true,
      deletion_protection: true,
      storage_encrypted: true,
      publicly_accessible: false,
      backup_retention_period: 30,
      performance_insights_enabled: true,
    });
    // The cross-region replica for DR exists only in prod.
    expect(main('prod')).toHaveResourceWithProperties(DbInstance, { identifier: 'prod-1-postgres-dr', provider: 'aws.dr' });
    expect(Object.keys(results.staging.stacks['staging-1'].resource!.aws_db_instance)).toHaveLength(1);
  });

  it('dev RDS is single-AZ without deletion protection (seed 001)', () => {
    expect(main('dev')).toHaveResourceWithProperties(DbInstance, {
      instance_class: 'db.t3.small',
      multi_az: false,
      deletion_protection: false,
    });
  });

  it('Redis has replicas with failover above dev', () => {
    expect(main('dev')).toHaveResourceWithProperties(ElasticacheReplicationGroup, { num_cache_clusters: 1, automatic_failover_enabled: false });
    expect(main('prod')).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      node_type: 'cache.r6g.large',
      num_cache_clusters: 3,
      automatic_failover_enabled: true,
      transit_encryption_enabled: true,
    });
  });

  it.each([
    ['dev', 0, 1, 0],
    ['sandbox', 1, 2, 0],
    ['staging', 2, 4, 30],
    ['prod', 2, 20, 30],
  ] as const)('%s GPU ASG runs %i-%i instances with %i%% on demand above base', (tier, min, max, onDemand) => {
    expect(main(tier)).toHaveResourceWithProperties(AutoscalingGroup, {
      name: `${tier}-1-gpu-workers`,
      min_size: min,
      max_size: max,
      // Nested objects must be matched partially: the matcher compares them whole.
      mixed_instances_policy: expect.objectContaining({
        instances_distribution: expect.objectContaining({
          on_demand_base_capacity: 0,
          on_demand_percentage_above_base_capacity: onDemand,
        }),
      }),
    });
  });

  it('GPU ASG mixes g4dn and g5 and tracks the backlog per instance', () => {
    const asg = Object.values(results.prod.stacks['prod-1'].resource!.aws_autoscaling_group)[0];
    expect(JSON.stringify(asg.mixed_instances_policy)).toContain('g5.xlarge');
    expect(main('prod')).toHaveResourceWithProperties(AutoscalingPolicy, {
      policy_type: 'TargetTrackingScaling',
      target_tracking_configuration: expect.objectContaining({ target_value: 10 }),
    });
    // Only a pool that can be empty needs the scale-from-zero step policy.
    expect(count('dev', 'aws_autoscaling_policy')).toBe(2);
    expect(count('prod', 'aws_autoscaling_policy')).toBe(1);
  });

  it('queues use the seed 004 settings with a DLQ', () => {
    expect(main('prod')).toHaveResourceWithProperties(SqsQueue, {
      name: 'prod-1-processing',
      visibility_timeout_seconds: 300,
      message_retention_seconds: 345600,
      receive_wait_time_seconds: 20,
    });
    expect(main('prod')).toHaveResourceWithProperties(SqsQueue, { name: 'prod-1-processing-dlq', message_retention_seconds: 1209600 });
  });

  it('each main queue names its DLQ in a tag, next to the role tags, in both regions', () => {
    const queues = Object.values(results.prod.stacks['prod-1'].resource?.aws_sqs_queue ?? {});
    const sources = queues.filter(q => q.redrive_policy);
    // A primary and a DR copy of each queue of the spec.
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const q of sources) {
      expect(q.tags).toEqual({
        [DLQ_TAG]: `${q.name}-dlq`,
        'platform-ops:role': 'queue',
        'platform-ops:site': q.provider === 'aws.dr' ? 'dr' : 'primary',
      });
    }
    // Every tag names a queue of the same region (a DLQ must be in its source queue's region).
    for (const q of sources) {
      expect(queues.some(d => d.name === (q.tags as Record<string, string>)[DLQ_TAG] && d.provider === q.provider && !d.redrive_policy)).toBe(true);
    }
  });

  it.each(TIERS)('every %s GPU fleet names the queue it drains in a group-only tag, a queue of its own region', tier => {
    const resource = results[tier].stacks[`${tier}-1`].resource ?? {};
    const groups = Object.values(resource.aws_autoscaling_group ?? {});
    const queues = Object.values(resource.aws_sqs_queue ?? {});
    type Tag = { key: string; value: string; propagate_at_launch: boolean };
    // Prod also has the DR pilot-light group; the others one group in the primary region.
    expect(groups.map(g => g.provider ?? 'aws').sort()).toEqual(tier === 'prod' ? ['aws', 'aws.dr'] : ['aws']);
    for (const g of groups) {
      const drains = (g.tag as Tag[]).filter(t => t.key === DRAINS_QUEUE_TAG);
      expect(drains).toEqual([{ key: DRAINS_QUEUE_TAG, value: `${tier}-1-processing`, propagate_at_launch: false }]);
      // A queue of that name exists on the group's provider (a DR group drains the DR copy).
      expect(queues.some(q => q.name === drains[0].value && q.provider === g.provider && q.redrive_policy)).toBe(true);
    }
  });

  it('an extra GPU pool names the existing queue it drains, in both regions', () => {
    const pool = synthesize({ kind: 'gpu-worker-pool', name: 'render', environment: 'prod-1', queueName: 'processing', tier: 'prod', region: 'us-east-1' });
    const stack = pool.stacks['prod-1-gpu-render'];
    const groups = Object.values(stack.resource?.aws_autoscaling_group ?? {});
    const lookups = Object.values(stack.data?.aws_sqs_queue ?? {});
    expect(groups.map(g => g.provider ?? 'aws').sort()).toEqual(['aws', 'aws.dr']);
    for (const g of groups) {
      const value = (g.tag as { key: string; value: string }[]).find(t => t.key === DRAINS_QUEUE_TAG)?.value;
      expect(value).toBe('prod-1-processing');
      expect(lookups.some(q => q.name === value && q.provider === g.provider)).toBe(true);
    }
  });

  it('WAF and cross-region backup only where the tier asks for them', () => {
    expect(main('dev')).not.toHaveResource(Wafv2WebAcl);
    expect(main('staging')).toHaveResourceWithProperties(Wafv2WebAcl, { scope: 'REGIONAL' });
    expect(main('dev')).not.toHaveResource(S3BucketReplicationConfigurationA);
    expect(main('prod')).toHaveResource(S3BucketReplicationConfigurationA);
  });

  it('refuses an invalid spec with every problem before producing anything', () => {
    const generate = jest.fn();
    const generator: TerraformGenerator = { name: 'spy', generate };
    expect(() =>
      synthesize({ name: 'x-1', tier: 'qa', region: 'moon-1', gpu: { min: 3, max: 1 } }, { generator }),
    ).toThrow(InvalidSpecError);
    expect(generate).not.toHaveBeenCalled();
  });

  it('lets the generator be swapped', () => {
    const generator: TerraformGenerator = {
      name: 'plain-json',
      generate: spec => ({ generator: 'plain-json', stacks: {}, files: { [`${spec.name}.tf.json`]: '{}' } }),
    };
    expect(synthesize({ name: 'dev-2', tier: 'dev', region: 'eu-west-1' }, { generator }).files).toEqual({ 'dev-2.tf.json': '{}' });
  });

  it('synthesizes gpu-worker-pool and queue specs against an existing environment', () => {
    const pool = synthesize({ kind: 'gpu-worker-pool', name: 'render', environment: 'prod-1', queueName: 'processing', tier: 'prod', region: 'us-east-1' });
    const poolJson = pool.files['prod-1-gpu-render/cdk.tf.json'];
    expect(poolJson).toHaveResourceWithProperties(AutoscalingGroup, { name: 'prod-1-render', min_size: 2, max_size: 20 });
    expect(poolJson).toHaveDataSourceWithProperties(
      DataAwsSqsQueue,
      { name: 'prod-1-processing' },
    );
    const queue = synthesize({ kind: 'queue', name: 'thumbnails', environment: 'prod-1', tier: 'prod', region: 'us-east-1' });
    expect(queue.files['prod-1-queue-thumbnails/cdk.tf.json']).toHaveResourceWithProperties(SqsQueue, { name: 'prod-1-thumbnails' });
  });
});
