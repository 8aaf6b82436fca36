import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ownerActor, simulatedFleetChanges } from '../fleet/__testUtils__/simulatedFleetChanges';
import { OWNER } from '../runbooks/__testUtils__/harness';

jest.setTimeout(60_000);

const FLEET = 'resource:default/prod-gpu-fleet';

/**
 * The change history as an operator reads it after an incident: paged, real changes apart
 * from dry-runs, each row with before -> after, actor, reason and AWS request ids.
 */
describe('change history', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const setup = async (id: TestDatabaseId) => simulatedFleetChanges(await databases.init(id));
  const actor = ownerActor;

  it.each(databases.eachSupportedId())(
    'keeps real changes findable after a burst of dry-runs, pages without gaps, shows before -> after (%p)',
    async id => {
      const { changes } = await setup(id);
      const real = await changes.change('desired-capacity', { entityRef: FLEET, desiredCapacity: 6 } as never, actor('launch day', false));
      expect(real.mutation.status).toBe('succeeded');
      for (let i = 0; i < 60; i++) {
        await changes.change('desired-capacity', { entityRef: FLEET, desiredCapacity: 7 } as never, actor(`what if ${i}`, true));
      }

      // Real changes only: the one change, with what it changed, who, why and AWS's request id.
      const onlyChanges = await changes.history(FLEET, { kind: 'changes' });
      expect(onlyChanges.nextCursor).toBeUndefined();
      expect(onlyChanges.items).toHaveLength(1);
      expect(onlyChanges.items[0]).toMatchObject({
        actor: OWNER,
        reason: 'launch day',
        dryRun: false,
        outcome: 'succeeded',
        changes: [{ field: 'desiredCapacity', before: 4, after: 6 }],
        awsRequestIds: ['simulated-SetDesiredCapacity'],
      });

      // Everything, a page at a time: 61 rows in pages of 25, newest first, none twice.
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await changes.history(FLEET, { kind: 'all', limit: 25, cursor });
        seen.push(...page.items.map(i => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(61);
      const dryRuns = await changes.history(FLEET, { kind: 'dry-runs', limit: 200 });
      expect(dryRuns.items).toHaveLength(60);
      expect(dryRuns.items.every(i => i.dryRun && i.changes?.[0].after === 7)).toBe(true);
    },
  );

  it.each(databases.eachSupportedId())("shows a runbook start row with its execution's real outcome (%p)", async id => {
    const { knex, store, runner } = await setup(id);
    const executionId = '0b9d1c4e-7a51-4f0e-8f7e-0d5d4c2f6a11';
    await store.claim({
      id: 'c2a6d7a4-33f1-4a7a-9b8e-3c1d2e4f5a6b',
      idempotencyKey: 'runbook-start-1',
      action: 'runbook-rds-multi-az-failover',
      targetRef: 'resource:default/prod-postgres',
      actor: OWNER,
      reason: 'drill',
      dryRun: false,
      input: {},
      plan: [],
      status: 'running',
      startedAt: new Date().toISOString(),
    });
    await store.finish('c2a6d7a4-33f1-4a7a-9b8e-3c1d2e4f5a6b', { status: 'succeeded', result: { executionId } });
    await knex('platform_ops_runbook_executions').insert({
      id: executionId,
      runbook_id: 'rds-multi-az-failover',
      target_ref: 'resource:default/prod-postgres',
      idempotency_key: 'runbook-start-1',
      environment: 'prod',
      actor: OWNER,
      reason: 'drill',
      mode: 'drill',
      status: 'failed',
      target: '{}',
      resolved: '{}',
      plan: '[]',
      created_at: Date.now(),
    });
    const [row] = (await runner.history('resource:default/prod-postgres')).items;
    expect(row.status).toBe('succeeded');
    expect(row.outcome).toBe('failed');
  });

  it('refuses a cursor it did not hand out', async () => {
    const { runner } = await setup('SQLITE_3');
    await expect(runner.history(FLEET, { cursor: 'bm90IGEgY3Vyc29y' })).rejects.toThrow(
      'cursor is not a cursor this history returned',
    );
  });
});
