import { RootLifecycleService } from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { DatabaseAwareRootHealth } from './DatabaseAwareRootHealth';
import { createPostgresPing } from './databaseAwareRootHealthServiceFactory';

/** A root lifecycle whose hooks the test fires. */
function lifecycle() {
  const startup: Array<() => void> = [];
  const beforeShutdown: Array<() => void> = [];
  const service = {
    addStartupHook: (hook: () => void) => startup.push(hook),
    addBeforeShutdownHook: (hook: () => void) => beforeShutdown.push(hook),
    addShutdownHook: () => {},
  } as unknown as RootLifecycleService;
  return {
    service,
    start: () => startup.forEach(h => h()),
    beginShutdown: () => beforeShutdown.forEach(h => h()),
  };
}

describe('DatabaseAwareRootHealth', () => {
  it('is not ready before startup (migrations run in plugin start-up) nor once shutdown begins', async () => {
    const l = lifecycle();
    const health = new DatabaseAwareRootHealth({
      lifecycle: l.service,
      ping: async () => {},
    });
    expect(await health.getReadiness()).toEqual({
      status: 503,
      payload: { status: 'error', message: 'Backend has not started yet' },
    });
    l.start();
    expect(await health.getReadiness()).toEqual({
      status: 200,
      payload: { status: 'ok' },
    });
    l.beginShutdown();
    expect((await health.getReadiness()).payload).toEqual({
      status: 'error',
      message: 'Backend is shutting down',
    });
    expect((await health.getLiveness()).status).toBe(200);
  });

  it('is not ready while the database does not answer, and ready again when it does', async () => {
    const l = lifecycle();
    let down = true;
    let now = 0;
    const ping = jest.fn(async () => {
      if (down) throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
    });
    const health = new DatabaseAwareRootHealth({
      lifecycle: l.service,
      ping,
      cacheMs: 5000,
      now: () => now,
    });
    l.start();
    expect(await health.getReadiness()).toEqual({
      status: 503,
      payload: {
        status: 'error',
        message: 'Database unreachable: connect ECONNREFUSED 10.0.0.5:5432',
      },
    });
    expect((await health.getLiveness()).status).toBe(200);
    down = false;
    now = 4000; // within the cache window: the last answer stands, no new ping
    expect((await health.getReadiness()).status).toBe(503);
    expect(ping).toHaveBeenCalledTimes(1);
    now = 5000;
    expect((await health.getReadiness()).status).toBe(200);
    expect(ping).toHaveBeenCalledTimes(2);
  });

  it('shares one ping between concurrent probes', async () => {
    const l = lifecycle();
    let release: () => void = () => {};
    const ping = jest.fn(
      () => new Promise<void>(resolve => (release = resolve)),
    );
    const health = new DatabaseAwareRootHealth({ lifecycle: l.service, ping });
    l.start();
    const answers = Promise.all([
      health.getReadiness(),
      health.getReadiness(),
      health.getReadiness(),
    ]);
    release();
    expect((await answers).map(a => a.status)).toEqual([200, 200, 200]);
    expect(ping).toHaveBeenCalledTimes(1);
  });
});

describe('createPostgresPing', () => {
  it('fails within its timeout when nothing listens', async () => {
    const { ping, close } = createPostgresPing(
      new ConfigReader({
        backend: {
          database: {
            client: 'pg',
            connection: { host: '127.0.0.1', port: 1, user: 'postgres' },
          },
        },
      }),
      1000,
    );
    const started = Date.now();
    await expect(ping()).rejects.toThrow(/ECONNREFUSED|timeout|connect/i);
    expect(Date.now() - started).toBeLessThan(5000);
    await close();
  });

  // The PostgreSQL scripts/test.sh provides (or starts).
  const url =
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432';
  it('answers against the real PostgreSQL', async () => {
    const { ping, close } = createPostgresPing(
      new ConfigReader({
        backend: { database: { client: 'pg', connection: url } },
      }),
    );
    await expect(ping()).resolves.toBeUndefined();
    await close();
  });
});
