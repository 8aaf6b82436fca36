import { createHash } from 'node:crypto';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { SingleFlightCache } from '../util/SingleFlightCache';
import {
  AwsCommand,
  AwsCommandOutput,
  AwsGateway,
  AwsServiceName,
} from '../aws/types';
import { CostCacheEntry, CostCacheStore } from './CostCacheStore';

/** An answer and when AWS gave it. */
export interface Cached<T> {
  value: T;
  fetchedAt: Date;
}

export interface CostDataCacheOptions {
  gateway: AwsGateway;
  store: CostCacheStore;
  ttlMs: number;
  now?: () => Date;
  /**
   * How long a process reuses what it read from the database: viewers of one replica share
   * one database read as well as one AWS call.
   */
  memoryTtlMs?: number;
}

/** Key order must not change the cache key. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a.localeCompare(b),
          ),
        )
      : v,
  );
}

/**
 * Read-through cache of AWS answers for the cost views: memory (single flight) in front of
 * the database (TTL) in front of the gateway. A query is sent to AWS at most once per TTL,
 * whatever the number of viewers; the scheduled refresh renews rows before they expire.
 */
export class CostDataCache {
  private readonly memory: SingleFlightCache<Cached<unknown>>;
  private readonly now: () => Date;

  constructor(private readonly options: CostDataCacheOptions) {
    this.now = options.now ?? (() => new Date());
    this.memory = new SingleFlightCache(
      Math.min(options.memoryTtlMs ?? 60_000, options.ttlMs),
      () => this.now().getTime(),
    );
  }

  /**
   * The answer to `command` at `location`. `minRemainingMs` (the scheduled refresh) renews a
   * row that would expire within that time instead of waiting for a viewer to find it stale.
   */
  async send<C extends AwsCommand>(
    location: AwsLocation,
    service: AwsServiceName,
    command: C,
    options: { minRemainingMs?: number } = {},
  ): Promise<Cached<AwsCommandOutput<C>>> {
    const operation = `${service}.${command.constructor.name.replace(
      /Command$/,
      '',
    )}`;
    const key = createHash('sha256')
      .update(stableJson({ operation, location, input: command.input }))
      .digest('hex');
    if (options.minRemainingMs !== undefined) {
      this.memory.invalidate(key);
      const row = await this.options.store.get(key);
      if (
        row &&
        row.expiresAt.getTime() - this.now().getTime() > options.minRemainingMs
      ) {
        return {
          value: row.body as AwsCommandOutput<C>,
          fetchedAt: row.fetchedAt,
        };
      }
      return (await this.fetch(
        key,
        operation,
        location,
        service,
        command,
        row,
      )) as Cached<AwsCommandOutput<C>>;
    }
    return this.memory.get(key, async () => {
      const row = await this.options.store.get(key);
      if (row && row.expiresAt > this.now()) {
        return { value: row.body, fetchedAt: row.fetchedAt };
      }
      return this.fetch(key, operation, location, service, command, row);
    }) as Promise<Cached<AwsCommandOutput<C>>>;
  }

  private async fetch(
    key: string,
    operation: string,
    location: AwsLocation,
    service: AwsServiceName,
    command: AwsCommand,
    stale: CostCacheEntry | undefined,
  ): Promise<Cached<unknown>> {
    let value: unknown;
    try {
      value = await this.options.gateway.send(location, service, command);
    } catch (error) {
      // The gateway has mapped AWS's refusal to a Backstage error that names the account and
      // IAM action. When AWS is throttling or down (503), an expired answer whose age is
      // shown beats an error page; any other refusal is news for the viewer.
      if (stale && (error as Error).name === 'ServiceUnavailableError') {
        return { value: stale.body, fetchedAt: stale.fetchedAt };
      }
      throw error;
    }
    // $metadata is transport detail (request ids), not cost data.
    const { $metadata: _metadata, ...body } = value as Record<string, unknown>;
    const fetchedAt = this.now();
    await this.options.store.put({
      key,
      operation,
      accountId: location.accountId,
      request: command.input,
      body,
      fetchedAt,
      expiresAt: new Date(fetchedAt.getTime() + this.options.ttlMs),
    });
    return { value: body, fetchedAt };
  }
}
