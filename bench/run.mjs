#!/usr/bin/env node
// Runs every bench/*.bench.ts (or those whose name contains the first argument) one after
// the other, each in its own Node process so that peak-memory figures do not mix.
// Each benchmark prints its own figures and its ratio to its baseline.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
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
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
