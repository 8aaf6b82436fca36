/**
 * Deterministic randomness for the simulated account. Every random draw comes from a seeded
 * PRNG (or a hash of a stable key), so the same seed and the same clock give the same
 * account: tests are repeatable and a demo looks the same after a restart.
 */

/** mulberry32: tiny, fast, good enough for a simulation (not for anything secret). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A number in [0, 1) that depends only on the key: noise that does not drift with call order. */
export function hashUnit(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return seededRandom(h >>> 0)();
}

/** Poisson-distributed count with mean `lambda` (Knuth for small means, normal beyond). */
export function poisson(random: () => number, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 30) {
    const u = Math.max(random(), 1e-12);
    const v = random();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal));
  }
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** A uniform draw in [min, max). */
export function between(random: () => number, min: number, max: number): number {
  return min + (max - min) * random();
}

/** A short id in AWS style (hex), e.g. for instance ids: i-0abc... */
export function hexId(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}
