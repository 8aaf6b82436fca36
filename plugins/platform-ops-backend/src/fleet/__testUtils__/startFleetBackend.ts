import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import simulatedAws from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { exampleCatalogEntities } from '../../testUtils/exampleCatalog';
import { platformOpsPlugin } from '../../plugin';
import { awsModeConfig } from './awsFixtures';

export const OWNER = 'user:default/ana-platform';
export const NON_OWNER = 'user:default/vik-video';

/**
 * The plugin with the example catalog, real AWS SDK clients (mocked by the test) and a
 * permission policy standing in for "owners only": ana-platform is allowed, others denied.
 */
export async function startFleetBackend(extraConfig: JsonObject = {}) {
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result:
          'principal' in options.credentials &&
          (options.credentials.principal as { userEntityRef?: string }).userEntityRef === OWNER
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      permissions.factory,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({
        data: {
          ...awsModeConfig,
          platformOps: { ...awsModeConfig.platformOps, fleet: { cacheSeconds: 0 }, ...extraConfig },
        },
      }),
    ],
  });
  return { server, permissions };
}

/**
 * The plugin on the simulated account (the module installed), with the example catalog and
 * every user allowed. `simulation` seeds the account; `platformOps` is the rest of the
 * plugin's config (the fleet cache is off unless it says otherwise). `features` are added
 * (e.g. a recording auditor).
 */
export async function startSimulatedBackend(options: {
  simulation: JsonObject;
  platformOps?: JsonObject;
  features?: Parameters<typeof startTestBackend>[0]['features'];
}) {
  return startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAws,
      ...(options.features ?? []),
      mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({
        data: {
          platformOps: {
            aws: { mode: 'simulated', simulation: options.simulation },
            fleet: { cacheSeconds: 0 },
            ...options.platformOps,
          },
        },
      }),
    ],
  });
}
