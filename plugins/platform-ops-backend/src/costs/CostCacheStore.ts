import { Knex } from 'knex';

const TABLE = 'platform_ops_cost_cache';

interface Row {
  key: string;
  operation: string;
  account_id: string;
  request: string;
  body: string;
  fetched_at: Date | string;
  expires_at: Date | string;
}

export interface CostCacheEntry {
  key: string;
  operation: string;
  accountId: string;
  request: unknown;
  body: unknown;
  fetchedAt: Date;
  expiresAt: Date;
}

/** The durable layer of the cost cache: one row per distinct AWS request (see the migration). */
export class CostCacheStore {
  constructor(private readonly db: Knex) {}

  async get(key: string): Promise<CostCacheEntry | undefined> {
    const row = await this.db<Row>(TABLE).where({ key }).first();
    if (!row) return undefined;
    return {
      key: row.key,
      operation: row.operation,
      accountId: row.account_id,
      request: JSON.parse(row.request),
      body: JSON.parse(row.body),
      fetchedAt: new Date(row.fetched_at),
      expiresAt: new Date(row.expires_at),
    };
  }

  /** Insert or replace: replicas that fetched the same answer at once simply overwrite. */
  async put(entry: CostCacheEntry): Promise<void> {
    await this.db<Row>(TABLE)
      .insert({
        key: entry.key,
        operation: entry.operation,
        account_id: entry.accountId,
        request: JSON.stringify(entry.request),
        body: JSON.stringify(entry.body),
        fetched_at: entry.fetchedAt,
        expires_at: entry.expiresAt,
      })
      .onConflict('key')
      .merge();
  }

  /** Housekeeping: rows of queries nobody asked again (e.g. yesterday's date ranges). */
  async deleteExpiredBefore(date: Date): Promise<number> {
    return this.db<Row>(TABLE).where('expires_at', '<', date).delete();
  }
}
