import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir, migrateToLatest } from '../database/migrate';

jest.setTimeout(60_000);

describe('20261122030000_cost_cache migration', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())(
    'creates platform_ops_cost_cache with a unique key and drops it again (%p)',
    async (id: TestDatabaseId) => {
      const knex = await databases.init(id);
      await migrateToLatest(knex);
      const row = {
        key: 'a'.repeat(64),
        operation: 'costExplorer.GetCostAndUsage',
        account_id: '410987654321',
        request: '{}',
        body: '{"ResultsByTime":[]}',
        fetched_at: new Date('2026-11-20T12:00:00Z'),
        expires_at: new Date('2026-11-20T18:00:00Z'),
      };
      await knex('platform_ops_cost_cache').insert(row);
      await expect(
        knex('platform_ops_cost_cache').insert(row),
      ).rejects.toHaveProperty(
        // Not toThrow(): better-sqlite3's SqliteError is not an instanceof Error once jest
        // shares the module between test files, and toThrow() then says "did not throw".
        'message',
        expect.stringMatching(/unique/i),
      );
      const [stored] = await knex('platform_ops_cost_cache').select();
      expect(new Date(stored.expires_at).toISOString()).toBe(
        '2026-11-20T18:00:00.000Z',
      );

      // Roll back to just before this migration: the table goes, the others stay.
      const [, pending] = await knex.migrate.list({
        directory: migrationsDir,
        tableName: 'platform_ops_knex_migrations',
      });
      expect(pending).toEqual([]);
      await knex.migrate.down({
        directory: migrationsDir,
        tableName: 'platform_ops_knex_migrations',
        name: '20261122030000_cost_cache.js',
      });
      expect(await knex.schema.hasTable('platform_ops_cost_cache')).toBe(false);
      expect(await knex.schema.hasTable('platform_ops_mutations')).toBe(true);
    },
  );
});
