/**
 * Lazily applied state transitions. A model schedules what will happen ("AZs swap at t+93 s")
 * when an action starts, and applies everything that is due when the next call arrives. No
 * timers: tests move a ManualClock and the state is exactly what it would have been.
 */
export class Timeline {
  private events: { at: number; seq: number; apply: () => void }[] = [];
  private seq = 0;
  private current = Number.NEGATIVE_INFINITY;

  schedule(at: Date | number, apply: () => void): void {
    const when = typeof at === 'number' ? at : at.getTime();
    this.events.push({ at: when, seq: this.seq++, apply });
    // Keep order by time, then by scheduling order, so equal times replay deterministically.
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Applies every transition due at or before `now`, in time order. */
  advanceTo(now: Date): void {
    const t = now.getTime();
    // A clock never goes back; ignore a stale `now` instead of undoing anything.
    if (t < this.current) return;
    this.current = t;
    while (this.events.length > 0 && this.events[0].at <= t) {
      const next = this.events.shift()!;
      next.apply();
    }
  }
}

/** A duration in ms drawn uniformly between minSeconds and maxSeconds from `random`. */
export function randomMs(
  random: () => number,
  minSeconds: number,
  maxSeconds: number,
): number {
  return Math.round((minSeconds + (maxSeconds - minSeconds) * random()) * 1000);
}

/** An id of `length` characters from `alphabet`, drawn from `random` (deterministic). */
export function randomId(
  random: () => number,
  length: number,
  alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
): string {
  let id = '';
  for (let i = 0; i < length; i++) {
    id += alphabet[Math.floor(random() * alphabet.length) % alphabet.length];
  }
  return id;
}
