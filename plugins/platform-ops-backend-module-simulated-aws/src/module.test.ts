import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import platformOpsPlugin from '@platformops/plugin-platform-ops-backend';
import { exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import request from 'supertest';
import simulatedAws from './index';

jest.setTimeout(60_000);

async function start(config: JsonObject) {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAws,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  return server;
}

const user = mockCredentials.user.header('user:default/ana-platform');

describe('the simulated-aws module with the platform-ops plugin', () => {
  it('installs the simulated account by default: the ledger says simulated, /simulator answers', async () => {
    const server = await start({ platformOps: { aws: { simulation: { backfillHours: 0 } } } });

    const ledger = await request(server).get('/api/platform-ops/aws/ledger').set('Authorization', user);
    expect(ledger.status).toBe(200);
    expect(ledger.body.mode).toBe('simulated');

    const advanced = await request(server)
      .post('/api/platform-ops/simulator/clock/advance')
      .set('Authorization', user)
      .send({ seconds: 60 });
    expect(advanced.status).toBe(200);
    expect(typeof advanced.body.now).toBe('string');

    // The plugin's own routes still parse their bodies (the module only parses /simulator).
    const bad = await request(server)
      .post('/api/platform-ops/fleets/desired-capacity')
      .set('Authorization', user)
      .send({ entityRef: 'resource:default/prod-gpu-fleet' });
    expect(bad.status).toBe(400);
  });

  it('installs nothing with platformOps.aws.mode aws: real AWS, and no /simulator routes', async () => {
    const server = await start({ platformOps: { aws: { mode: 'aws' } } });

    const ledger = await request(server).get('/api/platform-ops/aws/ledger').set('Authorization', user);
    expect(ledger.body.mode).toBe('aws');

    const faults = await request(server)
      .post('/api/platform-ops/simulator/faults')
      .set('Authorization', user)
      .send({ throttleRate: 1 });
    expect(faults.status).toBe(404);
  });
});
