import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** The knex migrations shipped in this package's migrations/ folder. */
export const migrationsDir = resolvePackagePath(
  '@platformops/plugin-platform-ops-backend',
  'migrations',
);

/** Runs the plugin's migrations to the latest version (at start-up, unless skipped). */
export async function migrateToLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'platform_ops_knex_migrations',
  });
}
