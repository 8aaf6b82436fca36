import { AwsLocation, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';
import type { FaultSettings } from '../faults';

/**
 * One simulated world per backend database (issue #11). The world's state is a pure function
 * of its genesis (seed, origin instant, the inventory it was first seeded from) and of an
 * ordered log of the events that changed it; every replica keeps the world in memory, replays
 * the log it has not seen before answering a call, and appends to it under a lock. What the
 * log holds is documented in the module README ("Several replicas").
 */
export type WorldEvent =
  /** A mutating call AWS accepted, at its simulated instant (refused calls change nothing). */
  | {
      kind: 'call';
      at: number;
      service: AwsServiceName;
      operation: string;
      input: Record<string, unknown>;
      location: AwsLocation;
    }
  /** POST /simulator/clock/advance: every replica's simulated clock jumps by `ms`. */
  | { kind: 'advance'; at: number; ms: number }
  /** POST /simulator/faults: the fault settings every replica applies from `at` on. */
  | { kind: 'faults'; at: number; settings: FaultSettings }
  /** An environment the catalog gained after the world was created, seeded at `at`. */
  | { kind: 'environment'; at: number; environment: PlatformEnvironment };

export interface LoggedEvent {
  seq: number;
  event: WorldEvent;
}

/** What a world starts from; written once by the first replica, read by every other. */
export interface WorldGenesis {
  seed: number;
  /** Simulated instant of creation (ms); history is backfilled before it. */
  origin: number;
  /** Real (wall) instant of creation: accelerated clocks count from it. */
  originWallMs: number;
  environments: PlatformEnvironment[];
}

export interface WorldLog {
  /** The genesis, written by `create` when the database has none yet (first replica wins). */
  genesis(create: () => Promise<WorldGenesis>): Promise<WorldGenesis>;
  /** The last sequence number (0 when empty): the cheap "anything new?" check before each call. */
  head(): Promise<number>;
  /** Events after `seq`, in order. */
  since(seq: number): Promise<LoggedEvent[]>;
  /**
   * Runs `write` under the world's write lock: it receives the events appended after `seq`
   * (to apply first), and returns the event to append (none: the call was refused). The event
   * is stored with the next sequence number before the lock is released.
   */
  append<T>(
    seq: number,
    write: (missed: LoggedEvent[]) => Promise<{ event?: WorldEvent; result: T }>,
  ): Promise<{ result: T; seq?: number }>;
}

/** The log of a world nobody shares (no database: tests, a single in-process account). */
export class MemoryWorldLog implements WorldLog {
  private saved?: WorldGenesis;
  private readonly events: LoggedEvent[] = [];
  private lock: Promise<unknown> = Promise.resolve();

  async genesis(create: () => Promise<WorldGenesis>): Promise<WorldGenesis> {
    this.saved ??= await create();
    return this.saved;
  }

  async head(): Promise<number> {
    return this.events.length;
  }

  async since(seq: number): Promise<LoggedEvent[]> {
    return this.events.slice(seq);
  }

  append<T>(
    seq: number,
    write: (missed: LoggedEvent[]) => Promise<{ event?: WorldEvent; result: T }>,
  ): Promise<{ result: T; seq?: number }> {
    const run = async () => {
      const { event, result } = await write(this.events.slice(seq));
      if (!event) return { result };
      this.events.push({ seq: this.events.length + 1, event: structuredClone(event) });
      return { result, seq: this.events.length };
    };
    const next = this.lock.then(run, run);
    this.lock = next.catch(() => undefined);
    return next;
  }
}
