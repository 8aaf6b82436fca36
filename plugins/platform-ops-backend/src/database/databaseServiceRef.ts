import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { migrateToLatest } from './migrate';

/**
 * The plugin's database, migrated: every store (change history, cost cache, runbook
 * executions) is built on this one client, so no store can be used before the migrations ran.
 */
export const platformOpsDatabaseServiceRef = createServiceRef<Knex>({
  id: 'platform-ops.database',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { database: coreServices.database },
      async factory({ database }) {
        const knex = await database.getClient();
        if (!database.migrations?.skip) await migrateToLatest(knex);
        return knex;
      },
    }),
});
