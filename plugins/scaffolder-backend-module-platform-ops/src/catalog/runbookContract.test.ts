import { parseSpec, resolveSpec, synthesize, TerraformJson, Tier, TIERS } from '@platformops/cdktf-platform';
import { PLATFORM_OPS_ANNOTATIONS as A } from '@platformops/plugin-platform-ops-common';
import { CatalogEntity, catalogEntities } from './entities';
import { DR_ANNOTATIONS as D } from './drAnnotations';

/**
 * The contract between the environment template and the runbooks: for every tier, each AWS
 * resource a runbook that applies to the published catalog entities will read or change
 * exists in the synthesized Terraform, under the name the entities give, in the region the
 * runbook calls. The table below is written from the runbook definitions (backend code is
 * not imported: the template must not depend on the backend).
 */

type Site = 'primary' | 'dr' | 'global';

interface Need {
  runbook: string;
  /** What the runbook does with it, for the failure message. */
  what: string;
  type: string;
  site: Site;
  matches(config: Record<string, unknown>, json: TerraformJson): boolean;
}

const ann = (e: CatalogEntity | undefined, key: string) => e?.metadata.annotations[key];
const ofType = (entities: CatalogEntity[], type: string) =>
  entities.filter(e => e.kind === 'Resource' && e.spec.type === type);
const ref = (value: unknown, type: string) => new RegExp(`\\$\\{${type}\\.[\\w-]+\\.`).test(JSON.stringify(value ?? ''));

/** "us-west-2" -> "usw2", as regionFailover.ts regionShort / drBucketName derive the DR bucket. */
const regionShort = (region: string) => {
  const [geo, direction, n] = region.split('-');
  return `${geo}${direction?.[0] ?? ''}${n ?? ''}`;
};

