/** Real milliseconds: leases run on the database's clock, so tests wait for real. */
export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * A replica's view of a shared dependency (its store, its gateway) that can be killed: after
 * `kill()`, every call made through it never returns, as if the process had died. Calls
 * already answered are unaffected; a replica in the middle of a step freezes wherever it is.
 */
export function killable<T extends object>(target: T): { proxy: T; kill(): void; readonly dead: boolean } {
  let dead = false;
  const proxy = new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (dead) return new Promise(() => {});
        return (value as (...a: unknown[]) => unknown).apply(obj, args);
      };
    },
  });
  return {
    proxy,
    kill: () => {
      dead = true;
    },
    get dead() {
      return dead;
    },
  };
}
