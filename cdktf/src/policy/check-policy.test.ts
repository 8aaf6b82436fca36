import { synthesize } from '../synth/synthesize';
import { SynthResult, TerraformJson } from '../synth/types';
import { checkPolicy, formatPolicyReport } from './check-policy';

let prod: SynthResult;
beforeAll(() => {
  prod = synthesize({
    name: 'prod-1',
    tier: 'prod',
    region: 'us-east-1',
    accountId: '123456789012',
    dns: { hostedZoneId: 'Z0PROD1', zoneName: 'video.example.com' },
  });
  // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
}, 60_000);

const clone = (json: TerraformJson) => JSON.parse(JSON.stringify(json)) as TerraformJson;
const first = (json: TerraformJson, type: string) => Object.values(json.resource![type])[0];
// The primary, not the DR replica (which sorts first).
const primaryDb = (json: TerraformJson) =>
  Object.values(json.resource!.aws_db_instance).find(d => d.identifier === 'prod-1-postgres')!;

describe('checkPolicy', () => {
  it('a full synthesized prod environment passes with zero findings', () => {
    const report = checkPolicy(prod);
    expect(report.findings).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.rulesEvaluated.length).toBeGreaterThanOrEqual(12);
  });

  it('every tier passes', () => {
    for (const tier of ['dev', 'sandbox', 'staging']) {
      expect(checkPolicy(synthesize({ name: `${tier}-1`, tier, region: 'eu-west-1' })).findings).toEqual([]);
    }
  }, 60_000);

  it('finds the faults of a deliberately bad configuration', () => {
    const bad = clone(prod.stacks['prod-1']);
    const db = primaryDb(bad);
    db.publicly_accessible = true;
    db.multi_az = false;
    db.deletion_protection = false;
    db.storage_encrypted = false;
    db.backup_retention_period = 0;
    // One bucket loses its public access block.
    const blocks = bad.resource!.aws_s3_bucket_public_access_block;
    delete blocks[Object.keys(blocks)[0]];
    first(bad, 'aws_elasticache_replication_group').transit_encryption_enabled = false;
    first(bad, 'aws_sqs_queue').sqs_managed_sse_enabled = false;
    // The database security group opened to the world.
    const dbSg = Object.keys(bad.resource!.aws_security_group).find(k => k.includes('_db_'))!;
    bad.resource!.aws_vpc_security_group_ingress_rule.open = {
      security_group_id: `\${aws_security_group.${dbSg}.id}`,
      cidr_ipv4: '0.0.0.0/0',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
    };

    const report = checkPolicy(bad);
    expect(report.passed).toBe(false);
    expect(new Set(report.findings.map(f => f.rule))).toEqual(
      new Set([
        'rds-not-public',
        'rds-encrypted',
        'rds-multi-az-prod',
        'rds-deletion-protection-prod',
        'rds-backups-retained',
        's3-public-access-blocked',
        'cache-encrypted',
        'sqs-encrypted',
        'no-open-ingress-except-alb',
      ]),
    );
    expect(report.findings[0].severity).toBe('critical');
    expect(report.counts.critical).toBe(3);
    expect(report.findings.find(f => f.rule === 'no-open-ingress-except-alb')?.resource).toBe(
      'aws_vpc_security_group_ingress_rule.open',
    );
    expect(formatPolicyReport(report)).toContain('**Policy: failed**');
  });

  describe('region failover path', () => {
    const rulesOf = (json: TerraformJson) => checkPolicy(json).findings.map(f => f.rule);
    const drKey = (json: TerraformJson, type: string) =>
      Object.keys(json.resource![type]).find(k => json.resource![type][k].provider === 'aws.dr')!;

    it('a prod environment without a hosted zone fails: no failover records', () => {
      const report = checkPolicy(synthesize({ name: 'prod-2', tier: 'prod', region: 'us-east-1' }));
      expect(report.passed).toBe(false);
      expect(report.findings).toEqual([
        expect.objectContaining({
          rule: 'dr-failover-records',
          severity: 'high',
          resource: expect.stringMatching(/^aws_lb\.compute_alb_/),
          message: expect.stringContaining('give the spec dns.hostedZoneId and dns.zoneName'),
        }),
      ]);
    }, 60_000);

    it('names each missing piece of the pilot light', () => {
      const bad = clone(prod.stacks['prod-1']);
      delete bad.resource!.aws_autoscaling_group[drKey(bad, 'aws_autoscaling_group')];
      const services = bad.resource!.aws_ecs_service;
      const drApi = Object.keys(services).find(k => services[k].provider === 'aws.dr' && services[k].name === 'prod-1-api')!;
      delete services[drApi];
      const messages = checkPolicy(bad).findings.filter(f => f.rule === 'dr-pilot-light').map(f => f.message);
      expect(messages).toEqual([
        expect.stringMatching(/^no pilot-light ECS service prod-1-api in the DR region/),
        expect.stringMatching(/^no pilot-light GPU Auto Scaling group prod-1-gpu-workers in the DR region/),
      ]);
    });

    it('an environment whose DR region holds only the replica fails the pilot-light rule', () => {
      const bad = clone(prod.stacks['prod-1']);
      for (const type of ['aws_ecs_cluster', 'aws_ecs_service', 'aws_lb', 'aws_autoscaling_group']) {
        const byName = bad.resource![type];
        for (const k of Object.keys(byName)) if (byName[k].provider === 'aws.dr') delete byName[k];
      }
      const findings = checkPolicy(bad).findings.filter(f => f.rule === 'dr-pilot-light');
      expect(findings.map(f => f.message.replace(/ \(.*$/, ''))).toEqual([
        'no ECS cluster prod-1-cluster in the DR region: the failover cannot start its services there',
        'no pilot-light ECS service prod-1-api in the DR region',
        'no pilot-light ECS service prod-1-worker in the DR region',
        'no pilot-light GPU Auto Scaling group prod-1-gpu-workers in the DR region',
        'no load balancer in the DR region for the failover records to point at',
      ]);
    });

    it('a failover record without a health check, a CDN without origin group, an untagged resource', () => {
      const bad = clone(prod.stacks['prod-1']);
      const records = bad.resource!.aws_route53_record;
      delete records[Object.keys(records)[1]].health_check_id;
      delete first(bad, 'aws_cloudfront_distribution').origin_group;
      delete (first(bad, 'aws_ecs_cluster').tags as Record<string, string>)['platform-ops:role'];
      expect(rulesOf(bad).sort()).toEqual(['dr-cdn-origin-group', 'dr-failover-records', 'dr-resources-tagged']);
      const report = checkPolicy(bad);
      expect(report.findings.find(f => f.rule === 'dr-failover-records')!.message).toBe(
        'SECONDARY failover record prod-1.video.example.com has no Route 53 health check: Route 53 cannot fail over on its own',
      );
      expect(report.findings.find(f => f.rule === 'dr-cdn-origin-group')!.message).toContain('dr-media-us-west-2 is in no origin group');
    });

    it('does not judge tiers without region failover, nor add-on stacks of a prod environment', () => {
      const staging = synthesize({ name: 'staging-2', tier: 'staging', region: 'us-east-1' });
      expect(checkPolicy(staging).findings).toEqual([]);
      const pool = synthesize({ kind: 'gpu-worker-pool', name: 'render', environment: 'prod-1', queueName: 'processing', tier: 'prod', region: 'us-east-1' });
      expect(checkPolicy(pool).findings).toEqual([]);
      // A prod pool without its DR group is skipped by the region failover: say so.
      const json = clone(pool.stacks['prod-1-gpu-render']);
      delete json.resource!.aws_autoscaling_group[drKey(json, 'aws_autoscaling_group')];
      expect(checkPolicy(json).findings).toEqual([
        expect.objectContaining({
          rule: 'dr-pilot-light',
          message: 'no pilot-light GPU Auto Scaling group prod-1-render in the DR region: the region failover skips this pool',
        }),
      ]);
    }, 60_000);
  });

  it('applies prod-only rules by the tier tag, or the tier option when untagged', () => {
    const json = clone(prod.stacks['prod-1']);
    primaryDb(json).multi_az = false;
    delete json.provider;
    // Untagged and no tier option: no prod rules, but GPU fleets are judged by the smallest
    // tier (dev), so hand-written Terraform without tags cannot escape the fleet limits.
    const untagged = checkPolicy(json).findings;
    expect(new Set(untagged.map(f => f.rule))).toEqual(new Set(['gpu-fleet-within-tier-limits']));
    expect(untagged.map(f => f.message)).toContainEqual(expect.stringContaining('maxSize 20 of prod-1-gpu-workers exceeds the limit of 1 GPU instances'));
    expect(checkPolicy(json, { tier: 'prod' }).findings.map(f => f.rule)).toEqual(['rds-multi-az-prod']);
    expect(checkPolicy(json, { tier: 'prod', failOn: 'critical' }).passed).toBe(true);
  });

  describe('GPU fleets against their tier limits (the one guardrail policy)', () => {
    let sandbox50: SynthResult;
    beforeAll(() => {
      sandbox50 = synthesize({ name: 'sandbox-9', tier: 'sandbox', region: 'us-east-1', gpu: { max: 50 } });
    }, 60_000);

    it('fails a sandbox with 50 GPU workers, naming the limit and the config key that raises it', () => {
      const report = checkPolicy(sandbox50);
      expect(report.passed).toBe(false);
      const gpu = report.findings.filter(f => f.rule === 'gpu-fleet-within-tier-limits');
      expect(gpu.map(f => f.message)).toEqual([
        expect.stringMatching(/maxSize 50 .* exceeds the limit of 2 GPU instances; to allow it, raise platformOps\.guardrails\.environments\.sandbox-9\.maxGpuInstances/),
        expect.stringMatching(/may cost \$26\.30\/hour .* above the limit of \$2\.50\/hour; to allow it, raise platformOps\.guardrails\.environments\.sandbox-9\.maxHourlyUsd/),
      ]);
      expect(formatPolicyReport(report)).toContain('gpu-fleet-within-tier-limits');
    });

    it('passes it once config raises that environment\'s limits', () => {
      const report = checkPolicy(sandbox50, { fleetLimits: { 'sandbox-9': { maxGpuInstances: 50, maxHourlyUsd: 30 } } });
      expect(report.findings.filter(f => f.rule === 'gpu-fleet-within-tier-limits')).toEqual([]);
    });

    it('prices a mixed fleet at its dearest type, not its first', () => {
      const json = clone(sandbox50.stacks['sandbox-9']);
      const asg = first(json, 'aws_autoscaling_group') as { max_size: number; mixed_instances_policy: { launch_template: { override: { instance_type: string }[] } } };
      // 4 x g4dn.xlarge would be $2.10, under the sandbox's $2.50; 4 x g5.2xlarge is not.
      asg.max_size = 4;
      asg.mixed_instances_policy.launch_template.override = [{ instance_type: 'g4dn.xlarge' }, { instance_type: 'g5.2xlarge' }];
      const report = checkPolicy(json, { fleetLimits: { 'sandbox-9': { maxGpuInstances: 4 } } });
      const messages = report.findings.filter(f => f.rule === 'gpu-fleet-within-tier-limits').map(f => f.message);
      expect(messages).toEqual([expect.stringContaining('$4.85/hour (all on-demand at $1.21 each, the dearest of g4dn.xlarge, g5.2xlarge)')]);
    });
  });
});