/** What each applicable runbook needs, from the entities alone (as the backend inventory reads them). */
function runbookNeeds(entities: CatalogEntity[]): Need[] {
  const env = ofType(entities, 'environment')[0];
  const drRegion = ann(env, A.drRegion);
  const needs: Need[] = [];
  const databases = ofType(entities, 'database');
  const services = entities.filter(e => e.kind === 'Component' && ann(e, A.ecsService));

  // rdsFailover.ts: appliesTo a database with db-instance-id; RebootDBInstance(ForceFailover) in its region.
  for (const db of databases.filter(d => ann(d, A.dbInstanceId))) {
    needs.push({
      runbook: 'rds-multi-az-failover',
      what: `reboot with failover ${ann(db, A.dbInstanceId)}`,
      type: 'aws_db_instance',
      site: 'primary',
      matches: c => c.identifier === ann(db, A.dbInstanceId) && !c.replicate_source_db,
    });
  }
  // promoteReplica.ts: appliesTo db-replica-id + environment dr-region; PromoteReadReplica in the DR region.
  for (const db of databases.filter(d => ann(d, A.dbReplicaId) && drRegion)) {
    needs.push({
      runbook: 'promote-read-replica',
      what: `promote ${ann(db, A.dbReplicaId)}`,
      type: 'aws_db_instance',
      site: 'dr',
      matches: c => c.identifier === ann(db, A.dbReplicaId) && Boolean(c.replicate_source_db),
    });
  }
  // elastiCacheFailover.ts: appliesTo a cache; TestFailover on the replication group.
  for (const cache of ofType(entities, 'cache')) {
    needs.push({
      runbook: 'elasticache-failover',
      what: `test failover of ${ann(cache, A.cacheReplicationGroupId)}`,
      type: 'aws_elasticache_replication_group',
      site: 'primary',
      matches: c => c.replication_group_id === ann(cache, A.cacheReplicationGroupId),
    });
  }
  // dlqRedrive.ts: appliesTo a queue with dlq-name; StartMessageMoveTask from the DLQ to the queue.
  for (const q of ofType(entities, 'queue').filter(x => ann(x, A.dlqName))) {
    needs.push(
      { runbook: 'dlq-redrive', what: `redrive from ${ann(q, A.dlqName)}`, type: 'aws_sqs_queue', site: 'primary', matches: c => c.name === ann(q, A.dlqName) },
      {
        runbook: 'dlq-redrive',
        what: `redrive into ${ann(q, A.queueName)}, whose redrive policy names the DLQ`,
        type: 'aws_sqs_queue',
        site: 'primary',
        matches: c => c.name === ann(q, A.queueName) && ref(c.redrive_policy, 'aws_sqs_queue'),
      },
    );
  }
  // ecsRollback.ts: appliesTo a Component with ecs-service; UpdateService on cluster/service.
  for (const svc of services) {
    const [cluster, service] = ann(svc, A.ecsService)!.split('/');
    needs.push(
      { runbook: 'ecs-rollback', what: `cluster ${cluster}`, type: 'aws_ecs_cluster', site: 'primary', matches: c => c.name === cluster },
      { runbook: 'ecs-rollback', what: `roll back ${service}`, type: 'aws_ecs_service', site: 'primary', matches: c => c.name === service },
    );
  }
  // route53.ts / route53Failover.ts: appliesTo an environment with route53-record; reads the
  // PRIMARY/SECONDARY records of the name in the zone and their health checks, swaps them.
  const record = ann(env, A.route53Record);
  const recordNeeds = (runbook: string) => {
    if (!record) return;
    const [zoneId, name] = record.split('/');
    for (const role of ['PRIMARY', 'SECONDARY']) {
      needs.push({
        runbook,
        what: `${role} failover record ${name} with a health check`,
        type: 'aws_route53_record',
        site: 'global',
        matches: c =>
          c.zone_id === zoneId &&
          c.name === name &&
          (c.failover_routing_policy as { type?: string } | undefined)?.type === role &&
          ref(c.health_check_id, 'aws_route53_health_check'),
      });
    }
  };
  recordNeeds('route53-failover');

  // regionFailover.ts: appliesTo an environment with dr-region and a database with a replica.
  // Promotes the replica, scales every ECS service and GPU group under the SAME names in the
  // DR region, flips Route 53, points CloudFront at the DR copy of the bucket.
  const replicaDb = databases.find(d => ann(d, A.dbReplicaId));
  if (drRegion && replicaDb) {
    needs.push({
      runbook: 'region-failover',
      what: `promote ${ann(replicaDb, A.dbReplicaId)}`,
      type: 'aws_db_instance',
      site: 'dr',
      matches: c => c.identifier === ann(replicaDb, A.dbReplicaId),
    });
    for (const svc of services) {
      const [cluster, service] = ann(svc, A.ecsService)!.split('/');
      // The DR annotation, when present, must agree with the name the runbook uses.
      expect(ann(svc, D.drEcsService)).toBe(`${cluster}/${service}`);
      needs.push(
        { runbook: 'region-failover', what: `DR cluster ${cluster}`, type: 'aws_ecs_cluster', site: 'dr', matches: c => c.name === cluster },
        { runbook: 'region-failover', what: `scale ${service} up`, type: 'aws_ecs_service', site: 'dr', matches: c => c.name === service && ref(c.cluster, 'aws_ecs_cluster') },
      );
    }
    for (const fleet of ofType(entities, 'gpu-fleet')) {
      expect(ann(fleet, D.drAsgName)).toBe(ann(fleet, A.asgName));
      needs.push({
        runbook: 'region-failover',
        what: `scale GPU group ${ann(fleet, A.asgName)} up`,
        type: 'aws_autoscaling_group',
        site: 'dr',
        matches: c => c.name === ann(fleet, A.asgName),
      });
    }
    recordNeeds('region-failover');
    if (record) {
      needs.push({ runbook: 'region-failover', what: 'the SECONDARY target: a load balancer in the DR region', type: 'aws_lb', site: 'dr', matches: c => c.load_balancer_type === 'application' });
    }
    const bucket = ofType(entities, 'bucket')[0];
    if (bucket) {
      const drBucket = `${ann(bucket, A.bucketName)}-${regionShort(drRegion)}`;
      expect(ann(bucket, D.drBucketName)).toBe(drBucket);
      needs.push({ runbook: 'region-failover', what: `DR copy ${drBucket} of the media bucket`, type: 'aws_s3_bucket', site: 'dr', matches: c => c.bucket === drBucket });
      // The distribution is found by its tags until its id is known (cloudfront-distribution-tags).
      const tags = Object.fromEntries((ann(env, D.cloudFrontDistributionTags) ?? '').split(',').map(kv => kv.split('=')));
      needs.push({
        runbook: 'region-failover',
        what: `CloudFront (${ann(env, D.cloudFrontDistributionTags)}) with ${drBucket} as an origin in an origin group`,
        type: 'aws_cloudfront_distribution',
        site: 'global',
        matches: (c, json) => {
          const own = c.tags as Record<string, string> | undefined;
          const defaults = (json.provider?.aws?.[0]?.default_tags as { tags?: Record<string, string> }[] | undefined)?.[0]?.tags;
          const tagged = Object.entries(tags).every(([k, v]) => (own?.[k] ?? defaults?.[k]) === v);
          const drBucketAddress = Object.entries(json.resource?.aws_s3_bucket ?? {}).find(([, b]) => b.bucket === drBucket)?.[0];
          const origins = (c.origin ?? []) as { origin_id: string; domain_name: string }[];
          const drOrigin = origins.find(o => drBucketAddress && o.domain_name.includes(`aws_s3_bucket.${drBucketAddress}.bucket_regional_domain_name`));
          const groups = (c.origin_group ?? []) as { member: { origin_id: string }[] }[];
          return tagged && Boolean(drOrigin) && groups.some(g => g.member.some(m => m.origin_id === drOrigin!.origin_id));
        },
      });
    }
  }
  return needs;
}

