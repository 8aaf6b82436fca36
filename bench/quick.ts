/**
 * Quick mode (`yarn bench --quick`, set by bench/run.mjs as BENCH_QUICK=1): every benchmark
 * runs its same code on a small topology in a few seconds, so that `./scripts/test.sh` runs
 * them all and a benchmark that no longer compiles or runs fails CI instead of rotting.
 * Quick figures prove the benchmark works; only the full run's figures are worth quoting.
 */
export const QUICK = process.env.BENCH_QUICK === '1';

/** The full-run value, or the quick-mode one. */
export function sized<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}
