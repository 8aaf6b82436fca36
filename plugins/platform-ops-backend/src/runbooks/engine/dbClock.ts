import { Knex } from 'knex';

/**
 * "Now" in epoch milliseconds, as SQL evaluated by the database itself. Leases are written
 * and compared with this clock only: replicas' clocks may be skewed, and the engine's clock
 * may be the simulator's (accelerated or moved by hand), and neither may decide that a
 * fresh lease has expired.
 */
export function dbNowSql(knex: Knex): string {
  const client = String(knex.client.config.client ?? '');
  if (/pg|postgres/i.test(client)) {
    // clock_timestamp(), not now(): now() is frozen at the start of the transaction.
    return '(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT))';
  }
  if (/mysql/i.test(client)) return '(CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED))';
  // SQLite: julianday('now') carries milliseconds; 2440587.5 is the Julian day of 1970-01-01.
  return "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))";
}

/** The database's now, as a value usable in where clauses. */
export function dbNow(knex: Knex): Knex.Raw {
  return knex.raw(dbNowSql(knex));
}

/** The database's now plus `ms`: a lease expiry. */
export function dbNowPlus(knex: Knex, ms: number): Knex.Raw {
  return knex.raw(`${dbNowSql(knex)} + ?`, [Math.round(ms)]);
}
