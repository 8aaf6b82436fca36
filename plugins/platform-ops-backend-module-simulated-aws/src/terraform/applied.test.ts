import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformOpsPlugin from '@platformops/plugin-platform-ops-backend';
import { catalogEntitiesFromFile, exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import { join } from 'node:path';
import request from 'supertest';
import simulatedAws from '../index';

jest.setTimeout(60_000);

/*
 * The environment template's prod example as published (cdktf/examples/synthesized/studio-prod:
 * its synthesized Terraform and its catalog-info.yaml), next to the example catalog. The
 * simulated account applies the Terraform; the region failover then runs on it.
 */
const synthesized = resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', '../../cdktf/examples/synthesized');

function publishedEntities(name: string) {
  return catalogEntitiesFromFile(join(synthesized, name, 'catalog-info.yaml'));
}

async function start() {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAws,
      catalogServiceMock.factory({ entities: [...exampleCatalogEntities(), ...publishedEntities('studio-prod')] }),
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
    const groups = (state.body.autoScalingGroups as GroupState[]).filter(g => g.accountId === '123456789012');
    const byRegion = (a: GroupState, b: GroupState) => a.region.localeCompare(b.region);
    expect(groups.sort(byRegion).map(g => [g.name, g.region, g.min, g.max, g.desired])).toEqual([
      ['studio-prod-gpu-workers', 'us-east-1', 2, 20, 2],
      ['studio-prod-gpu-workers', 'us-west-2', 0, 20, 0],
    ]);
    expect(state.body.queues.filter((q: { accountId: string }) => q.accountId === '123456789012')).toHaveLength(4);
    // The example catalog's environments have no Terraform: the seeding rules still apply to them.
    expect(state.body.autoScalingGroups.map((g: GroupState) => g.name)).toContain('prod-gpu-workers');
    const applied = state.body.terraform.find((t: { environment: string }) => t.environment === 'studio-prod');
    expect(applied.notSimulated).toMatchObject({ aws_vpc: 2, aws_subnet: 15, aws_iam_role: 10, aws_dynamodb_table: 1 });

    const entityRef = 'resource:default/studio-prod';
    const preview = await request(server)
      .post('/api/platform-ops/runbooks/region-failover/preview')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill' });
    expect(preview.status).toBe(200);
    const checks = Object.fromEntries(preview.body.preflight.map((c: { id: string; status: string; detail: string }) => [c.id, c]));
    expect(checks['dr-asg-studio-prod-gpu-fleet']).toMatchObject({ status: 'pass' });
    expect(checks['dr-asg-studio-prod-gpu-fleet'].detail).not.toContain('by convention');
    expect(checks['dr-alb']).toMatchObject({ status: 'pass' });

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
    expect(stepIds).toEqual(expect.arrayContaining(['promote-replica', 'scale-studio-prod-api', 'scale-studio-prod-gpu-fleet', 'route53-to-dr']));
    // Simulated minutes: the replica promotion alone takes 3-6.
    expect(execution.elapsedSeconds).toBeGreaterThanOrEqual(180);

    const after = await request(server).get('/api/platform-ops/simulator/state').set('Authorization', auth);
    const dr = (after.body.autoScalingGroups as GroupState[]).find(g => g.accountId === '123456789012' && g.region === 'us-west-2')!;
    expect(dr.desired).toBeGreaterThan(0);
    expect(dr.inService).toBe(dr.desired);
  });
});
