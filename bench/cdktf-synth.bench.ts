/**
 * Synthesis of the full production environment: in-process (what the scaffolder action does)
 * against the `cdktf synth` CLI, side by side in one run. Goal: >= 5x faster and at most half
 * the peak memory of the CLI.
 *
 * The CLI is heavy and has native dependencies, so it is not a workspace dependency: it is
 * installed on demand into bench/.cache/cdktf-cli (git-ignored). If that fails, the reason is
 * printed and the in-process figures still are.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { measure, Measured } from './cdktf/measure';
import { BENCH_SPEC } from './cdktf/spec';
import { synthesize } from '../cdktf/src/synth/synthesize';
import { QUICK, sized } from './quick';

const ROOT = resolve(__dirname, '..');
const CACHE = join(ROOT, 'bench/.cache');
const CLI_PREFIX = join(CACHE, 'cdktf-cli');
const CLI_BIN = join(CLI_PREFIX, 'node_modules/.bin/cdktf');
const TRANSFORM = require.resolve('@backstage/cli/config/nodeTransform.cjs');
const RUNS = sized(3, 1);
const WARM_RUNS = sized(5, 2);

const mb = (n: number) => `${n.toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ensureCli(): string | undefined {
  if (existsSync(CLI_BIN)) return undefined;
  console.log(`installing cdktf-cli@0.21.0 into ${CLI_PREFIX} (once) ...`);
  mkdirSync(CLI_PREFIX, { recursive: true });
  try {
    execFileSync('npm', ['install', '--prefix', CLI_PREFIX, 'cdktf-cli@0.21.0', '--no-audit', '--no-fund'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 15 * 60_000,
    });
  } catch (e) {
    return `npm install cdktf-cli@0.21.0 failed: ${(e as Error).message.split('\n').slice(0, 3).join(' ')}`;
  }
  return existsSync(CLI_BIN) ? undefined : `cdktf-cli installed but ${CLI_BIN} is missing`;
}

async function main() {
  console.log(`spec: ${JSON.stringify(BENCH_SPEC)}`);
  // Figures scale with machine load; the ratios are what to compare across runs.
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map(l => l.toFixed(1)).join(' / ')}`);

  // 1. In-process, warm: the steady state of a running Backstage backend.
  synthesize(BENCH_SPEC);
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t = performance.now();
    synthesize(BENCH_SPEC);
    warm.push(performance.now() - t);
  }

  // 2. In-process, cold: a fresh Node process that loads the library and synthesizes once.
  const cold: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(
      await measure(process.execPath, ['--require', TRANSFORM, join(ROOT, 'bench/cdktf/in-process-once.ts')], { cwd: ROOT }),
    );
    if (cold[i].code !== 0) throw new Error(`in-process run failed: ${cold[i].stderr}`);
  }
  const inWall = median(cold.map(c => c.wallMs));
  const inPeak = median(cold.map(c => c.peakTreeRssMb));
  const inner = JSON.parse(cold[0].stdout) as { ms: number; maxRssMb: number; bytes: number };

  console.log('\nin-process synthesize() (full prod environment, 2 stacks)');
  console.log(`  warm, median of ${WARM_RUNS}      ${ms(median(warm))}`);
  console.log(`  cold process, wall     ${ms(inWall)}   (load + synth inside: ${ms(inner.ms)})`);
  console.log(`  cold process, peak RSS ${mb(inPeak)}   (process maxRSS ${mb(inner.maxRssMb)})`);
  console.log(`  output                 ${(inner.bytes / 1024).toFixed(0)} KB of Terraform JSON`);

  // 3. The same stacks through `cdktf synth`: minutes of npm install the first time and
  // seconds per run, so quick mode (CI) stops at the in-process figures.
  if (QUICK) {
    console.log('\ncdktf synth CLI: not measured in quick mode');
    return;
  }
  const why = ensureCli();
  if (why) {
    console.log(`\ncdktf synth CLI: not measured. ${why}`);
    return;
  }
  const appDir = join(CACHE, 'cdktf-app');
  mkdirSync(appDir, { recursive: true });
  const app = `node --require ${TRANSFORM} ${join(ROOT, 'bench/cdktf/cli-app.ts')}`;
  writeFileSync(
    join(appDir, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app, output: 'cdktf.out', terraformProviders: [], terraformModules: [] }, null, 2),
  );
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', CDKTF_DISABLE_PLUGIN_CACHE_ENV: '1', CI: '1', FORCE_COLOR: '0' };
  const cli: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(join(appDir, 'cdktf.out'), { recursive: true, force: true });
    const run = await measure(CLI_BIN, ['synth'], { cwd: appDir, env });
    if (run.code !== 0) {
      console.log(`\ncdktf synth CLI: failed (exit ${run.code}); in-process figures above stand.`);
      console.log(run.stderr.split('\n').slice(-15).join('\n'));
      return;
    }
    cli.push(run);
  }
  // Same output? Compare the CLI's environment stack with ours, byte for byte.
  const ours = synthesize(BENCH_SPEC).files['bench-prod/cdk.tf.json'];
  const stacksDir = join(appDir, 'cdktf.out/stacks');
  const theirs = readFileSync(join(stacksDir, 'bench-prod/cdk.tf.json'), 'utf8');
  const cliWall = median(cli.map(c => c.wallMs));
  const cliPeak = median(cli.map(c => c.peakTreeRssMb));

  console.log('\ncdktf synth CLI (same stacks, cdktf-cli@0.21.0)');
  console.log(`  wall, median of ${RUNS}      ${ms(cliWall)}`);
  console.log(`  peak RSS (whole tree)  ${mb(cliPeak)}`);
  console.log(`  stacks                 ${readdirSync(stacksDir).sort().join(', ')}`);
  console.log(`  identical output       ${ours === theirs ? 'yes' : 'no'}`);

  const speedCold = cliWall / inWall;
  const speedWarm = cliWall / median(warm);
  const memRatio = inPeak / cliPeak;
  console.log('\nratios');
  console.log(`  speed, cold in-process vs CLI  ${speedCold.toFixed(1)}x faster  (goal >= 5x: ${speedCold >= 5 ? 'met' : 'NOT met'})`);
  console.log(`  speed, warm in-process vs CLI  ${speedWarm.toFixed(1)}x faster  (the scaffolder action's case: the library is loaded at backend start)`);
  console.log(`  peak memory, in-process / CLI  ${(memRatio * 100).toFixed(0)}%  (goal <= 50%: ${memRatio <= 0.5 ? 'met' : 'NOT met'})`);
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
