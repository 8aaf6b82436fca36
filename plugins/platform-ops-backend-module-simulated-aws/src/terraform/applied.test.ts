import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformOpsPlugin from '@platformops/plugin-platform-ops-backend';
import { exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import request from 'supertest';
import simulatedAws from '../index';

jest.setTimeout(60_000);

/*
 * The example catalog with the synthesized Terraform of its environments
 * (cdktf/examples/synthesized/<name>: what the environment template makes of
 * cdktf/examples/<tier>.yaml), as the embedded default configures it. The simulated account
 * applies the Terraform; the region failover then runs on it.
 */
const synthesized = resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', '../../cdktf/examples/synthesized');

async function start() {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAws,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({
        data: {
          platformOps: {
            aws: { mode: 'simulated', simulation: { speed: 600, backfillHours: 0, terraformDirs: [synthesized] } },
            runbooks: { pollIntervalSeconds: 0.05 },
          },
        },
      }),
    ],
  });
  return server;
}

const auth = mockCredentials.user.header('user:default/ana-platform');

interface GroupState {
  name: string;
  accountId: string;
  region: string;
  min: number;
  max: number;
  desired: number;
  inService: number;
}

describe('an environment applied from its synthesized Terraform', () => {
  it('holds what the Terraform declares, in its regions, lists what it does not simulate, and fails over to its DR region', async () => {
    const server = await start();
    const state = await request(server).get('/api/platform-ops/simulator/state').set('Authorization', auth);
    expect(state.status).toBe(200);
    const groups = (state.body.autoScalingGroups as GroupState[]).filter(g => g.accountId === '410987654321');
    const byRegion = (a: GroupState, b: GroupState) => a.region.localeCompare(b.region);
    expect(groups.sort(byRegion).map(g => [g.name, g.region, g.min, g.max, g.desired])).toEqual([
      ['prod-gpu-workers', 'us-east-1', 2, 20, 2],
      ['prod-gpu-workers', 'us-west-2', 0, 20, 0],
    ]);
    expect(
      state.body.queues
        .filter((q: { accountId: string }) => q.accountId === '410987654321')
        .map((q: { name: string; region: string }) => `${q.name}@${q.region}`)
        .sort(),
    ).toEqual(['prod-video-jobs-dlq@us-east-1', 'prod-video-jobs-dlq@us-west-2', 'prod-video-jobs@us-east-1', 'prod-video-jobs@us-west-2']);
    // Every environment of the example catalog is applied from its Terraform: none is seeded by rules.
    expect(state.body.terraform.map((t: { environment: string }) => t.environment).sort()).toEqual(['dev', 'prod', 'staging']);
    expect(state.body.seededByRules).toEqual([]);
    const applied = state.body.terraform.find((t: { environment: string }) => t.environment === 'prod');
    expect(applied.notSimulated).toMatchObject({ aws_vpc: 2, aws_subnet: 15, aws_iam_role: 10, aws_dynamodb_table: 1 });

    const entityRef = 'resource:default/prod';
    const preview = await request(server)
      .post('/api/platform-ops/runbooks/region-failover/preview')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill' });
    expect(preview.status).toBe(200);
    const checks = Object.fromEntries(preview.body.preflight.map((c: { id: string; status: string; detail: string }) => [c.id, c]));
    expect(checks['dr-asg-prod-gpu-fleet']).toMatchObject({ status: 'pass' });
    expect(checks['dr-asg-prod-gpu-fleet'].detail).not.toContain('by convention');
    expect(checks['dr-alb']).toMatchObject({ status: 'pass' });
    // CloudFront gave the distribution its id at apply: the catalog names it by its tags.
    expect(checks.cloudfront).toMatchObject({ status: 'pass' });
    const distributionId = /^(E[A-Z0-9]{13}), found by its tags platform-ops:environment=prod, platform-ops:role=cdn$/.exec(checks.cloudfront.detail)?.[1];
    expect(distributionId).toBeDefined();

    const started = await request(server)
      .post('/api/platform-ops/runbooks/region-failover/executions')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill', reason: 'game day: region failover of the new environment' });
    expect(started.status).toBe(201);
    const id = started.body.execution.id;
    let execution = started.body.execution;
    for (let i = 0; i < 600 && ['queued', 'running'].includes(execution.status); i++) {
      await new Promise(r => setTimeout(r, 50));
      execution = (await request(server).get(`/api/platform-ops/runbooks/executions/${id}`).set('Authorization', auth)).body;
    }
    expect(execution.status).toBe('succeeded');
    const stepIds = execution.steps.map((s: { stepId?: string; id?: string }) => s.stepId ?? s.id);
    expect(stepIds).toEqual(expect.arrayContaining(['promote-replica', 'scale-video-api', 'scale-prod-gpu-fleet', 'route53-to-dr', 'cloudfront-to-dr', 'cloudfront-deployed']));
    const cloudFront = execution.steps.find((s: { stepId: string }) => s.stepId === 'cloudfront-to-dr');
    expect(cloudFront).toMatchObject({ status: 'succeeded', title: `CloudFront ${distributionId}: origin to prod-assets-410987654321-usw2` });
    // Simulated minutes: the replica promotion alone takes 3-6.
    expect(execution.elapsedSeconds).toBeGreaterThanOrEqual(180);

    const after = await request(server).get('/api/platform-ops/simulator/state').set('Authorization', auth);
    const dr = (after.body.autoScalingGroups as GroupState[]).find(g => g.accountId === '410987654321' && g.region === 'us-west-2')!;
    expect(dr.desired).toBeGreaterThan(0);
    expect(dr.inService).toBe(dr.desired);
  });
});