function siteOf(config: Record<string, unknown>): Site {
  return config.provider === 'aws.dr' ? 'dr' : 'primary';
}

/** Needs that no resource of the synthesized stack satisfies, as readable lines. */
function unmet(needs: Need[], json: TerraformJson): string[] {
  return needs
    .filter(n => {
      const candidates = Object.values(json.resource?.[n.type] ?? {});
      return !candidates.some(c => (n.site === 'global' || siteOf(c) === n.site) && n.matches(c, json));
    })
    .map(n => `${n.runbook}: ${n.what} (${n.type} in the ${n.site} region)`);
}

const DNS = { hostedZoneId: 'Z0STUDIO123', zoneName: 'video.example.com' };

function build(tier: Tier, extra: Record<string, unknown> = {}) {
  const spec = { name: `${tier}-c`, tier, region: 'us-east-1', drRegion: 'us-west-2', accountId: '123456789012', dns: DNS, ...extra };
  const result = synthesize(spec);
  // The same resolved spec the synthesize action builds its catalog-info.yaml from.
  const entities = catalogEntities(resolveSpec(parseSpec(spec)));
  return { json: result.stacks[`${tier}-c`], entities, needs: runbookNeeds(entities) };
}

describe('template <-> runbook contract', () => {
  const built = {} as Record<Tier, ReturnType<typeof build>>;
  beforeAll(() => {
    for (const tier of TIERS) built[tier] = build(tier);
    // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
  }, 120_000);

  it.each(TIERS)('%s: every resource an applicable runbook reads or changes is in the Terraform', tier => {
    const { json, needs } = built[tier];
    expect(unmet(needs, json)).toEqual([]);
  });

  it('region failover, Route 53 failover and replica promotion apply to prod only', () => {
    const runbooks = (tier: Tier) => [...new Set(built[tier].needs.map(n => n.runbook))].sort();
    const everywhere = ['dlq-redrive', 'ecs-rollback', 'elasticache-failover', 'rds-multi-az-failover'];
    expect(runbooks('dev')).toEqual(everywhere);
    expect(runbooks('staging')).toEqual(everywhere);
    expect(runbooks('prod')).toEqual([...everywhere, 'promote-read-replica', 'region-failover', 'route53-failover'].sort());
    // 2 DR ECS services + cluster twice, 1 GPU group, replica, 2 records, ALB, bucket, CloudFront.
    expect(built.prod.needs.filter(n => n.runbook === 'region-failover')).toHaveLength(11);
  });

  it('names the missing resource when the Terraform lacks one a runbook needs', () => {
    const { json, needs } = built.prod;
    const broken = JSON.parse(JSON.stringify(json)) as TerraformJson;
    const groups = broken.resource!.aws_autoscaling_group;
    const drGroup = Object.keys(groups).find(k => groups[k].provider === 'aws.dr')!;
    delete groups[drGroup];
    const records = broken.resource!.aws_route53_record;
    const secondary = Object.keys(records).find(k => (records[k].failover_routing_policy as { type: string }).type === 'SECONDARY')!;
    delete records[secondary].health_check_id;
    expect(unmet(needs, broken)).toEqual([
      'route53-failover: SECONDARY failover record prod-c.video.example.com with a health check (aws_route53_record in the global region)',
      'region-failover: scale GPU group prod-c-gpu-workers up (aws_autoscaling_group in the dr region)',
      'region-failover: SECONDARY failover record prod-c.video.example.com with a health check (aws_route53_record in the global region)',
    ]);
  });

  it('without a hosted zone, prod publishes no failover record for the runbooks to flip', () => {
    const { entities, needs } = build('prod', { dns: undefined });
    const env = ofType(entities, 'environment')[0];
    expect(ann(env, A.route53Record)).toBeUndefined();
    expect(needs.some(n => n.runbook === 'route53-failover')).toBe(false);
  }, 60_000);

  it('a GPU pool added to prod later is one more group the region failover scales: it exists in both regions', () => {
    const spec = { kind: 'gpu-worker-pool', name: 'render', environment: 'prod-c', queueName: 'processing', tier: 'prod', region: 'us-east-1', accountId: '123456789012' };
    const pool = catalogEntities(resolveSpec(parseSpec(spec)));
    // The environment's own entities plus the pool: what the backend inventory would hold.
    const needs = runbookNeeds([...built.prod.entities, ...pool]).filter(n => n.what === 'scale GPU group prod-c-render up');
    expect(needs).toHaveLength(1);
    const json = synthesize(spec).stacks['prod-c-gpu-render'];
    expect(unmet(needs, json)).toEqual([]);
    expect(unmet(needs, built.prod.json)).toEqual(['region-failover: scale GPU group prod-c-render up (aws_autoscaling_group in the dr region)']);
  }, 60_000);
});
