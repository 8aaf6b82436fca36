import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint, EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import platformOpsPlugin from '@platformops/plugin-platform-ops-backend';
import { exampleCatalogEntities } from '@platformops/plugin-platform-ops-backend/testUtils';
import simulatedAws from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import type { AddressInfo } from 'node:net';
import { catalogModulePlatformOpsDiscovery } from './module';
import { PlatformOpsDiscoveryProvider } from './PlatformOpsDiscoveryProvider';

jest.setTimeout(60_000);

/**
 * The discovery module as the backend installs it, next to the platform-ops plugin and the
 * simulated account: the catalog plugin's AWS gateway must answer from the same simulated
 * account as the plugin's, so a fault set through /api/platform-ops/simulator/faults reaches
 * discovery (before, the catalog plugin built an account of its own that no fault reached).
 */
describe('discovery on the shared simulated account', () => {
  it('fails with the fault set through the simulator routes, and recovers when it is cleared', async () => {
    const providers: EntityProvider[] = [];
    const { server } = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (...added: Array<EntityProvider | EntityProvider[]>) => providers.push(...added.flat()),
            addProcessor: () => {},
            addPlaceholderResolver: () => {},
            setOnProcessingErrorHandler: () => {},
          },
        ],
      ],
      features: [
        platformOpsPlugin,
        simulatedAws,
        catalogModulePlatformOpsDiscovery,
        catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
        mockServices.rootConfig.factory({
          data: {
            platformOps: {
              aws: {
                mode: 'simulated',
                // An environment only the account has (no catalog file declares it): discovery emits it.
                simulation: {
                  backfillHours: 0,
                  extraEnvironments: [{ name: 'ml-sandbox', accountId: '510987654321', region: 'us-east-1', owner: 'video-team' }],
                },
              },
            },
            catalog: { providers: { platformOps: { discovery: { accounts: ['510987654321'], regions: ['us-east-1'] } } } },
          },
        }),
      ],
    });
    expect(providers).toHaveLength(1);
    const provider = providers[0];
    if (!(provider instanceof PlatformOpsDiscoveryProvider)) throw new Error(`unexpected provider ${provider.getProviderName()}`);
    const emitted: string[][] = [];
    const connection: EntityProviderConnection = {
      applyMutation: async m => {
        if (m.type === 'full') emitted.push(m.entities.map(e => e.entity.metadata.name));
      },
      refresh: async () => {},
    };
    await provider.connect(connection);

    const healthy = await provider.refresh();
    expect(healthy.failure).toBeUndefined();
    expect(emitted.at(-1)).toContain('ml-sandbox');

    const { port } = server.address() as AddressInfo;
    const setFaults = (body: object) =>
      fetch(`http://127.0.0.1:${port}/api/platform-ops/simulator/faults`, {
        method: 'POST',
        headers: { Authorization: mockCredentials.user.header('user:default/ana-platform'), 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await setFaults({ accessDenied: ['tag:GetResources'] })).status).toBe(200);
    const denied = await provider.refresh();
    expect(denied.failure).toMatch(/tag:GetResources/);

    expect((await setFaults({})).status).toBe(200);
    expect((await provider.refresh()).failure).toBeUndefined();
    expect(emitted.at(-1)).toContain('ml-sandbox');
  });
});
