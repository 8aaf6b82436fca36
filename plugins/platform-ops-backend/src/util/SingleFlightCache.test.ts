import { SingleFlightCache } from './SingleFlightCache';

describe('SingleFlightCache', () => {
  it('shares one load between concurrent callers, even when the load outlasts the TTL', async () => {
    let now = 0;
    const cache = new SingleFlightCache<number>(1_000, () => now);
    let release!: (n: number) => void;
    const load = jest.fn(() => new Promise<number>(r => (release = r)));
    const first = cache.get('k', load);
    now = 5_000; // the load is still running, long after the TTL
    const second = cache.get('k', load);
    release(42);
    expect(await first).toBe(42);
    expect(await second).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('counts the TTL from when the answer arrived, then loads again', async () => {
    let now = 0;
    const cache = new SingleFlightCache<number>(1_000, () => now);
    let n = 0;
    const load = jest.fn(async () => ++n);
    await cache.get('k', load);
    now = 999;
    expect(await cache.get('k', load)).toBe(1);
    now = 1_001;
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const cache = new SingleFlightCache<number>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
    expect(await cache.get('k', async () => 7)).toBe(7);
  });
});
