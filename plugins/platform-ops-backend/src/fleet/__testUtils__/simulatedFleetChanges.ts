import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { Knex } from 'knex';
import { MutationRunner } from '../../changes/MutationRunner';
import { MutationStore } from '../../changes/MutationStore';
import { ChangeActor } from '../../changes/runPlannedChange';
import { migrateToLatest } from '../../database/migrate';
import { CatalogInventoryService } from '../../inventory/InventoryService';
import { QueueService } from '../../queues/QueueService';
import { OWNER, ownersOnlyPermissions } from '../../runbooks/__testUtils__/harness';
import { createTestGateway } from '../../testUtils/createTestGateway';
import { exampleCatalogEntities } from '../../testUtils/exampleCatalog';
import { FleetChanges } from '../FleetChanges';
import { FleetService } from '../FleetService';
import { readFleetSettings } from '../fleetSettings';

/**
 * The fleet changes as a service on a migrated database, no HTTP: the example catalog, the
 * simulated account (no backfill) through the real SDK clients, no caching, owners-only
 * permissions.
 */
export async function simulatedFleetChanges(knex: Knex) {
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
  const fleets = new FleetService(inventory, gateway, new QueueService(inventory, gateway, 0), settings);
  const store = new MutationStore(knex);
  const runner = new MutationRunner(store, ownersOnlyPermissions(), mockServices.auditor.mock());
  return { knex, store, runner, changes: new FleetChanges({ fleets, inventory, runner, gateway }) };
}

/** An owner of the fleets making a change (or its dry-run) for `reason`. */
export function ownerActor(reason: string, dryRun: boolean): ChangeActor {
  return { credentials: mockCredentials.user(OWNER), envelope: { reason, dryRun } };
}
