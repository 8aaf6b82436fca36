import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { createMockDirectory, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import git from 'isomorphic-git';
import nodeFs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createCheckAction } from './check';
import { createEstimateAction } from './estimate';
import { createPublishLocalGitAction } from './publish-local-git';
import { createSynthesizeAction } from './synthesize';

const spec = {
  kind: 'environment',
  name: 'studio-prod',
  tier: 'prod',
  region: 'us-east-1',
  accountId: '123456789012',
  dns: { hostedZoneId: 'Z0STUDIO1', zoneName: 'video.example.com', recordName: '' },
  // What a template form sends for fields the user left empty.
  network: { vpcCidr: '' },
  alarmEmail: null,
};

describe('platform-ops scaffolder actions', () => {
  const workspace = createMockDirectory();
  const publishRoot = createMockDirectory();
  let stacksOutput: unknown;
  let entityRefsOutput: unknown;

  // One synthesized workspace shared by the check / estimate / publish tests.
  beforeAll(async () => {
    workspace.clear();
    const ctx = createMockActionContext({
      input: { spec, targetPath: 'terraform', catalogInfoPath: 'catalog-info.yaml' },
      workspacePath: workspace.path,
    });
    await createSynthesizeAction({ permissions: mockServices.permissions() }).handler(ctx);
    stacksOutput = (ctx.output as jest.Mock).mock.calls.find(([name]) => name === 'stacks')?.[1];
    entityRefsOutput = (ctx.output as jest.Mock).mock.calls.find(([name]) => name === 'entityRefs')?.[1];
    // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
  }, 60_000);

  it('synthesize writes the Terraform and the catalog entities', async () => {
    expect(stacksOutput).toEqual(['studio-prod', 'studio-prod-state']);
    const tf = JSON.parse(await fs.readFile(join(workspace.path, 'terraform/studio-prod/cdk.tf.json'), 'utf8'));
    expect(Object.keys(tf.resource)).toContain('aws_autoscaling_group');
    const docs = parseAllDocuments(await fs.readFile(join(workspace.path, 'catalog-info.yaml'), 'utf8')).map(d => d.toJS());
    expect(docs.map(d => `${d.kind}:${d.spec.type}`)).toEqual([
      'Resource:environment',
      'Resource:gpu-fleet',
      'Resource:queue',
      'Resource:database',
      'Resource:cache',
      'Resource:bucket',
      'Component:service',
      'Component:service',
    ]);
    expect(entityRefsOutput).toEqual([
      'resource:default/studio-prod',
      'resource:default/studio-prod-gpu-fleet',
      'resource:default/studio-prod-processing-queue',
      'resource:default/studio-prod-postgres',
      'resource:default/studio-prod-redis',
      'resource:default/studio-prod-assets-bucket',
      'component:default/studio-prod-api',
      'component:default/studio-prod-worker',
    ]);
    expect(docs[0].metadata.annotations).toMatchObject({
      'platform-ops.io/dr-region': 'us-west-2',
      'platform-ops.io/route53-record': 'Z0STUDIO1/studio-prod.video.example.com',
      'platform-ops.io/route53-health-checks': 'studio-prod-primary-us-east-1,studio-prod-dr-us-west-2',
      'platform-ops.io/route53-set-identifiers': 'primary-us-east-1,secondary-us-west-2',
      'platform-ops.io/cloudfront-distribution-tags': 'platform-ops:environment=studio-prod,platform-ops:role=cdn',
    });
    // The distribution id is assigned at apply: no placeholder the runbook would call AWS with.
    expect(docs[0].metadata.annotations['platform-ops.io/cloudfront-distribution-id']).toBeUndefined();
    expect(docs[3].metadata.annotations['platform-ops.io/db-replica-id']).toBe('studio-prod-postgres-dr');
    expect(docs[5].metadata.annotations['platform-ops.io/dr-bucket-name']).toBe('studio-prod-assets-123456789012-usw2');
    expect(docs[6]).toMatchObject({
      metadata: {
        name: 'studio-prod-api',
        annotations: {
          'platform-ops.io/environment': 'studio-prod',
          'platform-ops.io/ecs-service': 'studio-prod-cluster/studio-prod-api',
          'platform-ops.io/dr-ecs-service': 'studio-prod-cluster/studio-prod-api',
          'platform-ops.io/health-url': 'http://studio-prod.video.example.com/health',
        },
      },
      spec: { type: 'service', lifecycle: 'production', dependsOn: ['resource:studio-prod'] },
    });
    expect(docs[7].metadata.annotations['platform-ops.io/health-url']).toBeUndefined();
    const fleet = docs.find(d => d.spec.type === 'gpu-fleet');
    expect(fleet.metadata.annotations).toMatchObject({
      'platform-ops.io/aws-account-id': '123456789012',
      'platform-ops.io/aws-region': 'us-east-1',
      'platform-ops.io/environment': 'studio-prod',
      'platform-ops.io/asg-name': 'studio-prod-gpu-workers',
      'platform-ops.io/dr-asg-name': 'studio-prod-gpu-workers',
      'platform-ops.io/drains-queue': 'studio-prod-processing-queue',
    });
    expect(docs[3].metadata.annotations['platform-ops.io/db-instance-id']).toBe('studio-prod-postgres');
  });

  it('synthesize refuses an invalid spec with every problem and writes nothing', async () => {
    const empty = createMockDirectory();
    const ctx = createMockActionContext({
      input: { spec: { name: 'x-1', tier: 'qa', region: 'atlantis-1', gpu: { min: 4, max: 1 } }, targetPath: 'terraform', catalogInfoPath: 'catalog-info.yaml' },
      workspacePath: empty.path,
    });
    await expect(createSynthesizeAction({ permissions: mockServices.permissions() }).handler(ctx)).rejects.toThrow(
      /tier: must be one of[\s\S]*region: is not an AWS region[\s\S]*gpu: min \(4\) is greater than max \(1\)/,
    );
    expect(empty.content()).toEqual({});
  });

  it('synthesize refuses a user the policy does not allow to create environments, and writes nothing', async () => {
    const empty = createMockDirectory();
    const ctx = createMockActionContext({
      input: { spec, targetPath: 'terraform', catalogInfoPath: 'catalog-info.yaml' },
      workspacePath: empty.path,
    });
    const permissions = mockServices.permissions.mock({
      authorize: async () => [{ result: AuthorizeResult.DENY }],
    });
    await expect(createSynthesizeAction({ permissions }).handler(ctx)).rejects.toThrow(
      'You may not create Platform Ops environments: the permission policy denies platform-ops.environment.create',
    );
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: expect.objectContaining({ name: 'platform-ops.environment.create' }) }],
      { credentials: expect.anything() },
    );
    expect(empty.content()).toEqual({});
  });

  it('check reports zero findings for the prod workspace', async () => {
    const ctx = createMockActionContext({ input: { targetPath: 'terraform', failOn: 'high' as const }, workspacePath: workspace.path });
    await createCheckAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('passed', true);
    expect(ctx.output).toHaveBeenCalledWith('findings', []);
    expect(ctx.output).toHaveBeenCalledWith('summary', expect.stringContaining('**Policy: passed**'));
  });

  it('check fails the step on findings at or above failOn', async () => {
    const bad = createMockDirectory();
    const tfPath = join(workspace.path, 'terraform/studio-prod/cdk.tf.json');
    const tf = JSON.parse(await fs.readFile(tfPath, 'utf8'));
    for (const db of Object.values(tf.resource.aws_db_instance) as Record<string, unknown>[]) db.publicly_accessible = true;
    bad.setContent({ 'terraform/studio-prod/cdk.tf.json': JSON.stringify(tf) });
    const ctx = createMockActionContext({ input: { targetPath: 'terraform', failOn: 'critical' as const }, workspacePath: bad.path });
    await expect(createCheckAction().handler(ctx)).rejects.toThrow(/rds-not-public/);
    expect(ctx.output).toHaveBeenCalledWith('passed', false);
  });

  it('check fails a sandbox spec with 50 GPU workers on the tier limits, unless config raises them', async () => {
    const sandbox = { kind: 'environment', name: 'sandbox-9', tier: 'sandbox', region: 'us-east-1', gpu: { max: 50 } };
    const ctx = createMockActionContext({ input: { targetPath: 'terraform', spec: sandbox, failOn: 'high' as const }, workspacePath: workspace.path });
    await expect(createCheckAction().handler(ctx)).rejects.toThrow(
      /gpu-fleet-within-tier-limits[\s\S]*raise platformOps\.guardrails\.environments\.sandbox-9\.maxGpuInstances/,
    );
    expect(ctx.output).toHaveBeenCalledWith('passed', false);

    const raised = createMockActionContext({ input: { targetPath: 'terraform', spec: sandbox, failOn: 'high' as const }, workspacePath: workspace.path });
    const config = mockServices.rootConfig({
      data: { platformOps: { guardrails: { environments: { 'sandbox-9': { maxGpuInstances: 50, maxHourlyUsd: 30 } } } } },
    });
    await createCheckAction({ config }).handler(raised);
    expect(raised.output).toHaveBeenCalledWith('passed', true);
  }, 60_000);

  it('estimate outputs the total and its assumptions', async () => {
    const ctx = createMockActionContext({ input: { targetPath: 'terraform' }, workspacePath: workspace.path });
    await createEstimateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('totalMonthlyUsd', expect.any(Number));
    expect(ctx.output).toHaveBeenCalledWith('assumptions', expect.arrayContaining([expect.stringContaining('730 hours')]));
    expect(ctx.output).toHaveBeenCalledWith('summary', expect.stringContaining('Estimated monthly cost'));
  });

  it('estimate can synthesize a spec in memory', async () => {
    const ctx = createMockActionContext({
      input: { targetPath: 'terraform', spec: { name: 'dev-9', tier: 'dev', region: 'eu-west-1' } },
      workspacePath: createMockDirectory().path,
    });
    await createEstimateAction().handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('totalMonthlyUsd', expect.any(Number));
  });

  it('publish:local-git commits the workspace into the configured directory', async () => {
    publishRoot.clear();
    const config = mockServices.rootConfig({ data: { platformOps: { scaffolder: { localPublishDir: publishRoot.path } } } });
    const action = createPublishLocalGitAction({ config });
    const ctx = createMockActionContext({
      input: { repoName: 'studio-prod', sourcePath: '.', commitMessage: 'Add prod' },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    const repoPath = join(publishRoot.path, 'studio-prod');
    expect(ctx.output).toHaveBeenCalledWith('repoPath', repoPath);
    const log = await git.log({ fs: nodeFs, dir: repoPath });
    expect(log).toHaveLength(1);
    expect(log[0].commit.message).toContain('Add prod');
    const files = await git.listFiles({ fs: nodeFs, dir: repoPath });
    expect(files).toEqual(expect.arrayContaining(['catalog-info.yaml', 'terraform/studio-prod/cdk.tf.json']));

    // A second run is a second commit on the same repository.
    await action.handler(createMockActionContext({ input: { repoName: 'studio-prod', sourcePath: 'terraform', commitMessage: 'Only tf' }, workspacePath: workspace.path }));
    expect(await git.log({ fs: nodeFs, dir: repoPath })).toHaveLength(2);
    expect(await git.listFiles({ fs: nodeFs, dir: repoPath })).not.toContain('catalog-info.yaml');
  });

  it('publish:local-git writes nothing in dry-run', async () => {
    publishRoot.clear();
    const config = mockServices.rootConfig({ data: { platformOps: { scaffolder: { localPublishDir: publishRoot.path } } } });
    // createMockActionContext does not pass isDryRun through, so set it on the context.
    const ctx = {
      ...createMockActionContext({
        input: { repoName: 'studio-prod', sourcePath: '.', commitMessage: 'x' },
        workspacePath: workspace.path,
      }),
      isDryRun: true,
    };
    await createPublishLocalGitAction({ config }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('commitSha', 'dry-run');
    expect(publishRoot.content()).toEqual({});
  });

});
