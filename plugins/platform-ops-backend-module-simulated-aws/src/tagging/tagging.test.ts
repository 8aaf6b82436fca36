import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildInventory, exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import { ManualClock } from '../ServiceModel';
import { SimulatedAccount } from '../SimulatedAccount';
import { PROD, STAGING, errorOf, testAccount } from '../testUtils/testAccount';
import { withExtraEnvironments } from './extraEnvironments';

type Mapping = { ResourceARN: string; Tags: Array<{ Key: string; Value: string }> };
type Page = { PaginationToken: string; ResourceTagMappingList: Mapping[] };

const arns = (page: Page) => page.ResourceTagMappingList.map(m => m.ResourceARN);

describe('simulated Resource Groups Tagging API (GetResources)', () => {
  it('lists the account and region\'s resources with ARNs in each service\'s format and their tags', async () => {
    const { call } = testAccount();
    const page = await call<Page>('resourceGroupsTagging', 'GetResources', {}, PROD);
    expect(page.PaginationToken).toBe('');
    expect(arns(page)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^arn:aws:autoscaling:us-east-1:410987654321:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/prod-gpu-workers$/),
        'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs',
        'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq',
        'arn:aws:rds:us-east-1:410987654321:db:prod-postgres',
        'arn:aws:elasticache:us-east-1:410987654321:replicationgroup:prod-redis',
        'arn:aws:s3:::prod-assets-410987654321',
        'arn:aws:ecs:us-east-1:410987654321:service/prod-cluster/prod-api',
      ]),
    );
    // The cross-region replica is listed in its own region, not here.
    expect(arns(page).some(a => a.includes('prod-postgres-replica'))).toBe(false);
    const west = await call<Page>('resourceGroupsTagging', 'GetResources', {}, { ...PROD, region: 'us-west-2' });
    expect(arns(west)).toEqual(['arn:aws:rds:us-west-2:410987654321:db:prod-postgres-dr']);
    expect(west.ResourceTagMappingList[0].Tags).toContainEqual({ Key: 'platform-ops:role', Value: 'database-replica' });
    const fleet = page.ResourceTagMappingList.find(m => m.ResourceARN.includes('autoScalingGroup'))!;
    expect(fleet.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'environment', Value: 'prod' },
        { Key: 'platform-ops:environment', Value: 'prod' },
        { Key: 'platform-ops:tier', Value: 'prod' },
        { Key: 'platform-ops:owner', Value: 'platform-team' },
        { Key: 'platform-ops:role', Value: 'gpu-fleet' },
        { Key: 'platform-ops:drains-queue', Value: 'prod-video-jobs' },
      ]),
    );
    expect(arns(await call<Page>('resourceGroupsTagging', 'GetResources', {}, STAGING))).not.toContain(
      'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs',
    );
  });

  it('gives a queue applied from Terraform the DLQ tag its Terraform declares, and none to a queue without Terraform', async () => {
    const sqsOf = async (account: ReturnType<typeof testAccount>) => {
      const page = await account.call<Page>('resourceGroupsTagging', 'GetResources', { ResourceTypeFilters: ['sqs'] }, PROD);
      return Object.fromEntries(page.ResourceTagMappingList.map(m => [m.ResourceARN.split(':').pop(), m.Tags.find(t => t.Key === 'platform-ops:dlq-name')?.Value ?? null]));
    };
    const synthesized = join(__dirname, '../../../../cdktf/examples/synthesized');
    // The tag comes from the file (cdktf's JobQueue writes it on the main queue only).
    const prodTerraform = readFileSync(join(synthesized, 'prod/prod.tf.json'), 'utf8');
    expect(prodTerraform).toContain('"platform-ops:dlq-name": "prod-video-jobs-dlq"');
    expect(await sqsOf(testAccount({ terraformDirs: [synthesized] }))).toEqual({
      'prod-video-jobs': 'prod-video-jobs-dlq',
      'prod-video-jobs-dlq': null,
    });
    // The example catalog without its Terraform: queues made by hand, no DLQ tag.
    expect(await sqsOf(testAccount())).toEqual({ 'prod-video-jobs': null, 'prod-video-jobs-dlq': null });
  });

  it('gives a fleet applied from Terraform the drains-queue tag its Terraform declares, not the catalog\'s relation', async () => {
    const drainsOf = async (account: ReturnType<typeof testAccount>) => {
      const page = await account.call<Page>('resourceGroupsTagging', 'GetResources', { ResourceTypeFilters: ['autoscaling:autoScalingGroup'] }, PROD);
      return page.ResourceTagMappingList.map(m => [m.ResourceARN.split('/').pop(), m.Tags.find(t => t.Key === 'platform-ops:drains-queue')?.Value ?? null]);
    };
    const synthesized = join(__dirname, '../../../../cdktf/examples/synthesized');
    type Group = { name: string; provider?: string; tag: Array<{ key: string; value: string; propagate_at_launch: boolean }> };
    const prodTerraform = JSON.parse(readFileSync(join(synthesized, 'prod/prod.tf.json'), 'utf8')) as {
      resource: { aws_autoscaling_group: Record<string, Group> };
    };
    // The committed Terraform (cdktf's GpuFleet) tags the primary group with its queue.
    const primary = Object.values(prodTerraform.resource.aws_autoscaling_group).find(g => g.name === 'prod-gpu-workers' && !g.provider)!;
    expect(primary.tag).toContainEqual({ key: 'platform-ops:drains-queue', value: 'prod-video-jobs', propagate_at_launch: false });
    expect(await drainsOf(testAccount({ terraformDirs: [synthesized] }))).toEqual([['prod-gpu-workers', 'prod-video-jobs']]);

    // The same Terraform edited: the tag says what the Terraform says, or is absent with it.
    const root = mkdtempSync(join(tmpdir(), 'tagging-drains-'));
    try {
      const applyEdited = async (edit: (tags: Group['tag']) => Group['tag']) => {
        const edited = structuredClone(prodTerraform);
        for (const g of Object.values(edited.resource.aws_autoscaling_group)) g.tag = edit(g.tag);
        mkdirSync(join(root, 'prod'), { recursive: true });
        writeFileSync(join(root, 'prod/prod.tf.json'), JSON.stringify(edited));
        return drainsOf(testAccount({ terraformDirs: [root] }));
      };
      const renamed = (tags: Group['tag']) => tags.map(t => (t.key === 'platform-ops:drains-queue' ? { ...t, value: 'prod-renders' } : t));
      expect(await applyEdited(renamed)).toEqual([['prod-gpu-workers', 'prod-renders']]);
      const untagged = (tags: Group['tag']) => tags.filter(t => t.key !== 'platform-ops:drains-queue');
      expect(await applyEdited(untagged)).toEqual([['prod-gpu-workers', null]]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    // Without Terraform the catalog's relation tags the fleet (as the template would have).
    expect(await drainsOf(testAccount())).toEqual([['prod-gpu-workers', 'prod-video-jobs']]);
  });

  it('ANDs tag filters across keys and ORs the values of one key; a key without values matches any value', async () => {
    const { call } = testAccount();
    const get = (TagFilters: unknown) => call<Page>('resourceGroupsTagging', 'GetResources', { TagFilters }, PROD);
    const all = (await get([{ Key: 'environment' }])).ResourceTagMappingList.length;
    expect(all).toBeGreaterThanOrEqual(8);
    expect((await get([{ Key: 'environment', Values: ['prod', 'dev'] }])).ResourceTagMappingList).toHaveLength(all);
    expect((await get([{ Key: 'environment', Values: ['dev'] }])).ResourceTagMappingList).toHaveLength(0);
    expect(arns(await get([{ Key: 'environment', Values: ['prod'] }, { Key: 'platform-ops:drains-queue' }]))).toEqual([
      expect.stringContaining('autoScalingGroupName/prod-gpu-workers'),
    ]);
    expect((await get([{ Key: 'environment' }, { Key: 'no-such-key' }])).ResourceTagMappingList).toHaveLength(0);
  });

  it('filters by resource type as service or service:type, and refuses unknown services', async () => {
    const { call } = testAccount();
    const get = (ResourceTypeFilters: string[]) => call<Page>('resourceGroupsTagging', 'GetResources', { ResourceTypeFilters }, PROD);
    expect(arns(await get(['sqs']))).toEqual([
      'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs',
      'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq',
    ]);
    expect(arns(await get(['rds:db', 'elasticache:replicationgroup']))).toEqual([
      'arn:aws:elasticache:us-east-1:410987654321:replicationgroup:prod-redis',
      'arn:aws:rds:us-east-1:410987654321:db:prod-postgres',
    ]);
    expect(arns(await get(['rds:cluster']))).toEqual([]);
    const error = await errorOf(get(['kinesis:stream']));
    expect(error.name).toBe('InvalidParameterException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('pages with ResourcesPerPage (at most 100) and a PaginationToken that only continues its own request', async () => {
    const { call } = testAccount();
    const input = { TagFilters: [{ Key: 'environment' }], ResourcesPerPage: 3 };
    const seen: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await call<Page>('resourceGroupsTagging', 'GetResources', { ...input, ...(token ? { PaginationToken: token } : {}) }, PROD);
      expect(page.ResourceTagMappingList.length).toBeLessThanOrEqual(3);
      seen.push(...arns(page));
      token = page.PaginationToken;
      pages++;
    } while (token);
    const all = arns(await call<Page>('resourceGroupsTagging', 'GetResources', { TagFilters: input.TagFilters }, PROD));
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));

    const first = await call<Page>('resourceGroupsTagging', 'GetResources', input, PROD);
    const foreign = await errorOf(
      call('resourceGroupsTagging', 'GetResources', { ResourceTypeFilters: ['sqs'], PaginationToken: first.PaginationToken }, PROD),
    );
    expect(foreign.name).toBe('InvalidParameterException');
    for (const ResourcesPerPage of [0, 101]) {
      expect((await errorOf(call('resourceGroupsTagging', 'GetResources', { ResourcesPerPage }, PROD))).name).toBe('InvalidParameterException');
    }
    expect((await errorOf(call('resourceGroupsTagging', 'GetResources', { PaginationToken: 'garbage' }, PROD))).name).toBe(
      'InvalidParameterException',
    );
  });

  it('answers a ResourceARNList (unknown ARNs left out) and refuses it combined with filters', async () => {
    const { call } = testAccount();
    const page = await call<Page>(
      'resourceGroupsTagging',
      'GetResources',
      { ResourceARNList: ['arn:aws:sqs:us-east-1:410987654321:prod-video-jobs', 'arn:aws:sqs:us-east-1:410987654321:gone'] },
      PROD,
    );
    expect(arns(page)).toEqual(['arn:aws:sqs:us-east-1:410987654321:prod-video-jobs']);
    const error = await errorOf(
      call('resourceGroupsTagging', 'GetResources', { ResourceARNList: ['arn:aws:sqs:us-east-1:410987654321:x'], TagFilters: [{ Key: 'environment' }] }, PROD),
    );
    expect(error.name).toBe('InvalidParameterException');
  });

  it('holds the extra environments of the simulation config, tagged, with their queues and fleet simulated', async () => {
    const sandbox = { accountId: '510987654321', region: 'us-east-1' };
    const account = new SimulatedAccount({
      inventory: async () =>
        withExtraEnvironments(buildInventory(exampleCatalogEntities()), [
          { name: 'ml-sandbox', accountId: sandbox.accountId, region: sandbox.region, tier: 'sandbox', owner: 'video-team' },
        ]),
      clock: new ManualClock(),
      backfillHours: 1,
    });
    const page = (await account.handle({
      service: 'resourceGroupsTagging',
      operation: 'GetResources',
      input: { TagFilters: [{ Key: 'platform-ops:environment', Values: ['ml-sandbox'] }] },
      location: sandbox,
    })) as Page;
    expect(arns(page)).toEqual([
      expect.stringMatching(/autoScalingGroupName\/ml-sandbox-gpu-workers$/),
      'arn:aws:elasticache:us-east-1:510987654321:replicationgroup:ml-sandbox-redis',
      'arn:aws:rds:us-east-1:510987654321:db:ml-sandbox-postgres',
      'arn:aws:s3:::ai-video-media-ml-sandbox-510987654321',
      'arn:aws:sqs:us-east-1:510987654321:ml-sandbox-video-jobs',
      'arn:aws:sqs:us-east-1:510987654321:ml-sandbox-video-jobs-dlq',
    ]);
    const groups = (await account.handle({
      service: 'autoScaling',
      operation: 'DescribeAutoScalingGroups',
      input: { AutoScalingGroupNames: ['ml-sandbox-gpu-workers'] },
      location: sandbox,
    })) as { AutoScalingGroups: unknown[] };
    expect(groups.AutoScalingGroups).toHaveLength(1);
  });
});
