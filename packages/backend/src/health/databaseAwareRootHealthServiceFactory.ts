import {
  coreServices,
  createServiceFactory,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';
import { DatabaseAwareRootHealth } from './DatabaseAwareRootHealth';

/**
 * A knex pool of one connection to PostgreSQL's maintenance database (the one Backstage itself
 * uses to create the plugin databases), with short timeouts so a probe never hangs.
 */
export function createPostgresPing(
  config: RootConfigService,
  timeoutMs = 2000,
) {
  const connection = config.get('backend.database.connection') as
    | Knex.PgConnectionConfig
    | string;
  const db = knexFactory({
    client: 'pg',
    connection:
      typeof connection === 'string'
        ? {
            connectionString: connection,
            connectionTimeoutMillis: timeoutMs,
            statement_timeout: timeoutMs,
          }
        : {
            database: 'postgres',
            ...connection,
            connectionTimeoutMillis: timeoutMs,
            statement_timeout: timeoutMs,
          },
    pool: { min: 0, max: 1 },
    acquireConnectionTimeout: timeoutMs,
    // The failure is the readiness answer's message; knex would also print it on every probe.
    log: {
      warn: () => {},
      error: () => {},
      debug: () => {},
      deprecate: () => {},
    },
  });
  return {
    ping: async () => void (await db.raw('select 1')),
    close: () => db.destroy(),
  };
}

/**
 * Replaces Backstage's root health service (backend.add in src/index.ts): the same
 * /.backstage/health/v1/readiness and /liveness, with readiness also failing while PostgreSQL
 * is unreachable. SQLite (the embedded default) has nothing to lose, so no check there.
 */
export const databaseAwareRootHealthServiceFactory = createServiceFactory({
  service: coreServices.rootHealth,
  deps: {
    lifecycle: coreServices.rootLifecycle,
    config: coreServices.rootConfig,
  },
  async factory({ lifecycle, config }) {
    if (config.getOptionalString('backend.database.client') !== 'pg') {
      return new DatabaseAwareRootHealth({ lifecycle });
    }
    const postgres = createPostgresPing(config);
    lifecycle.addShutdownHook(() => postgres.close());
    return new DatabaseAwareRootHealth({ lifecycle, ping: postgres.ping });
  },
});
