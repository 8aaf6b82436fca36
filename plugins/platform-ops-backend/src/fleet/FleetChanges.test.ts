import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { MutationRunner } from '../changes/MutationRunner';
import { MutationStore } from '../changes/MutationStore';
import { ChangeActor } from '../changes/runPlannedChange';
import { migrateToLatest } from '../database/migrate';
import { CatalogInventoryService } from '../inventory/InventoryService';
import { QueueService } from '../queues/QueueService';
import { OWNER, ownersOnlyPermissions } from '../runbooks/__testUtils__/harness';
import { createTestGateway } from '../testUtils/createTestGateway';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { FleetChanges } from './FleetChanges';
import { FleetService } from './FleetService';
import { readFleetSettings } from './fleetSettings';

/**
 * The fleet changes as a service, with no HTTP at all: what an actions-registry module or a
 * scheduled job would call. The simulated account answers through the real SDK clients.
 */
describe('FleetChanges without HTTP', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    const { account } = testAccount({ backfillHours: 0 });
    const { gateway } = createTestGateway({ platformOps: { aws: { mode: 'simulated' } } }, account);
    const inventory = new CatalogInventoryService(
      catalogServiceMock({ entities: exampleCatalogEntities() }),
      mockServices.auth(),
      mockServices.logger.mock(),
      0,
    );
    const settings = readFleetSettings(new ConfigReader({ platformOps: { fleet: { cacheSeconds: 0 } } }));
    const queues = new QueueService(inventory, gateway, 0);
    const fleets = new FleetService(inventory, gateway, queues, settings);
    const runner = new MutationRunner(new MutationStore(knex), ownersOnlyPermissions(), mockServices.auditor.mock());
    return { changes: new FleetChanges({ fleets, inventory, runner, gateway }), runner };
  }

  const owner = (dryRun: boolean): ChangeActor => ({
    credentials: mockCredentials.user(OWNER),
    envelope: { reason: 'more workers for the launch', dryRun },
  });

  it('plans a dry-run for a plain actor value and sends nothing', async () => {
    const { changes, runner } = await setup();
    const outcome = await changes.change(
      'desired-capacity',
      { entityRef: 'resource:default/prod-gpu-fleet', desiredCapacity: 5 } as { entityRef: string },
      owner(true),
    );
    expect(outcome.mutation.status).toBe('dry-run');
    expect(outcome.mutation.plan).toEqual([
      expect.objectContaining({
        command: 'SetDesiredCapacityCommand',
        input: expect.objectContaining({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 5 }),
      }),
    ]);
    expect((await runner.history('resource:default/prod-gpu-fleet')).items.map(r => r.status)).toEqual(['dry-run']);
  });

  it('answers 404 for an unknown fleet before asking who the actor is', async () => {
    const { changes } = await setup();
    const actor = jest.fn(async () => owner(false));
    await expect(
      changes.change('size', { entityRef: 'resource:default/no-such-fleet' }, actor),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(actor).not.toHaveBeenCalled();
  });
});
