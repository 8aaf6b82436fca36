import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import simulatedAws from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import request from 'supertest';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { platformOpsPlugin } from '../plugin';

jest.setTimeout(60_000);

/** Environments in the monthly spend by environment, as the Costs view asks for it. */
async function environmentsBilled(costs: object) {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAws,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({
        data: { platformOps: { aws: { mode: 'simulated', simulation: { backfillHours: 24, seed: 3 } }, costs } },
      }),
    ],
  });
  const res = await request(server)
    .get('/api/platform-ops/costs/spend?granularity=MONTHLY&groupBy=ENVIRONMENT')
    .set('Authorization', mockCredentials.user.header('user:default/ana-platform'));
  expect(res.status).toBe(200);
  return [...new Set(res.body.periods.flatMap((p: { groups: Record<string, number> }) => Object.keys(p.groups)))].sort();
}

describe('the account Cost Explorer is asked in', () => {
  it('is the simulated organisation payer when none is configured, so app-config.yaml needs none', async () => {
    // The payer sees every environment's bill.
    expect(await environmentsBilled({})).toEqual(['dev', 'prod', 'staging']);
  });

  it('is the configured one when set (a member account sees only its own bill)', async () => {
    expect(await environmentsBilled({ accountId: '410987654321' })).toEqual(['prod']);
  });
});
