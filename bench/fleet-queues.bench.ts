/*
 * Fleet and Queues views: AWS calls per refresh at 1 and 200 concurrent viewers, and p50/p95
 * latency at 200 concurrent viewers next to Backstage's own catalog entities endpoint, in
 * one backend (startTestBackend: real catalog backend + the platform-ops plugin against the
 * simulated AWS account). Run: `yarn bench fleet`.
 *
 * Topology: 10 environments (one AWS account each, us-east-1), 5 GPU fleets and 50 queues
 * per environment = 50 fleets, 500 queues (+ 500 DLQs).
 */
import { Entity } from '@backstage/catalog-model';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import * as catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { platformOpsPlugin } from '../plugins/platform-ops-backend/src/plugin';
import { simulatedAwsModule } from '../plugins/platform-ops-backend-module-simulated-aws/src/module';
import { simulatedAwsServiceFactory } from '../plugins/platform-ops-backend-module-simulated-aws/src/simulatedAwsServiceFactory';
import type { Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { QUICK, sized } from './quick';

// The bench transform does not apply default-import interop: take the default by hand.
const catalogPlugin = (catalogBackend as unknown as { default: typeof catalogBackend.default }).default;

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
const METRIC_QUERIES_PER_QUEUE = 5; // visible, oldest age, sent, deleted, DLQ visible
const TIERS = ['prod', 'prod', 'prod', 'staging', 'staging', 'staging', 'dev', 'dev', 'sandbox', 'sandbox'];

function syntheticCatalog(): Entity[] {
  const entities: Entity[] = [
    { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'platform-team' }, spec: { type: 'team', children: [] } },
  ];
  for (let e = 0; e < ENVIRONMENTS; e++) {
    const env = `env${e}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: env,
        annotations: {
          'platform-ops.io/aws-account-id': String(500000000000 + e),
          'platform-ops.io/aws-region': 'us-east-1',
          'platform-ops.io/tier': TIERS[e],
        },
      },
      spec: { type: 'environment', owner: 'platform-team' },
    });
    for (let q = 0; q < QUEUES_PER_ENV; q++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `${env}-queue${q}`,
          annotations: {
            'platform-ops.io/environment': env,
            'platform-ops.io/queue-name': `${env}-jobs-${q}`,
            'platform-ops.io/dlq-name': `${env}-jobs-${q}-dlq`,
          },
        },
        spec: { type: 'queue', owner: 'platform-team', dependsOn: [`resource:${env}`] },
      });
    }
    for (let f = 0; f < FLEETS_PER_ENV; f++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: `${env}-fleet${f}`,
          annotations: {
            'platform-ops.io/environment': env,
            'platform-ops.io/asg-name': `${env}-gpu-workers-${f}`,
            'platform-ops.io/drains-queue': `${env}-queue${f}`,
          },
        },
        spec: { type: 'gpu-fleet', owner: 'platform-team', dependsOn: [`resource:${env}`] },
      });
    }
  }
  return entities.map(entity => ({
    ...entity,
    metadata: {
      namespace: 'default',
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': 'bench:fleet-queues',
        'backstage.io/managed-by-origin-location': 'bench:fleet-queues',
      },
    },
  }));
}

/** Feeds the synthetic catalog to the real catalog backend. */
const benchEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bench-entities',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        const provider: EntityProvider = {
          getProviderName: () => 'bench-fleet-queues',
          async connect(connection: EntityProviderConnection) {
            await connection.applyMutation({
              type: 'full',
              entities: syntheticCatalog().map(entity => ({ entity, locationKey: 'bench:fleet-queues' })),
            });
          },
        };
        catalog.addEntityProvider(provider);
      },
    });
  },
});

const auth = mockCredentials.user.header('user:default/ana-platform');

async function getJson(base: string, path: string): Promise<{ ms: number; bytes: number; status: number; body: unknown }> {
  const start = performance.now();
  const send = () => fetch(`${base}${path}`, { headers: { Authorization: auth } });
  // A reused keep-alive socket the server has just closed resets; browsers retry such an
  // idempotent GET once, and so does the bench (the retry counts in the latency).
  const res = await send().catch(send);
  const text = await res.text();
  const ms = performance.now() - start;
  return { ms, bytes: text.length, status: res.status, body: res.ok ? JSON.parse(text) : text };
}

async function ledger(base: string): Promise<Record<string, number>> {
  const { body } = await getJson(base, '/api/platform-ops/aws/ledger');
  return (body as { byOperation: Record<string, number> }).byOperation;
}

function diff(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One viewer's refresh of both views, as the frontend does it. */
const VIEW_PATHS = ['/api/platform-ops/fleets', '/api/platform-ops/queues'];

async function refreshCalls(base: string, viewers: number) {
  await sleep(CACHE_SECONDS * 1000 + 500); // every cached answer has expired: a cold refresh
  const before = await ledger(base);
  const results = await Promise.all(
    Array.from({ length: viewers }, () => Promise.all(VIEW_PATHS.map(p => getJson(base, p)))),
  );
  const bad = results.flat().filter(r => r.status !== 200);
  if (bad.length) throw new Error(`refresh failed: ${bad[0].status} ${String(bad[0].body).slice(0, 300)}`);
  return diff(await ledger(base), before);
}

async function latency(base: string, path: string) {
  const samples: number[] = [];
  let bytes = 0;
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    const results = await Promise.all(Array.from({ length: VIEWERS }, () => getJson(base, path)));
    for (const r of results) {
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${String(r.body).slice(0, 300)}`);
      samples.push(r.ms);
      bytes = r.bytes;
    }
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), bytes };
}

async function main() {
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      benchEntities,
      platformOpsPlugin,
      simulatedAwsServiceFactory,
      simulatedAwsModule,
      mockServices.rootConfig.factory({
        data: {
          catalog: { processingInterval: { seconds: 1 } },
          platformOps: {
            inventory: { cacheSeconds: 600 },
            fleet: { cacheSeconds: CACHE_SECONDS },
            aws: { mode: 'simulated', simulation: { backfillHours: 1, seed: 42 } },
          },
        },
      }),
    ],
  });
  const address = (server as Server).address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // Wait for the catalog to have processed every entity (the inventory reads it once).
  const expected = syntheticCatalog().filter(e => e.kind === 'Resource').length;
  const catalogPath = '/api/catalog/entities/by-query?filter=kind=resource&limit=1000';
  for (let i = 0; ; i++) {
    const { body } = await getJson(base, catalogPath);
    const items = (body as { items?: Entity[] }).items ?? [];
    if (items.length >= expected) break;
    if (i > 240) throw new Error(`catalog processed ${items.length} of ${expected} entities in 2 min`);
    await sleep(500);
  }
  const inventory = await getJson(base, '/api/platform-ops/environments');
  const envs = (inventory.body as { environments: Array<{ resources: unknown[] }> }).environments;
  console.log(
    `topology: ${envs.length} environments, ${envs.reduce((n, e) => n + e.resources.length, 0)} AWS resources in the inventory (${ENVIRONMENTS * FLEETS_PER_ENV} fleets, ${ENVIRONMENTS * QUEUES_PER_ENV} queues)`,
  );
  // First use seeds the simulated account (1 h of backfill); not part of any figure.
  await Promise.all(VIEW_PATHS.map(p => getJson(base, p)));

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
  console.log(`  grows with viewers: ${total(many) > total(one) ? 'YES (bad)' : 'no'}`);
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
  if (total(many) > total(one)) {
    console.error('FAIL: AWS calls per refresh grow with the number of viewers');
    process.exit(1);
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
