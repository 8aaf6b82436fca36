import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { LoggedEvent, WorldEvent, WorldGenesis, WorldLog } from './WorldLog';

const WORLD = 'platform_ops_simulator_world';
const EVENTS = 'platform_ops_simulator_events';

const migrations = new WeakMap<Knex, Promise<void>>();

/**
 * The module's own migrations, in their own knex table (the plugin's table lists only its
 * files); once per connection pool, however many accounts of the process share it.
 */
export function migrateSimulatorWorld(knex: Knex): Promise<void> {
  let done = migrations.get(knex);
  if (!done) {
    done = knex.migrate
      .latest({
        directory: resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', 'migrations'),
        tableName: 'platform_ops_simulator_knex_migrations',
      })
      .then(() => undefined);
    done.catch(() => migrations.delete(knex));
    migrations.set(knex, done);
  }
  return done;
}

/** JSON that keeps Dates (SDK inputs carry them, e.g. StartTime) so a replay sees the same input. */
function encode(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.getTime() } : v;
  });
}

function decode<T>(text: string): T {
  return JSON.parse(text, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.$date === 'number'
      ? new Date(v.$date)
      : v,
  ) as T;
}

/** Serialises writers of one process (SQLite has no row locks; PostgreSQL gets one too). */
const processLocks = new WeakMap<Knex, Promise<unknown>>();

/**
 * The world's log in the plugin database. Writers take a row lock on the world row
 * (PostgreSQL: SELECT ... FOR UPDATE; SQLite serialises writers in the process, and the
 * primary key on seq refuses a second writer of the same sequence number).
 */
export class KnexWorldLog implements WorldLog {
  private client?: Promise<Knex>;

  /**
   * `connect` is called on first use, so a backend in `mode: aws` (which builds the account
   * but never calls it) creates no simulator tables; `migrate: false` when migrations are skipped.
   */
  constructor(private readonly connect: () => Promise<Knex>, private readonly options: { migrate?: boolean } = {}) {}

  private db(): Promise<Knex> {
    this.client ??= (async () => {
      const knex = await this.connect();
      if (this.options.migrate !== false) await migrateSimulatorWorld(knex);
      return knex;
    })().catch(error => {
      this.client = undefined;
      throw error;
    });
    return this.client;
  }

  async genesis(create: () => Promise<WorldGenesis>): Promise<WorldGenesis> {
    const knex = await this.db();
    const existing = await knex(WORLD).where({ id: 1 }).first();
    if (existing) return decode<WorldGenesis>(existing.genesis);
    const fresh = await create();
    await knex(WORLD).insert({ id: 1, genesis: encode(fresh) }).onConflict('id').ignore();
    // Another replica may have written its genesis first: the stored one is the world.
    const stored = await knex(WORLD).where({ id: 1 }).first();
    return decode<WorldGenesis>(stored.genesis);
  }

  async head(): Promise<number> {
    const row = await (await this.db())(EVENTS).max({ head: 'seq' }).first();
    return Number(row?.head ?? 0);
  }

  async since(seq: number): Promise<LoggedEvent[]> {
    const rows = await (await this.db())(EVENTS).where('seq', '>', seq).orderBy('seq', 'asc');
    return rows.map(toLogged);
  }

  async append<T>(
    seq: number,
    write: (missed: LoggedEvent[]) => Promise<{ event?: WorldEvent; result: T }>,
  ): Promise<{ result: T; seq?: number }> {
    const knex = await this.db();
    const run = () =>
      knex.transaction(async trx => {
        await trx(WORLD).where({ id: 1 }).forUpdate().first();
        const missed = (await trx(EVENTS).where('seq', '>', seq).orderBy('seq', 'asc')).map(toLogged);
        const { event, result } = await write(missed);
        if (!event) return { result };
        const next = (missed.length ? missed[missed.length - 1].seq : seq) + 1;
        const { kind, at } = event;
        await trx(EVENTS).insert({ seq: next, kind, at, payload: encode(event) });
        return { result, seq: next };
      });
    const previous = processLocks.get(knex) ?? Promise.resolve();
    const next = previous.then(run, run);
    processLocks.set(knex, next.catch(() => undefined));
    return next;
  }
}

function toLogged(row: { seq: number | string; payload: string }): LoggedEvent {
  return { seq: Number(row.seq), event: decode<WorldEvent>(row.payload) };
}
