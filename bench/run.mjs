#!/usr/bin/env node
// Runs every bench/*.bench.ts (or those whose name contains the first argument) one after
// the other, each in its own Node process so that peak-memory figures do not mix.
// Each benchmark prints its own figures and its ratio to its baseline.
// `--quick` runs each on a small topology in seconds (what ./scripts/test.sh does, so that a
// broken benchmark fails CI); without it, the full benchmarks whose figures are quoted.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filter = args.find(a => !a.startsWith('--')) ?? '';
const files = readdirSync(here)
  .filter(f => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches "${filter}" in bench/`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--require', '@backstage/cli/config/nodeTransform.cjs', join(here, file)],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', ...(quick ? { BENCH_QUICK: '1' } : {}) } },
  );
  if (run.status !== 0) {
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
