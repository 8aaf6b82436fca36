import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { exampleCatalogEntities } from './testUtils/exampleCatalog';
import { platformOpsPlugin } from './plugin';

jest.setTimeout(60_000);

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      // The plugin alone: no simulated account installed, so its gateway would call real AWS
      // (these tests make no AWS call).
      mockServices.rootConfig.factory({ data: {} }),
    ],
  });
  return server;
}

describe('platform-ops backend plugin', () => {
  it('serves /health without authentication', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/platform-ops/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it.each(['/environments', '/environments/prod', '/inventory/problems'])(
    'requires authentication on %s',
    async path => {
      const server = await startBackend();
      const res = await request(server)
        .get(`/api/platform-ops${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    },
  );

  it('lists dev, staging and prod from the catalog for a signed-in user', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/platform-ops/environments')
      .set('Authorization', mockCredentials.user.header('user:default/vik-video'));

    expect(res.status).toBe(200);
    expect(res.body.environments.map((e: { name: string }) => e.name)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    expect(res.body.problems).toEqual([]);
  });

  it('answers one environment, 404 for an unknown one and 400 for a malformed name', async () => {
    const server = await startBackend();
    const auth = mockCredentials.user.header();

    const prod = await request(server).get('/api/platform-ops/environments/prod').set('Authorization', auth);
    expect(prod.status).toBe(200);
    expect(prod.body).toMatchObject({ name: 'prod', tier: 'prod', drRegion: 'us-west-2' });

    const unknown = await request(server).get('/api/platform-ops/environments/qa').set('Authorization', auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No environment named "qa" in the catalog (known: dev, staging, prod)',
    );

    const bad = await request(server).get('/api/platform-ops/environments/Not%20A%20Name').set('Authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('Invalid environment name: name: must be a catalog entity name');
  });
});
