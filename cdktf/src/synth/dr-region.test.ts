import { Tier, TIERS } from '../spec/tiers';
import { synthesize } from './synthesize';
import { SynthResult, TerraformJson } from './types';

// What the DR region holds per tier (seed 004 region failover): prod gets the pilot light the
// region-failover runbook brings up, health-checked failover records and a CDN origin group.
const results = {} as Record<Tier, SynthResult>;
const stack = (tier: Tier): TerraformJson => results[tier].stacks[`${tier}-1`];
type Config = Record<string, unknown>;
const all = (tier: Tier, type: string): Config[] => Object.values(stack(tier).resource?.[type] ?? {});
const dr = (tier: Tier, type: string) => all(tier, type).filter(r => r.provider === 'aws.dr');
const primary = (tier: Tier, type: string) => all(tier, type).filter(r => r.provider !== 'aws.dr');

beforeAll(() => {
  for (const tier of TIERS) {
    results[tier] = synthesize({
      name: `${tier}-1`,
      tier,
      region: 'us-east-1',
      accountId: '123456789012',
      dns: { hostedZoneId: 'Z0STUDIO1', zoneName: 'video.example.com' },
    });
  }
  // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
}, 120_000);

describe('the DR region', () => {
  it('prod: a pilot light under the primary names, at zero, in the DR region', () => {
    expect(stack('prod').provider?.aws).toEqual(
      expect.arrayContaining([expect.objectContaining({ alias: 'dr', region: 'us-west-2' })]),
    );
    expect(dr('prod', 'aws_ecs_cluster').map(c => c.name)).toEqual(['prod-1-cluster']);
    const services = dr('prod', 'aws_ecs_service');
    expect(services.map(s => [s.name, s.desired_count]).sort()).toEqual([
      ['prod-1-api', 0],
      ['prod-1-worker', 0],
    ]);
    // Autoscaling may hold them at zero; the runbook's desired count is not undone by apply.
    expect(dr('prod', 'aws_appautoscaling_target').map(t => t.min_capacity)).toEqual([0, 0]);
    expect(services.every(s => JSON.stringify(s.lifecycle).includes('desired_count'))).toBe(true);

    const [group] = dr('prod', 'aws_autoscaling_group');
    expect(group).toMatchObject({ name: 'prod-1-gpu-workers', min_size: 0, desired_capacity: 0, max_size: 20 });
    expect(group.lifecycle).toEqual({ ignore_changes: ['desired_capacity', 'min_size'] });
    // The primary group keeps its minimum and lets apply own min_size.
    expect(primary('prod', 'aws_autoscaling_group')[0]).toMatchObject({ name: 'prod-1-gpu-workers', min_size: 2 });

    expect(dr('prod', 'aws_lb')).toHaveLength(1);
    expect(dr('prod', 'aws_lb_target_group').map(t => t.name)).toEqual(['prod-1-api']);
    expect(dr('prod', 'aws_lb_listener')).toHaveLength(1);
    expect(dr('prod', 'aws_security_group').map(g => g.name).sort()).toEqual(
      ['prod-1-dr-alb', 'prod-1-dr-app', 'prod-1-dr-cache', 'prod-1-dr-db', 'prod-1-dr-gpu'],
    );
    expect(dr('prod', 'aws_wafv2_web_acl')).toHaveLength(1);
    expect(dr('prod', 'aws_sqs_queue').map(q => q.name).sort()).toEqual(['prod-1-processing', 'prod-1-processing-dlq']);
    expect(dr('prod', 'aws_nat_gateway')).toHaveLength(1);
    expect(dr('prod', 'aws_db_instance').map(d => d.identifier)).toEqual(['prod-1-postgres-dr']);
    expect(dr('prod', 'aws_s3_bucket').map(b => b.bucket)).toEqual(['prod-1-assets-123456789012-usw2']);
  });

  it('prod: DR task definitions pull from the DR region registry, which ECR replicates into', () => {
    const images = dr('prod', 'aws_ecs_task_definition').map(t => JSON.parse(String(t.container_definitions))[0].image);
    expect(images.sort()).toEqual([
      expect.stringMatching(/\.dkr\.ecr\.us-west-2\.amazonaws\.com\/\$\{aws_ecr_repository\.ecr_api_\w+\.name\}:latest$/),
      expect.stringMatching(/\.dkr\.ecr\.us-west-2\.amazonaws\.com\/\$\{aws_ecr_repository\.ecr_worker_\w+\.name\}:latest$/),
    ]);
    expect(all('prod', 'aws_ecr_replication_configuration')[0]).toMatchObject({
      replication_configuration: {
        rule: [
          expect.objectContaining({
            destination: [expect.objectContaining({ region: 'us-west-2' })],
            repository_filter: [{ filter: 'prod-1/', filter_type: 'PREFIX_MATCH' }],
          }),
        ],
      },
    });
  });

  it('IAM names (a global namespace) never collide between the two regions', () => {
    for (const tier of TIERS) {
      const roles = all(tier, 'aws_iam_role').map(r => r.name);
      expect(new Set(roles).size).toBe(roles.length);
      const profiles = all(tier, 'aws_iam_instance_profile').map(r => r.name);
      expect(new Set(profiles).size).toBe(profiles.length);
    }
    expect(dr('prod', 'aws_iam_role').map(r => r.name)).toEqual(
      expect.arrayContaining(['prod-1-dr-ecs-execution', 'prod-1-dr-ecs-task', 'prod-1-gpu-workers-dr-instance']),
    );
  });

  it('prod: health-checked PRIMARY/SECONDARY alias records for the public endpoint', () => {
    const checks = stack('prod').resource!.aws_route53_health_check;
    expect(Object.values(checks).map(c => [c.reference_name, c.type, c.resource_path, c.port]).sort()).toEqual([
      ['prod-1-dr-us-west-2', 'HTTP', '/health', 80],
      ['prod-1-primary-us-east-1', 'HTTP', '/health', 80],
    ]);
    const records = all('prod', 'aws_route53_record');
    expect(records.map(r => [r.zone_id, r.name, r.set_identifier, (r.failover_routing_policy as { type: string }).type])).toEqual([
      ['Z0STUDIO1', 'prod-1.video.example.com', 'primary-us-east-1', 'PRIMARY'],
      ['Z0STUDIO1', 'prod-1.video.example.com', 'secondary-us-west-2', 'SECONDARY'],
    ]);
    const [primaryLb] = Object.keys(stack('prod').resource!.aws_lb).filter(k => !k.startsWith('dr_'));
    const [drLb] = Object.keys(stack('prod').resource!.aws_lb).filter(k => k.startsWith('dr_'));
    expect(records[0].alias).toEqual({ name: `\${aws_lb.${primaryLb}.dns_name}`, zone_id: `\${aws_lb.${primaryLb}.zone_id}`, evaluate_target_health: true });
    expect(records[1].alias).toEqual({ name: `\${aws_lb.${drLb}.dns_name}`, zone_id: `\${aws_lb.${drLb}.zone_id}`, evaluate_target_health: true });
    const checkOf = (r: Config) => String(r.health_check_id).match(/aws_route53_health_check\.([\w-]+)\.id/)?.[1];
    expect(checks[checkOf(records[0])!].fqdn).toBe(`\${aws_lb.${primaryLb}.dns_name}`);
    expect(checks[checkOf(records[1])!].fqdn).toBe(`\${aws_lb.${drLb}.dns_name}`);
  });

  it('prod: CloudFront fails over to the DR bucket through an origin group', () => {
    const [dist] = all('prod', 'aws_cloudfront_distribution');
    const origins = dist.origin as { origin_id: string; domain_name: string }[];
    expect(origins.map(o => o.origin_id)).toEqual(['primary-media-us-east-1', 'dr-media-us-west-2']);
    const drBucket = Object.entries(stack('prod').resource!.aws_s3_bucket).find(([, b]) => b.provider === 'aws.dr')![0];
    expect(origins[1].domain_name).toBe(`\${aws_s3_bucket.${drBucket}.bucket_regional_domain_name}`);
    expect(dist.origin_group).toEqual([
      {
        origin_id: 'media-failover',
        failover_criteria: { status_codes: [403, 404, 500, 502, 503, 504] },
        member: [{ origin_id: 'primary-media-us-east-1' }, { origin_id: 'dr-media-us-west-2' }],
      },
    ]);
    expect((dist.default_cache_behavior as { target_origin_id: string }).target_origin_id).toBe('media-failover');
    // The DR bucket lets the distribution read it.
    const policies = dr('prod', 'aws_s3_bucket_policy');
    expect(policies.map(p => p.bucket)).toEqual([`\${aws_s3_bucket.${drBucket}.id}`]);
  });

  it('tags every resource with its role and its side of the DR pair', () => {
    const [drGroup] = dr('prod', 'aws_autoscaling_group');
    expect(drGroup.tag).toEqual(
      expect.arrayContaining([
        { key: 'platform-ops:role', value: 'gpu-fleet', propagate_at_launch: true },
        { key: 'platform-ops:site', value: 'dr', propagate_at_launch: true },
        { key: 'platform-ops:environment', value: 'prod-1', propagate_at_launch: true },
      ]),
    );
    expect(dr('prod', 'aws_ecs_service')[0].tags).toMatchObject({ 'platform-ops:role': 'ecs-service', 'platform-ops:site': 'dr' });
    expect(primary('prod', 'aws_ecs_service')[0].tags).toMatchObject({ 'platform-ops:role': 'ecs-service', 'platform-ops:site': 'primary' });
    expect(dr('prod', 'aws_db_instance')[0].tags).toMatchObject({ 'platform-ops:role': 'database-replica', 'platform-ops:site': 'dr' });
    expect(all('prod', 'aws_route53_health_check')[0].tags).toMatchObject({ 'platform-ops:role': 'health-check' });
    expect(all('prod', 'aws_cloudfront_distribution')[0].tags).toMatchObject({ 'platform-ops:role': 'cdn', 'platform-ops:site': 'primary' });
    // Names that existed keep their place beside the new tags.
    expect(dr('prod', 'aws_vpc')[0].tags).toMatchObject({ Name: 'prod-1-dr-vpc', 'platform-ops:role': 'vpc' });
    // Both providers carry the environment tag.
    for (const p of stack('prod').provider!.aws) {
      expect(JSON.stringify(p.default_tags)).toContain('"platform-ops:environment":"prod-1"');
    }
  });

  it('staging keeps only the DR copy of the bucket; dev and sandbox have no DR region', () => {
    expect(dr('staging', 'aws_s3_bucket').map(b => b.bucket)).toEqual(['staging-1-assets-123456789012-usw2']);
    for (const type of ['aws_ecs_service', 'aws_autoscaling_group', 'aws_lb', 'aws_vpc', 'aws_db_instance']) {
      expect(dr('staging', type)).toEqual([]);
    }
    expect(all('staging', 'aws_route53_record')).toEqual([]);
    expect(all('staging', 'aws_cloudfront_distribution')[0].origin_group).toBeUndefined();
    for (const tier of ['dev', 'sandbox'] as const) {
      expect(JSON.stringify(stack(tier))).not.toContain('aws.dr');
    }
  });

  it('prod without a hosted zone still gets health checks but no records', () => {
    const json = synthesize({ name: 'prod-2', tier: 'prod', region: 'eu-west-1' }).stacks['prod-2'];
    expect(Object.keys(json.resource!.aws_route53_health_check)).toHaveLength(2);
    expect(json.resource!.aws_route53_record).toBeUndefined();
    // eu-west-1 fails over to us-west-2 by default; the bucket copy is named for it.
    expect(Object.values(json.resource!.aws_s3_bucket).map(b => b.bucket)).toContain('prod-2-assets-usw2');
  }, 60_000);

  it('prod pools and queues added later get their DR copy; staging ones do not', () => {
    const pool = synthesize({ kind: 'gpu-worker-pool', name: 'render', environment: 'prod-1', queueName: 'processing', tier: 'prod', region: 'us-east-1' })
      .stacks['prod-1-gpu-render'];
    const groups = Object.values(pool.resource!.aws_autoscaling_group);
    expect(groups.map(g => [g.name, g.provider ?? 'aws', g.min_size, g.desired_capacity]).sort()).toEqual([
      ['prod-1-render', 'aws', 2, 2],
      ['prod-1-render', 'aws.dr', 0, 0],
    ]);
    // It joins the environment's DR network, security group, key and queue copy by name.
    const drData = (type: string) => Object.values(pool.data![type]).filter(d => d.provider === 'aws.dr');
    expect(drData('aws_vpc')[0].tags).toEqual({ Name: 'prod-1-dr-vpc' });
    expect(drData('aws_security_group')[0].name).toBe('prod-1-dr-gpu');
    expect(drData('aws_kms_key')[0].key_id).toBe('alias/prod-1-dr');
    expect(drData('aws_sqs_queue')[0].name).toBe('prod-1-processing');
    expect(Object.values(pool.resource!.aws_iam_role).map(r => r.name).sort()).toEqual(['prod-1-render-dr-instance', 'prod-1-render-instance']);

    const queue = synthesize({ kind: 'queue', name: 'thumbnails', environment: 'prod-1', tier: 'prod', region: 'us-east-1' }).stacks['prod-1-queue-thumbnails'];
    expect(Object.values(queue.resource!.aws_sqs_queue).map(q => [q.name, q.provider ?? 'aws']).sort()).toEqual([
      ['prod-1-thumbnails', 'aws'],
      ['prod-1-thumbnails', 'aws.dr'],
      ['prod-1-thumbnails-dlq', 'aws'],
      ['prod-1-thumbnails-dlq', 'aws.dr'],
    ]);

    const stagingPool = synthesize({ kind: 'gpu-worker-pool', name: 'render', environment: 'staging-1', queueName: 'processing', tier: 'staging', region: 'us-east-1' });
    expect(JSON.stringify(stagingPool.stacks)).not.toContain('aws.dr');
  }, 60_000);
});
