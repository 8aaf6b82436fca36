/*
 * Growth: the same backend code at two sizes, each in its own Node process (so that peak
 * memory does not mix), against the simulated AWS account. Run: `yarn bench growth`.
 *
 *   small: 10 accounts,  50 fleets,    500 queues (+ 500 DLQs)
 *   large: 40 accounts, 1,000 fleets, 10,000 queues (+ 10,000 DLQs)  = 20x the resources
 *
 * For each: AWS calls of one cold refresh of the Fleet + Queues views (1 viewer and 200 at
 * once: the count must not grow with viewers), next to what batching predicts
 * (sum over accounts of ceil(n / batch)); p50/p95 of GET /fleets and /queues at 200
 * concurrent viewers, both the first page the views read and the whole list, next to
 * Backstage's catalog endpoint (a page of 1,000) in the same backend; peak RSS.
 * Goals: <= 60 calls and <= 0.5x the catalog's p95 at the small size; latency at most 3x
 * for 20x the resources.
 *
 * Then, in a third process, one catalog discovery run over 10,000 tagged resources (the
 * same measurement as bench/discovery.bench.ts): its duration and AWS calls.
 *
 * `--quick` shrinks both topologies (4 accounts at most) and the discovery to 600 resources,
 * so that CI proves the benchmark runs; the figures worth quoting are the full run's.
 */
import { spawnSync } from 'node:child_process';
import {
  CATALOG_PATH,
  LatencyFigures,
  Topology,
  VIEW_PAGE,
  VIEW_PATHS,
  diff,
  getJson,
  growsWithViewers,
  latency,
  ledger,
  refreshCalls,
  startOpsBackend,
  total,
} from './opsBackend';
import { DISCOVERY_TIMEOUT_MS, DiscoveryFigures, measureDiscovery } from './discoveryRun';
import { QUICK, sized } from './quick';

const SIZES: Record<'small' | 'large', Topology> = {
  small: { environments: sized(10, 2), fleetsPerEnv: sized(5, 2), queuesPerEnv: sized(50, 5) },
  large: { environments: sized(40, 4), fleetsPerEnv: sized(25, 4), queuesPerEnv: sized(250, 40) },
};
const VIEWERS = sized(200, 10);
/** What the health strip reads every 15 s: only the queues needing attention. */
const STRIP_READ = '?needsAttention=true';
const DISCOVERY_RESOURCES = sized(10_000, 600);
const LATENCY_ROUNDS = Number(process.env.GROWTH_LATENCY_ROUNDS ?? sized(3, 1));
/** Outlasts the latency rounds (warm answers); the cold rounds wait it out. */
const CACHE_SECONDS = sized(90, 8);

/** The product's batch sizes, to say what the call counts should be. */
const QUERIES_PER_CALL = 500; // GetMetricData
const LIST_QUERIES_PER_QUEUE = 5; // visible, in flight, delayed, oldest age, DLQ visible
const GROUPS_PER_CALL = 100; // DescribeAutoScalingGroups
const FILTER_VALUES_PER_CALL = 200; // DescribeInstances tag filter

interface SizeResult {
  size: string;
  topology: Topology;
  one: Record<string, number>;
  many: Record<string, number>;
  fleets: LatencyFigures;
  queues: LatencyFigures;
  fleetsPage: LatencyFigures;
  queuesPage: LatencyFigures;
  queuesStrip: LatencyFigures;
  catalog: LatencyFigures;
  awsDuringLatency: number;
  peakRssMiB: number;
  startSeconds: number;
}

