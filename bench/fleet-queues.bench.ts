/*
 * Fleet and Queues views: AWS calls per refresh at 1 and 200 concurrent viewers, and p50/p95
 * latency at 200 concurrent viewers next to Backstage's own catalog entities endpoint, in
 * one backend (startTestBackend: real catalog backend + the platform-ops plugin against the
 * simulated AWS account). Run: `yarn bench fleet`.
 *
 * Topology: 10 environments (one AWS account each, us-east-1), 5 GPU fleets and 50 queues
 * per environment = 50 fleets, 500 queues (+ 500 DLQs).
 */
import {
  CATALOG_PATH,
  VIEW_PATHS,
  diff,
  getJson,
  growsWithViewers,
  latency as latencyOf,
  ledger,
  refreshCalls as refreshCallsOf,
  startOpsBackend,
  total,
} from './opsBackend';
import { QUICK, sized } from './quick';

const ENVIRONMENTS = sized(10, 2);
const FLEETS_PER_ENV = sized(5, 2);
const QUEUES_PER_ENV = sized(50, 5);
const VIEWERS = sized(200, 10);
const LATENCY_ROUNDS = sized(3, 1);
/**
 * The call-count rounds wait it out to start cold; it outlasts the latency rounds so they
 * measure warm answers (the figures say how many AWS calls happened during them).
 */
const CACHE_SECONDS = sized(90, 2);
const METRIC_QUERIES_PER_QUEUE = 5; // visible, in flight, delayed, oldest age, DLQ visible

const refreshCalls = (base: string, viewers: number) => refreshCallsOf(base, viewers, CACHE_SECONDS);
const latency = (base: string, path: string) => latencyOf(base, path, VIEWERS, LATENCY_ROUNDS);

async function main() {
  const { base, expected } = await startOpsBackend({
    topology: { environments: ENVIRONMENTS, fleetsPerEnv: FLEETS_PER_ENV, queuesPerEnv: QUEUES_PER_ENV },
    cacheSeconds: CACHE_SECONDS,
    backfillHours: 1,
    catalogWaitSeconds: 120,
  });
  const catalogPath = CATALOG_PATH;
  const inventory = await getJson(base, '/api/platform-ops/environments');
  const envs = (inventory.body as { environments: Array<{ resources: unknown[] }> }).environments;
  console.log(
    `topology: ${envs.length} environments, ${envs.reduce((n, e) => n + e.resources.length, 0)} AWS resources in the inventory (${ENVIRONMENTS * FLEETS_PER_ENV} fleets, ${ENVIRONMENTS * QUEUES_PER_ENV} queues)`,
  );

  // --- AWS calls per refresh -------------------------------------------------------------
  const one = await refreshCalls(base, 1);
  const many = await refreshCalls(base, VIEWERS);
  const queries = ENVIRONMENTS * QUEUES_PER_ENV * METRIC_QUERIES_PER_QUEUE;
  const perLocation = ENVIRONMENTS * Math.ceil((QUEUES_PER_ENV * METRIC_QUERIES_PER_QUEUE) / 500);
  console.log('\nAWS calls for one refresh of the Fleet + Queues views (cold cache):');
  console.log(`  operation                                   1 viewer   ${VIEWERS} viewers`);
  for (const op of [...new Set([...Object.keys(one), ...Object.keys(many)])].sort()) {
    console.log(`  ${op.padEnd(42)} ${String(one[op] ?? 0).padStart(8)}   ${String(many[op] ?? 0).padStart(11)}`);
  }
  console.log(`  ${'total'.padEnd(42)} ${String(total(one)).padStart(8)}   ${String(total(many)).padStart(11)}`);
  console.log(`  grows with viewers: ${growsWithViewers(one, many) ? 'YES (bad)' : 'no'}`);
  const gmd = one['CloudWatch.GetMetricData'] ?? 0;
  console.log(
    `  GetMetricData: ${gmd} calls for ${queries} queries in ${ENVIRONMENTS} accounts; ` +
      `sum over accounts of ceil(queries/500) = ${perLocation} (GetMetricData cannot span accounts; ` +
      `ceil(${queries}/500) = ${Math.ceil(queries / 500)} if they shared one)`,
  );

  // --- Latency at 200 concurrent viewers, warm --------------------------------------------
  await Promise.all(VIEW_PATHS.map(p => getJson(base, p))); // warm
  const beforeLatency = await ledger(base);
  const fleets = await latency(base, '/api/platform-ops/fleets');
  const queues = await latency(base, '/api/platform-ops/queues');
  const catalog = await latency(base, catalogPath);
  const awsDuring = total(diff(await ledger(base), beforeLatency));
  console.log(`\nLatency at ${VIEWERS} concurrent viewers, warm (${LATENCY_ROUNDS} rounds each, same backend):`);
  const row = (name: string, r: { p50: number; p95: number; bytes: number }) =>
    console.log(`  ${name.padEnd(46)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p95 ${r.p95.toFixed(1).padStart(7)} ms   ${(r.bytes / 1024).toFixed(0).padStart(5)} KiB`);
  row(`GET /api/platform-ops/fleets (${ENVIRONMENTS * FLEETS_PER_ENV} fleets)`, fleets);
  row(`GET /api/platform-ops/queues (${ENVIRONMENTS * QUEUES_PER_ENV} queues)`, queues);
  row(`GET /api/catalog/entities/by-query (${expected} ent.)`, catalog);
  console.log(`  AWS calls during the latency rounds: ${awsDuring}`);
  console.log(
    `  ratio p95 vs catalog: fleets ${(fleets.p95 / catalog.p95).toFixed(2)}x, queues ${(queues.p95 / catalog.p95).toFixed(2)}x (goal <= 1.5x)${QUICK ? ' [quick mode: small topology, figures not comparable]' : ''}`,
  );
  // The call count per refresh must not grow with viewers: a failure, not just a figure.
  if (growsWithViewers(one, many)) {
    console.error('FAIL: AWS calls per refresh grow with the number of viewers');
    process.exit(1);
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
