// One cold in-process synthesis in a fresh Node process: module loading included, as a
// scaffolder action would pay on its first run. Prints JSON for the benchmark driver.
const t0 = performance.now();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { synthesize } = require('../../cdktf/src/synth/synthesize') as typeof import('../../cdktf/src/synth/synthesize');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BENCH_SPEC } = require('./spec') as typeof import('./spec');
const result = synthesize(BENCH_SPEC);
const ms = performance.now() - t0;
process.stdout.write(
  JSON.stringify({
    ms,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    bytes: Object.values(result.files).reduce((s, f) => s + f.length, 0),
  }),
);