/** Child process: one size, figures printed as one JSON line. */
async function measure(size: 'small' | 'large'): Promise<void> {
  const topology = SIZES[size];
  const started = Date.now();
  const { base } = await startOpsBackend({
    topology,
    cacheSeconds: CACHE_SECONDS,
    backfillHours: 1,
    catalogWaitSeconds: sized(1800, 120),
  });
  const startSeconds = (Date.now() - started) / 1000;
  const one = await refreshCalls(base, 1, CACHE_SECONDS);
  const many = await refreshCalls(base, VIEWERS, CACHE_SECONDS);
  // Progress on stderr (shown live): the call counts come long before the latency rounds end.
  console.error(`${size}: up in ${startSeconds.toFixed(0)} s; cold refresh calls, 1 viewer ${JSON.stringify(one)}; ${VIEWERS} viewers ${JSON.stringify(many)}`);
  // Warm: the whole lists too, so that no measured round builds their item strings.
  await Promise.all([...VIEW_PATHS, '/api/platform-ops/fleets', '/api/platform-ops/queues'].map(p => getJson(base, p)));
  const before = await ledger(base);
  const fleets = await latency(base, '/api/platform-ops/fleets', VIEWERS, LATENCY_ROUNDS);
  const queues = await latency(base, '/api/platform-ops/queues', VIEWERS, LATENCY_ROUNDS);
  const fleetsPage = await latency(base, `/api/platform-ops/fleets${VIEW_PAGE}`, VIEWERS, LATENCY_ROUNDS);
  const queuesPage = await latency(base, `/api/platform-ops/queues${VIEW_PAGE}`, VIEWERS, LATENCY_ROUNDS);
  const queuesStrip = await latency(base, `/api/platform-ops/queues${STRIP_READ}`, VIEWERS, LATENCY_ROUNDS);
  const catalog = await latency(base, CATALOG_PATH, VIEWERS, LATENCY_ROUNDS);
  const awsDuringLatency = total(diff(await ledger(base), before));
  const result: SizeResult = {
    size,
    topology,
    one,
    many,
    fleets,
    queues,
    fleetsPage,
    queuesPage,
    queuesStrip,
    catalog,
    awsDuringLatency,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    startSeconds,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

type Child = 'small' | 'large' | 'discovery';

function runChild(size: 'small' | 'large'): SizeResult;
function runChild(size: 'discovery'): DiscoveryFigures;
function runChild(size: Child): SizeResult | DiscoveryFigures {
  const run = spawnSync(process.execPath, [...process.execArgv, __filename], {
    env: { ...process.env, GROWTH_SIZE: size },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = run.stdout.split('\n').find(l => l.startsWith('RESULT '));
  if (run.status !== 0 || !line) {
    process.stdout.write(run.stdout.slice(-4000));
    throw new Error(`${size} run failed (exit ${run.status ?? run.signal})`);
  }
  return JSON.parse(line.slice('RESULT '.length));
}

/** What batching predicts for one cold refresh, per operation (alarms: at least one page). */
function predicted(t: Topology): Record<string, number> {
  const per = (n: number, batch: number) => t.environments * Math.ceil(n / batch);
  return {
    'CloudWatch.GetMetricData': per(t.queuesPerEnv * LIST_QUERIES_PER_QUEUE, QUERIES_PER_CALL),
    'AutoScaling.DescribeAutoScalingGroups': per(t.fleetsPerEnv, GROUPS_PER_CALL),
    'EC2.DescribeInstances': per(t.fleetsPerEnv, FILTER_VALUES_PER_CALL),
    'CloudWatch.DescribeAlarms': t.environments,
  };
}

const fmt = (n: number) => n.toFixed(1).padStart(8);

function report(results: SizeResult[], sizesShown = false) {
  for (const r of sizesShown ? [] : results) {
    const t = r.topology;
    console.log(
      `\n--- ${r.size}: ${t.environments} accounts, ${t.environments * t.fleetsPerEnv} fleets, ` +
        `${t.environments * t.queuesPerEnv} queues (+ DLQs); backend up and catalog processed in ${r.startSeconds.toFixed(0)} s`,
    );
    const expect = predicted(t);
    console.log(`  AWS calls per cold refresh          1 viewer   ${VIEWERS} viewers   ceil(n/batch) per account`);
    for (const op of [...new Set([...Object.keys(r.one), ...Object.keys(r.many)])].sort()) {
      const hint = expect[op] !== undefined ? String(expect[op]) + (op.endsWith('DescribeAlarms') ? '+ (pages of 100)' : '') : '';
      console.log(`  ${op.padEnd(36)} ${String(r.one[op] ?? 0).padStart(8)}   ${String(r.many[op] ?? 0).padStart(11)}   ${hint}`);
    }
    console.log(`  ${'total'.padEnd(36)} ${String(total(r.one)).padStart(8)}   ${String(total(r.many)).padStart(11)}`);
    console.log(`  Latency at ${VIEWERS} concurrent viewers, warm (${LATENCY_ROUNDS} rounds; ${r.awsDuringLatency} AWS calls during them):`);
    const row = (name: string, f: LatencyFigures) =>
      console.log(`    ${name.padEnd(30)} p50 ${fmt(f.p50)} ms   p95 ${fmt(f.p95)} ms   ${(f.bytes / 1024).toFixed(0).padStart(6)} KiB`);
    row(`GET .../fleets${VIEW_PAGE}`, r.fleetsPage);
    row(`GET .../queues${VIEW_PAGE}`, r.queuesPage);
    row('GET .../fleets (whole list)', r.fleets);
    row('GET .../queues (whole list)', r.queues);
    row(`GET .../queues${STRIP_READ}`, r.queuesStrip);
    row('GET catalog by-query (1000)', r.catalog);
    const vs = (f: LatencyFigures) => `${(f.p95 / r.catalog.p95).toFixed(2)}x`;
    console.log(`    p95 vs catalog, first page: fleets ${vs(r.fleetsPage)}, queues ${vs(r.queuesPage)}`);
    console.log(`    p95 vs catalog, whole list: fleets ${vs(r.fleets)}, queues ${vs(r.queues)}; queues needing attention ${vs(r.queuesStrip)}`);
    console.log(`  Peak RSS (backend + catalog + simulated account, one process): ${r.peakRssMiB.toFixed(0)} MiB`);
  }
  const [small, large] = results;
  if (!large) return failures(results);
  const resources = (t: Topology) => t.environments * (t.fleetsPerEnv + t.queuesPerEnv);
  const growth = resources(large.topology) / resources(small.topology);
  console.log(`\n--- growth: ${growth.toFixed(1)}x the resources${QUICK ? ' [quick mode: small topologies, figures not comparable]' : ''}`);
  console.log(`  AWS calls per cold refresh: ${total(small.one)} -> ${total(large.one)} (${(total(large.one) / total(small.one)).toFixed(2)}x)`);
  const grew = (name: string, pick: (r: SizeResult) => LatencyFigures) =>
    console.log(`  p95 ${name}: ${pick(small).p95.toFixed(1)} -> ${pick(large).p95.toFixed(1)} ms (${(pick(large).p95 / pick(small).p95).toFixed(2)}x)`);
  grew(`/fleets${VIEW_PAGE}`, r => r.fleetsPage);
  grew(`/queues${VIEW_PAGE}`, r => r.queuesPage);
  grew('/fleets (whole list)', r => r.fleets);
  grew('/queues (whole list)', r => r.queues);
  console.log(`  peak RSS: ${small.peakRssMiB.toFixed(0)} -> ${large.peakRssMiB.toFixed(0)} MiB (${(large.peakRssMiB / small.peakRssMiB).toFixed(2)}x)`);
  // Judged on what the views read (their first page), and shown for the whole lists too.
  const smallRatio = (fleets: LatencyFigures, queues: LatencyFigures) => Math.max(fleets.p95, queues.p95) / small.catalog.p95;
  const latencyGrowth = (pick: (r: SizeResult) => [LatencyFigures, LatencyFigures]) =>
    Math.max(...pick(large).map((f, i) => f.p95 / pick(small)[i].p95));
  const goal = (what: string, value: number, limit: number) =>
    console.log(`    ${what}: ${value.toFixed(2)}x ${value <= limit ? 'met' : 'NOT met'}`);
  console.log('  goals:');
  console.log(`    calls at the small size <= 60: ${total(small.one)} ${total(small.one) <= 60 ? 'met' : 'NOT met'}`);
  goal('p95 at the small size <= 0.5x the catalog, first page', smallRatio(small.fleetsPage, small.queuesPage), 0.5);
  goal('p95 at the small size <= 0.5x the catalog, whole list', smallRatio(small.fleets, small.queues), 0.5);
  goal(`latency at most 3x for ${growth.toFixed(0)}x resources, first page`, latencyGrowth(r => [r.fleetsPage, r.queuesPage]), 3);
  goal(`latency at most 3x for ${growth.toFixed(0)}x resources, whole list`, latencyGrowth(r => [r.fleets, r.queues]), 3);
  failures(results);
}

/** Failures, not just figures: calls that grow with viewers or beyond what batching predicts. */
function failures(results: SizeResult[]) {
  let failed = false;
  for (const r of results) {
    if (growsWithViewers(r.one, r.many)) {
      console.error(`FAIL (${r.size}): AWS calls per refresh grow with the number of viewers`);
      failed = true;
    }
    const expect = predicted(r.topology);
    for (const op of ['CloudWatch.GetMetricData', 'AutoScaling.DescribeAutoScalingGroups', 'EC2.DescribeInstances']) {
      if ((r.one[op] ?? 0) > expect[op]) {
        console.error(`FAIL (${r.size}): ${op} ${r.one[op]} calls, batching says ${expect[op]}`);
        failed = true;
      }
    }
    if (r.one['SQS.GetQueueAttributes']) {
      console.error(`FAIL (${r.size}): the lists sent ${r.one['SQS.GetQueueAttributes']} GetQueueAttributes`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

function reportDiscovery(f: DiscoveryFigures) {
  const pages = f.byOperation['ResourceGroupsTaggingAPI.GetResources'] ?? 0;
  console.log(`\n--- discovery: ${f.resources} tagged resources in ${f.environments} environments (1 account, 1 region)`);
  console.log(`  one run: ${f.seconds.toFixed(2)} s (${(((f.seconds * 1000) / DISCOVERY_TIMEOUT_MS) * 100).toFixed(1)}% of the 3 min default timeout), ${f.emitted} entities, peak heap +${f.peakHeapMB.toFixed(0)} MB`);
  console.log(`  AWS calls: ${f.calls} (${(f.calls / f.getResourcesFloor).toFixed(1)}x the ${f.getResourcesFloor} GetResources pages that ceil(n/100) needs)`);
  for (const [op, n] of Object.entries(f.byOperation).sort()) console.log(`    ${op.padEnd(36)} ${n}`);
  console.log(`  GetResources pages: ${pages} (${(pages / f.getResourcesFloor).toFixed(2)}x the floor)`);
}

async function main() {
  const size = process.env.GROWTH_SIZE;
  if (size === 'small' || size === 'large') {
    await measure(size);
    return;
  }
  if (size === 'discovery') {
    console.log(`RESULT ${JSON.stringify(await measureDiscovery(DISCOVERY_RESOURCES))}`);
    process.exit(0);
  }
  // GROWTH_ONLY=small (or large, or discovery) measures one part (e.g. to compare with an older build).
  const only = process.env.GROWTH_ONLY;
  const sizes = (['small', 'large'] as const).filter(s => !only || s === only);
  const results = sizes.map(s => {
    console.log(`measuring the ${s} topology...`);
    const result = runChild(s);
    report([result]); // each size's figures as soon as they are in
    return result;
  });
  if (results.length > 1) report(results, true);
  if (!only || only === 'discovery') {
    console.log(`\nmeasuring discovery of ${DISCOVERY_RESOURCES} tagged resources...`);
    reportDiscovery(runChild('discovery'));
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
