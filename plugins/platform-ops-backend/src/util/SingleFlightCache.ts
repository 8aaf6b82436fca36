/**
 * A small in-memory cache whose loads are shared: concurrent callers of the same key wait for
 * one load, and the answer is reused for `ttlMs`. This is what keeps AWS and catalog calls
 * flat in the number of people looking at a page. A failed load is not cached.
 */
export class SingleFlightCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.value;
    const value = load();
    // The entry is in place before the load settles: that is the single flight. It does not
    // expire while in flight (a load slower than the TTL must not start a second one), and
    // the TTL counts from when the answer arrived.
    const entry = { value, expiresAt: Number.POSITIVE_INFINITY };
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.expiresAt = this.now() + this.ttlMs;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  invalidate(key?: string) {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }
}
