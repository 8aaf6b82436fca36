import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildInventory,
  createTestGateway,
  exampleCatalogEntities,
  validateAwsInput,
} from '@platformops/plugin-platform-ops-backend/testUtils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSimulatedAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { readDiscoveryConfig } from './config';
import { PlatformOpsDiscoveryProvider } from './PlatformOpsDiscoveryProvider';

/**
 * Discovery against the simulated account, through the gateway as the backend builds it
 * (every command checked against AWS's published models): the example catalog's environments
 * are already declared by hand, the config-only ml-sandbox environment is discovered.
 */
describe('discovery of the simulated account', () => {
  const appConfig = {
    platformOps: {
      aws: {
        mode: 'simulated',
        simulation: {
          backfillHours: 0,
          extraEnvironments: [{ name: 'ml-sandbox', accountId: '510987654321', region: 'us-east-1', owner: 'video-team' }],
        },
      },
    },
    catalog: {
      providers: {
        platformOps: { discovery: { accounts: ['410987654321', '510987654321'], regions: ['us-east-1'] } },
      },
    },
  };

  it('adds only the environment no file declares, and the inventory reads it without problems', async () => {
    const config = new ConfigReader(appConfig);
    const handWritten = exampleCatalogEntities();
    const account = createSimulatedAccount(config, {
      getInventory: async () => buildInventory(handWritten),
      getEnvironment: async () => {
        throw new Error('unused');
      },
      getResource: async () => {
        throw new Error('unused');
      },
    });
    // Every call the discovery sends, as it went to the account (its contract with AWS's models).
    const sent: Array<{ service: string; operation: string; input: unknown }> = [];
    const { gateway } = createTestGateway(appConfig, {
      handle: async call => {
        sent.push({ service: call.service, operation: call.operation, input: call.input });
        return account.handle(call);
      },
    });
    const discovery = readDiscoveryConfig(config)!;
    const emitted = new Map<string, Array<{ kind: string; metadata: { name: string } }>>();
    for (const location of discovery.locations) {
      const provider = new PlatformOpsDiscoveryProvider({
        location,
        config: discovery,
        gateway,
        catalog: catalogServiceMock({ entities: handWritten }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });
      const connection: EntityProviderConnection = {
        applyMutation: async m => {
          if (m.type === 'full') emitted.set(location.accountId, m.entities.map(e => e.entity));
        },
        refresh: async () => {},
      };
      await provider.connect(connection);
      const outcome = await provider.refresh();
      expect(outcome.failure).toBeUndefined();
      expect(outcome.conflicts).toEqual([]);
    }
    // prod: everything tagged there is declared by hand; only the report entity is emitted.
    expect(emitted.get('410987654321')!.map(e => e.kind)).toEqual(['Location']);
    const sandbox = emitted.get('510987654321')!;
    expect(sandbox.map(e => e.metadata.name).sort()).toEqual([
      'ai-video-media-ml-sandbox-510987654321',
      'ml-sandbox',
      'ml-sandbox-gpu-workers',
      'ml-sandbox-postgres',
      'ml-sandbox-redis',
      'ml-sandbox-video-jobs',
      'platform-ops-discovery-510987654321-us-east-1',
    ]);
    const inventory = buildInventory([
      ...handWritten,
      ...sandbox.map(e => ({ ...e, apiVersion: 'backstage.io/v1alpha1', metadata: { ...e.metadata, namespace: 'default' } })),
    ]);
    expect(inventory.problems).toEqual([]);
    const env = inventory.environments.find(e => e.name === 'ml-sandbox')!;
    expect(env).toMatchObject({ tier: 'sandbox', owner: 'video-team', location: { accountId: '510987654321', region: 'us-east-1' } });
    expect(env.resources.find(r => r.kind === 'queue')).toMatchObject({ queueName: 'ml-sandbox-video-jobs', dlqName: 'ml-sandbox-video-jobs-dlq' });
    expect(gateway.ledger().byOperation['ResourceGroupsTaggingAPI.GetResources']).toBe(2);

    // The discovery's AWS contract (the backend plugin's contract test covers the plugin's own
    // commands): every command this package's source can send was sent in this run, and each
    // input is valid against AWS's published model.
    expect([...new Set(sent.map(c => c.operation))].sort()).toEqual(importedCommands());
    expect(sent.flatMap(c => validateAwsInput(c.service, c.operation, c.input))).toEqual([]);
  });
});

/** The SDK v3 commands this package's (non-test) source imports. */
function importedCommands(): string[] {
  const found = new Set<string>();
  for (const name of readdirSync(__dirname)) {
    if (!/\.ts$/.test(name) || /\.test\.ts$/.test(name)) continue;
    const text = readFileSync(join(__dirname, name), 'utf8');
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@aws-sdk\/client-[a-z0-9-]+'/g)) {
      for (const n of m[1].split(',').map(x => x.trim().split(/\s+as\s+/)[0])) {
        const op = /^(\w+)Command$/.exec(n)?.[1];
        if (op) found.add(op);
      }
    }
  }
  return [...found].sort();
}
