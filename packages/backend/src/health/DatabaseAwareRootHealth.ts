import {
  RootHealthService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';

type Readiness = Awaited<ReturnType<RootHealthService['getReadiness']>>;

/**
 * Backstage's readiness (503 until every plugin has started, migrations included, and again
 * once shutdown begins) plus one thing it lacks: 503 while PostgreSQL does not answer. Why: a
 * replica that lost its database answers every request with a 500 and cannot renew runbook
 * leases; taken out of the Service, traffic goes to a replica that can still work.
 * Liveness stays 200: restarting the pod does not bring the database back.
 */
export class DatabaseAwareRootHealth implements RootHealthService {
  #state: 'init' | 'up' | 'down' = 'init';
  #last: { at: number; error?: string } | undefined;
  #inFlight: Promise<string | undefined> | undefined;

  constructor(
    private readonly options: {
      lifecycle: RootLifecycleService;
      /** Resolves when the database answers; undefined = no database check (e.g. SQLite). */
      ping?: () => Promise<void>;
      /** Probes arrive every few seconds from every kubelet: one ping serves them for this long. */
      cacheMs?: number;
      now?: () => number;
    },
  ) {
    options.lifecycle.addStartupHook(() => {
      this.#state = 'up';
    });
    options.lifecycle.addBeforeShutdownHook(() => {
      this.#state = 'down';
    });
  }

  async getLiveness() {
    return { status: 200, payload: { status: 'ok' } };
  }

  async getReadiness(): Promise<Readiness> {
    if (this.#state === 'init') {
      return {
        status: 503,
        payload: { status: 'error', message: 'Backend has not started yet' },
      };
    }
    if (this.#state === 'down') {
      return {
        status: 503,
        payload: { status: 'error', message: 'Backend is shutting down' },
      };
    }
    const error = await this.databaseError();
    if (error) {
      return {
        status: 503,
        payload: { status: 'error', message: `Database unreachable: ${error}` },
      };
    }
    return { status: 200, payload: { status: 'ok' } };
  }

  private async databaseError(): Promise<string | undefined> {
    const { ping, cacheMs = 5000, now = Date.now } = this.options;
    if (!ping) return undefined;
    if (this.#last && now() - this.#last.at < cacheMs) return this.#last.error;
    // Concurrent probes share one ping.
    this.#inFlight ??= ping()
      .then(() => undefined)
      .catch((e: unknown) => (e instanceof Error ? e.message : String(e)))
      .then(error => {
        this.#last = { at: now(), error };
        this.#inFlight = undefined;
        return error;
      });
    return this.#inFlight;
  }
}
