import { AdvanceableClock } from '../SimClock';

/**
 * The account's simulated clock: the replica's base clock (wall time, accelerated by
 * `speed` from the world's origin, or a test's manual clock) plus the advances recorded in
 * the world's log. Every replica replays the same advances, so all read the same time.
 * Leases never use it (they use the database's clock).
 */
export class SharedClock implements AdvanceableClock {
  private offsetMs = 0;
  constructor(private readonly base: { now(): Date }) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** Applies a logged advance (only the account calls this, when it replays the log). */
  advance(ms: number): Date {
    this.offsetMs += ms;
    return this.now();
  }

  /** Restarts from the genesis (a replica rebuilding its world replays every advance again). */
  reset(): void {
    this.offsetMs = 0;
  }
}
