import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import simulatedAws from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { platformOpsPlugin } from '../plugin';
import { OWNER, ownersOnlyPermissions } from './__testUtils__/harness';

jest.setTimeout(60_000);

/**
 * The product as shipped: the embedded simulated account, the worker loop started by the
 * plugin, the engine on the simulator's clock (accelerated here so the 60-120 s failover
 * takes a fraction of a second). An owner runs the RDS failover and watches it complete.
 */
describe('RDS failover against the simulated account, through the plugin and its worker', () => {
  it('completes, and the database primary moved to the other AZ', async () => {
    const { server } = await startTestBackend({
      features: [
        platformOpsPlugin,
        simulatedAws,
        ownersOnlyPermissions().factory,
        catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
        mockServices.rootConfig.factory({
          data: {
            platformOps: {
              aws: { mode: 'simulated', simulation: { speed: 600, backfillHours: 0 } },
              runbooks: { pollIntervalSeconds: 0.05 },
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header(OWNER);
    const entityRef = 'resource:default/prod-postgres';

    const before = await request(server)
      .post('/api/platform-ops/runbooks/rds-multi-az-failover/preview')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill' });
    expect(before.status).toBe(200);
    const multiAz = before.body.preflight.find((c: { id: string }) => c.id === 'multi-az');
    expect(multiAz.status).toBe('pass');
    const azBefore = /primary in (\S+),/.exec(multiAz.detail)![1];

    const started = await request(server)
      .post('/api/platform-ops/runbooks/rds-multi-az-failover/executions')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill', reason: 'game day: Multi-AZ failover' });
    expect(started.status).toBe(201);
    const id = started.body.execution.id;

    let execution = started.body.execution;
    for (let i = 0; i < 200 && ['queued', 'running'].includes(execution.status); i++) {
      await new Promise(r => setTimeout(r, 50));
      execution = (await request(server).get(`/api/platform-ops/runbooks/executions/${id}`).set('Authorization', auth)).body;
    }
    expect(execution.status).toBe('succeeded');
    expect(execution.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'succeeded']);
    // Simulated seconds, on the simulator's clock: AWS's 60-120 s failover (+ a poll).
    expect(execution.elapsedSeconds).toBeGreaterThanOrEqual(60);

    const after = await request(server)
      .post('/api/platform-ops/runbooks/rds-multi-az-failover/preview')
      .set('Authorization', auth)
      .send({ entityRef, mode: 'drill' });
    const azAfter = /primary in (\S+),/.exec(after.body.preflight[0].detail)![1];
    expect(azAfter).not.toBe(azBefore);
  });
});
