import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { parse } from 'yaml';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import platformOpsModule from './index';

const templatesDir = resolve(__dirname, '../../../templates');

/** What the template editor sends: every file of the template directory, base64. */
function directoryContents(dir: string) {
  const out: { path: string; base64Content: string }[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(dir, full), base64Content: readFileSync(full).toString('base64') });
    }
  };
  walk(dir);
  return out;
}

interface DryRunResponse {
  directoryContents: { path: string; base64Content: string }[];
  output: { text?: { title: string; content: string }[] };
  steps: { id: string }[];
}

describe('templates through the scaffolder dry-run', () => {
  // One backend for all templates: starting it is the slow part.
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        platformOpsModule,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: { platformOps: { scaffolder: { localPublishDir: '/nonexistent/never-written-in-dry-run' } } },
        }),
      ],
    }));
  }, 120_000);

  const post = (template: string, values: Record<string, unknown>) => {
    const dir = join(templatesDir, template);
    return request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: parse(readFileSync(join(dir, 'template.yaml'), 'utf8')),
        values,
        directoryContents: directoryContents(dir),
      });
  };
  const dryRun = async (template: string, values: Record<string, unknown>) => {
    const res = await post(template, values);
    if (res.status !== 200) throw new Error(`dry-run ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body as DryRunResponse;
  };

  it('new-environment shows the synthesized Terraform, policy and cost', async () => {
    const result = await dryRun('new-environment', {
      name: 'studio-dev',
      tier: 'dev',
      region: 'us-east-1',
      accountId: '210987654321',
      drRegion: 'us-west-2',
      owner: 'group:default/platform-team',
      system: 'video-platform',
      publishTarget: 'local-git',
    });
    const paths = result.directoryContents.map(f => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'environments/studio-dev/README.md',
        'environments/studio-dev/catalog-info.yaml',
        'environments/studio-dev/terraform/studio-dev/cdk.tf.json',
        'environments/studio-dev/terraform/studio-dev-state/cdk.tf.json',
      ]),
    );
    const tf = JSON.parse(
      Buffer.from(
        result.directoryContents.find(f => f.path === 'environments/studio-dev/terraform/studio-dev/cdk.tf.json')!.base64Content,
        'base64',
      ).toString('utf8'),
    );
    expect(Object.keys(tf.resource.aws_nat_gateway)).toHaveLength(1);
    const text = Object.fromEntries((result.output.text ?? []).map(t => [t.title, t.content]));
    expect(text.Policy).toContain('**Policy: passed**');
    expect(text['Monthly cost estimate']).toContain('Estimated monthly cost');
    expect(text['Published to']).toContain('commit `dry-run`');
  }, 120_000);

  it('new-environment prod needs a hosted zone and publishes the failover path the runbooks use', async () => {
    const values = {
      name: 'studio-prod',
      tier: 'prod',
      region: 'us-east-1',
      accountId: '210987654321',
      drRegion: 'us-west-2',
      publishTarget: 'local-git',
    };
    const missing = await post('new-environment', values);
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('hostedZoneId');

    const result = await dryRun('new-environment', { ...values, hostedZoneId: 'Z0STUDIO1', zoneName: 'video.example.com' });
    const file = (path: string) =>
      Buffer.from(result.directoryContents.find(f => f.path === path)!.base64Content, 'base64').toString('utf8');
    const tf = JSON.parse(file('environments/studio-prod/terraform/studio-prod/cdk.tf.json'));
    expect(Object.values(tf.resource.aws_route53_record).map(r => (r as { set_identifier: string }).set_identifier)).toEqual([
      'primary-us-east-1',
      'secondary-us-west-2',
    ]);
    expect(Object.values(tf.resource.aws_autoscaling_group).filter(g => (g as { provider?: string }).provider === 'aws.dr')).toHaveLength(1);
    const catalog = file('environments/studio-prod/catalog-info.yaml');
    expect(catalog).toContain("platform-ops.io/route53-record: Z0STUDIO1/studio-prod.video.example.com");
    expect(catalog).toContain('platform-ops.io/dr-ecs-service: studio-prod-cluster/studio-prod-api');
    const text = Object.fromEntries((result.output.text ?? []).map(t => [t.title, t.content]));
    expect(text.Policy).toContain('**Policy: passed**');
  }, 120_000);

  it('new-environment needs the AWS account the environment lives in', async () => {
    const res = await post('new-environment', {
      name: 'studio-nowhere',
      tier: 'dev',
      region: 'us-east-1',
      publishTarget: 'local-git',
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('accountId');
  }, 120_000);

  it('new-environment refuses an invalid spec with every problem listed', async () => {
    const res = await post('new-environment', {
      name: 'studio-bad',
      tier: 'dev',
      region: 'us-east-1',
      accountId: '210987654321',
      drRegion: 'us-east-1',
      vpcCidr: '10.0.0.0/12',
      gpuMin: 3,
      gpuMax: 1,
      publishTarget: 'local-git',
    });
    // The synthesize step's InputError fails the dry run as a 400 carrying all three problems.
    expect(res.status).toBe(400);
    expect(res.body.error.message.split('\n')).toEqual([
      'The environment spec is invalid:',
      '- drRegion: must differ from region',
      '- gpu: min (3) is greater than max (1)',
      '- network.vpcCidr: must be a /16 to /22 block (the subnet layout needs 24 subnets)',
    ]);
  }, 120_000);

  it('new-gpu-worker-pool and new-queue synthesize against an existing environment', async () => {
    const pool = await dryRun('new-gpu-worker-pool', {
      name: 'render',
      environment: 'prod',
      tier: 'prod',
      region: 'us-east-1',
      queueName: 'processing',
      publishTarget: 'local-git',
    });
    expect(pool.directoryContents.map(f => f.path)).toContain('environments/prod/gpu-pools/render/terraform/prod-gpu-render/cdk.tf.json');
    const queue = await dryRun('new-queue', {
      name: 'thumbnails',
      environment: 'prod',
      tier: 'prod',
      region: 'us-east-1',
      publishTarget: 'local-git',
    });
    expect(queue.directoryContents.map(f => f.path)).toContain('environments/prod/queues/thumbnails/catalog-info.yaml');
  }, 120_000);
});
