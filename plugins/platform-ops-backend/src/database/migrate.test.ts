import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir, migrateToLatest } from './migrate';

jest.setTimeout(60_000);

/**
 * Every migration of the plugin goes up and comes down again on SQLite and on PostgreSQL
 * (PostgreSQL runs when BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is set, as the
 * test script does).
 */
describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  it.each(databases.eachSupportedId())('go up and down on %p', async (id: TestDatabaseId) => {
    const knex = await databases.init(id);

    await migrateToLatest(knex);
    expect(await knex.schema.hasTable('platform_ops_mutations')).toBe(true);
    await knex('platform_ops_mutations').insert({
      id: 'm1',
      idempotency_key: 'key-00000001',
      action: 'fleet-set-desired-capacity',
      target_ref: 'resource:default/prod-gpu-fleet',
      actor: 'user:default/guest',
      reason: 'load test',
      dry_run: false,
      input: '{}',
      status: 'running',
      started_at: new Date(),
    });
    await expect(
      knex('platform_ops_mutations').insert({
        id: 'm2',
        idempotency_key: 'key-00000001',
        action: 'fleet-set-desired-capacity',
        target_ref: 'resource:default/prod-gpu-fleet',
        actor: 'user:default/guest',
        reason: 'same key again',
        dry_run: false,
        input: '{}',
        status: 'running',
        started_at: new Date(),
      }),
    ).rejects.toHaveProperty(
      // Not toThrow(): better-sqlite3's SqliteError is not an instanceof Error once jest
      // shares the module between test files, and toThrow() then says "did not throw".
      'message',
      expect.stringMatching(/unique/i),
    );

    await knex.migrate.rollback(
      { directory: migrationsDir, tableName: 'platform_ops_knex_migrations' },
      true,
    );
    expect(await knex.schema.hasTable('platform_ops_mutations')).toBe(false);
  });
});
