import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { join } from 'node:path';
import { seedsFromTerraform, SIMULATED_RESOURCE_TYPES, summarizeNotSimulated } from './convert';
import { readSynthesizedStacks } from './synthesizedExamples';
import { TerraformStackJson } from './terraformJson';

/** cdktf/examples/synthesized/<tier> (studio-sandbox for the sandbox tier): what `platform-env synth` makes of cdktf/examples/<tier>.yaml (kept fresh by cdktf's synthesizedExamples.test.ts). */
function example(tier: string): TerraformStackJson[] {
  const dir = join(resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', '../../cdktf/examples/synthesized'), tier === 'sandbox' ? 'studio-sandbox' : tier);
  const stacks = readSynthesizedStacks(dir);
  if (stacks.length === 0) throw new Error(`no synthesized stacks in ${dir}`);
  return stacks;
}

const seeds = {
  dev: seedsFromTerraform(example('dev')),
  sandbox: seedsFromTerraform(example('sandbox')),
  staging: seedsFromTerraform(example('staging')),
  prod: seedsFromTerraform(example('prod')),
};

const where = (list: { region: string; name?: string; id?: string }[]) => list.map(r => `${r.name ?? r.id}@${r.region}`).sort();

describe('seedsFromTerraform', () => {
  it('reads the environment from the providers: name and tier from default tags, DR region from the "dr" alias', () => {
    expect(seeds.prod.environment).toEqual({ name: 'prod', tier: 'prod', accountId: '410987654321', region: 'us-east-1', drRegion: 'us-west-2' });
    expect(seeds.staging.environment).toMatchObject({ tier: 'staging', region: 'us-east-1', drRegion: 'us-west-2' });
    expect(seeds.sandbox.environment).toEqual({ name: 'studio-sandbox', tier: 'sandbox', accountId: '123456789012', region: 'us-west-2', drRegion: undefined });
    expect(seeds.dev.environment.drRegion).toBeUndefined();
  });

  it('creates the prod GPU group in the primary region with its mixed instances policy and the pilot light at zero in the DR region', () => {
    expect(seeds.prod.autoScalingGroups.map(g => [g.name, g.region, g.minSize, g.maxSize, g.desired])).toEqual(
      expect.arrayContaining([
        ['prod-gpu-workers', 'us-east-1', 2, 20, 2],
        ['prod-gpu-workers', 'us-west-2', 0, 20, 0],
      ]),
    );
    const primary = seeds.prod.autoScalingGroups.find(g => g.region === 'us-east-1')!;
    expect(primary).toMatchObject({
      accountId: '410987654321',
      defaultCooldown: 600,
      instanceTypes: ['g4dn.xlarge', 'g5.xlarge'],
      onDemandBaseCapacity: 0,
      onDemandPercentageAboveBaseCapacity: 30,
      spotAllocationStrategy: 'price-capacity-optimized',
    });
    // Provider default tags and the group's own tags, as AWS ends up with them.
    expect(primary.tags).toMatchObject({ 'platform-ops:environment': 'prod', 'platform-ops:tier': 'prod', 'platform-ops:role': 'gpu-fleet', 'platform-ops:site': 'primary' });
    expect(seeds.prod.autoScalingGroups.find(g => g.region === 'us-west-2')!.tags['platform-ops:site']).toBe('dr');
  });

  it('scales each GPU group on its backlog per instance as the target-tracking policy declares; the alarm-driven scale-from-zero is listed, not simulated', () => {
    expect(seeds.prod.scalingPolicies.map(p => [p.name, p.groupName, p.region, p.targetValue])).toEqual(
      expect.arrayContaining([
        ['prod-gpu-workers-backlog-per-instance', 'prod-gpu-workers', 'us-east-1', 10],
        ['prod-gpu-workers-backlog-per-instance', 'prod-gpu-workers', 'us-west-2', 10],
      ]),
    );
    const primary = seeds.prod.scalingPolicies.find(p => p.region === 'us-east-1')!;
    expect(primary.metrics).toEqual([
      {
        Id: 'm1',
        Label: 'Visible messages',
        MetricStat: { Metric: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs' }] }, Stat: 'Sum' },
        ReturnData: false,
      },
      {
        Id: 'm2',
        Label: 'In-service instances',
        MetricStat: { Metric: { Namespace: 'AWS/AutoScaling', MetricName: 'GroupInServiceInstances', Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'prod-gpu-workers' }] }, Stat: 'Average' },
        ReturnData: false,
      },
      { Id: 'e1', Label: 'Backlog per instance', Expression: 'IF(m2 > 0, m1 / m2, m1)', ReturnData: true },
    ]);
    expect(seeds.prod.notSimulated.filter(r => r.type === 'aws_autoscaling_policy').map(r => r.address)).toEqual(
      expect.arrayContaining([expect.stringContaining('scale-from-zero')]),
    );
  });

  it('creates each queue with its dead-letter queue after the declared receives, in both regions for prod', () => {
    expect(where(seeds.prod.queues)).toEqual([
      'prod-video-jobs-dlq@us-east-1',
      'prod-video-jobs-dlq@us-west-2',
      'prod-video-jobs@us-east-1',
      'prod-video-jobs@us-west-2',
    ]);
    const main = seeds.prod.queues.find(q => q.name === 'prod-video-jobs' && q.region === 'us-east-1')!;
    expect(main).toMatchObject({ visibilityTimeoutSeconds: 300, retentionSeconds: 345_600, redrive: { deadLetterQueueName: 'prod-video-jobs-dlq', maxReceiveCount: 3 } });
    const dlq = seeds.prod.queues.find(q => q.name.endsWith('-dlq'))!;
    expect(dlq.retentionSeconds).toBe(1_209_600);
    expect(dlq.redrive).toBeUndefined();
    expect(where(seeds.dev.queues)).toEqual(['dev-video-jobs-dlq@us-east-1', 'dev-video-jobs@us-east-1']);
  });

  it('creates the prod database Multi-AZ and its cross-region replica in the DR region, pointing at it', () => {
    expect(seeds.prod.dbInstances).toEqual([
      expect.objectContaining({ id: 'prod-postgres', region: 'us-east-1', instanceClass: 'db.r6g.xlarge', multiAz: true, backupRetentionPeriod: 30, deletionProtection: true, engine: 'postgres' }),
      expect.objectContaining({ id: 'prod-postgres-dr', region: 'us-west-2', instanceClass: 'db.r6g.xlarge', multiAz: false, engine: 'postgres', replicaOf: { id: 'prod-postgres', region: 'us-east-1' } }),
    ]);
    expect(seeds.prod.dbInstances[0].replicaOf).toBeUndefined();
    expect(seeds.dev.dbInstances).toEqual([expect.objectContaining({ id: 'dev-postgres', multiAz: false })]);
    expect(seeds.dev.dbInstances[0].replicaOf).toBeUndefined();
    expect(seeds.staging.dbInstances.map(d => d.replicaOf)).toEqual([undefined]);
  });

  it('creates the Redis replication group with the tier topology', () => {
    expect(seeds.prod.replicationGroups).toEqual([
      expect.objectContaining({ id: 'prod-redis', region: 'us-east-1', nodeType: 'cache.r6g.large', nodes: 3, automaticFailover: true, multiAz: true }),
    ]);
    expect(seeds.staging.replicationGroups[0]).toMatchObject({ nodes: 2, automaticFailover: true });
    expect(seeds.dev.replicationGroups[0]).toMatchObject({ nodes: 1, automaticFailover: false });
  });

  it('creates ECS clusters, task definitions and services with their desired counts; prod DR services at zero', () => {
    expect(where(seeds.prod.ecsClusters)).toEqual(['prod-cluster@us-east-1', 'prod-cluster@us-west-2']);
    expect(seeds.prod.ecsServices.map(s => [s.name, s.cluster, s.region, s.desired, s.taskDefinitionFamily, s.targetGroup])).toEqual(
      expect.arrayContaining([
        ['prod-api', 'prod-cluster', 'us-east-1', 3, 'prod-api', 'prod-api'],
        ['prod-worker', 'prod-cluster', 'us-east-1', 4, 'prod-worker', undefined],
        ['prod-api', 'prod-cluster', 'us-west-2', 0, 'prod-api', 'prod-api'],
        ['prod-worker', 'prod-cluster', 'us-west-2', 0, 'prod-worker', undefined],
      ]),
    );
    expect(seeds.prod.ecsServices).toHaveLength(4);
    const api = seeds.prod.taskDefinitions.find(t => t.family === 'prod-api' && t.region === 'us-east-1')!;
    expect(api).toMatchObject({ cpu: 2048, memory: 4096, image: '410987654321.dkr.ecr.us-east-1.amazonaws.com/prod/api:latest' });
    // The DR task definitions pull from the DR region's registry (ECR replication).
    expect(seeds.prod.taskDefinitions.find(t => t.family === 'prod-api' && t.region === 'us-west-2')!.image).toContain('.dkr.ecr.us-west-2.amazonaws.com/');
    expect(seeds.dev.ecsServices.map(s => s.desired)).toEqual([1, 1]);
  });

  it('points the failover records at each region\'s ALB with its own health check, as Route 53 would resolve them', () => {
    const albs = Object.fromEntries(seeds.prod.loadBalancers.map(l => [l.region, l]));
    expect(Object.keys(albs).sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(albs['us-west-2'].dnsName).toMatch(/^prod-alb-\d{10}\.us-west-2\.elb\.amazonaws\.com$/);
    expect(albs['us-east-1'].canonicalHostedZoneId).toBe('Z35SXDOTRQ7X7K');
    expect(seeds.prod.healthChecks.map(h => [h.reference, h.targetRegion, h.fqdn, h.resourcePath])).toEqual(
      expect.arrayContaining([
        ['prod-primary-us-east-1', 'us-east-1', albs['us-east-1'].dnsName, '/health'],
        ['prod-dr-us-west-2', 'us-west-2', albs['us-west-2'].dnsName, '/health'],
      ]),
    );
    expect(seeds.prod.records.map(r => [r.failover, r.setIdentifier, r.alias?.dnsName, r.alias?.hostedZoneId, r.healthCheck])).toEqual(
      expect.arrayContaining([
        ['PRIMARY', 'primary-us-east-1', albs['us-east-1'].dnsName, 'Z35SXDOTRQ7X7K', 'prod-primary-us-east-1'],
        ['SECONDARY', 'secondary-us-west-2', albs['us-west-2'].dnsName, 'Z1H1FL5HABSF5', 'prod-dr-us-west-2'],
      ]),
    );
    expect(seeds.prod.records.every(r => r.hostedZoneId === 'Z0PLATFORMPROD' && r.name === 'api.video.example.com')).toBe(true);
    expect(seeds.staging.records).toEqual([]);
  });

  it('creates the CloudFront distribution with the DR bucket as the origin group\'s secondary', () => {
    const [cdn] = seeds.prod.distributions;
    expect(cdn.origins).toEqual([
      { id: 'primary-media-us-east-1', domainName: 'prod-assets-410987654321.s3.us-east-1.amazonaws.com' },
      { id: 'dr-media-us-west-2', domainName: 'prod-assets-410987654321-usw2.s3.us-west-2.amazonaws.com' },
    ]);
    expect(cdn.originGroups).toEqual([
      { id: 'media-failover', members: ['primary-media-us-east-1', 'dr-media-us-west-2'], statusCodes: [403, 404, 500, 502, 503, 504] },
    ]);
    expect(cdn).toMatchObject({ defaultTargetOriginId: 'media-failover', priceClass: 'PriceClass_All' });
    expect(seeds.dev.distributions[0].originGroups).toEqual([]);
  });

  it('creates buckets in their regions and records cross-region replication', () => {
    const assets = seeds.prod.buckets.find(b => b.name === 'prod-assets-410987654321')!;
    expect(assets).toMatchObject({ region: 'us-east-1', replicatesTo: 'prod-assets-410987654321-usw2' });
    expect(seeds.prod.buckets.find(b => b.name === 'prod-assets-410987654321-usw2')!.region).toBe('us-west-2');
    // The state backend's stack is applied too.
    expect(seeds.prod.buckets.map(b => b.name)).toContain('prod-tfstate-410987654321');
    expect(seeds.dev.buckets.some(b => b.replicatesTo)).toBe(false);
  });

  it.each(['dev', 'sandbox', 'staging', 'prod'] as const)('lists every %s resource it does not simulate, by type and region, and drops none', tier => {
    const stacks = example(tier);
    const declared = stacks.reduce((n, s) => n + Object.values(s.resource ?? {}).reduce((m, byName) => m + Object.keys(byName).length, 0), 0);
    const s = seeds[tier];
    const applied =
      s.autoScalingGroups.length + s.queues.length + s.dbInstances.length + s.replicationGroups.length + s.ecsClusters.length +
      s.taskDefinitions.length + s.ecsServices.length + s.loadBalancers.length + s.targetGroups.length + s.healthChecks.length +
      s.records.length + s.distributions.length + s.buckets.length + s.scalingPolicies.length;
    const replications = stacks.reduce((n, st) => n + Object.keys(st.resource?.aws_s3_bucket_replication_configuration ?? {}).length, 0);
    expect(applied + replications + s.notSimulated.length).toBe(declared);
    // A simulated type is listed only for settings it does not simulate (an alarm-driven scaling policy).
    expect(s.notSimulated.every(r => !SIMULATED_RESOURCE_TYPES.includes(r.type) || r.type === 'aws_autoscaling_policy')).toBe(true);
    expect(summarizeNotSimulated(s)).toMatchObject({ aws_vpc: tier === 'prod' ? 2 : 1, aws_dynamodb_table: 1 });
  });

  it('is deterministic: the same JSON gives the same account', () => {
    expect(seedsFromTerraform(example('prod'))).toEqual(seeds.prod);
  });

  it('refuses a resource on a provider the stack does not declare, and stacks without an environment', () => {
    const stack: TerraformStackJson = {
      provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { 'platform-ops:environment': 'x' } }], allowed_account_ids: ['123456789012'] }] },
      resource: { aws_sqs_queue: { q: { name: 'x-q', provider: 'aws.eu' } } },
    };
    expect(() => seedsFromTerraform([stack])).toThrow('aws_sqs_queue.q uses provider aws.eu, which the stack does not declare with a region');
    expect(() => seedsFromTerraform([{ provider: { aws: [{ region: 'us-east-1' }] } }])).toThrow('no stack declares the environment');
    const unpinned: TerraformStackJson = { provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { 'platform-ops:environment': 'x' } }] }] } };
    expect(() => seedsFromTerraform([unpinned])).toThrow('pin no AWS account');
    expect(seedsFromTerraform([unpinned], { accountId: '210987654321' }).environment.accountId).toBe('210987654321');
  });
});
