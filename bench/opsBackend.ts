/*
 * What the Fleet/Queues benchmarks share: a synthetic catalog of N environments (one AWS
 * account each), a backend started with the real catalog backend + the platform-ops plugin
 * against the simulated AWS account, and the measurements (AWS call ledger, latency of
 * concurrent viewers). Not a benchmark itself (bench/run.mjs runs *.bench.ts only).
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
import { Agent, get as httpGet, type Server } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { performance } from 'node:perf_hooks';

// The bench transform does not apply default-import interop: take the default by hand.
const catalogPlugin = (catalogBackend as unknown as { default: typeof catalogBackend.default }).default;

export interface Topology {
  environments: number;
  fleetsPerEnv: number;
  queuesPerEnv: number;
}

const TIERS = ['prod', 'prod', 'prod', 'staging', 'staging', 'staging', 'dev', 'dev', 'sandbox', 'sandbox'];
const LOCATION_KEY = 'bench:fleet-queues';

/** Environments with their fleets and queues (+ DLQs), each fleet draining one queue. */
export function syntheticCatalog(t: Topology): Entity[] {
  const entities: Entity[] = [
    { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'platform-team' }, spec: { type: 'team', children: [] } },
  ];
  for (let e = 0; e < t.environments; e++) {
    const env = `env${e}`;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: env,
        annotations: {
          'platform-ops.io/aws-account-id': String(500000000000 + e),
          'platform-ops.io/aws-region': 'us-east-1',
          'platform-ops.io/tier': TIERS[e % TIERS.length],
        },
      },
      spec: { type: 'environment', owner: 'platform-team' },
    });
    for (let q = 0; q < t.queuesPerEnv; q++) {
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
    for (let f = 0; f < t.fleetsPerEnv; f++) {
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
        'backstage.io/managed-by-location': LOCATION_KEY,
        'backstage.io/managed-by-origin-location': LOCATION_KEY,
      },
    },
  }));
}

/** Feeds the synthetic catalog to the real catalog backend. */
function benchEntities(entities: Entity[]) {
  return createBackendModule({
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
                entities: entities.map(entity => ({ entity, locationKey: LOCATION_KEY })),
              });
            },
          };
          catalog.addEntityProvider(provider);
        },
      });
    },
  });
}

const auth = mockCredentials.user.header('user:default/ana-platform');
const gunzipAsync = promisify(gunzip);

export interface JsonAnswer {
  ms: number;
  bytes: number;
  status: number;
  body: unknown;
}

/**
 * Viewers' connections: kept alive between requests, as a browser keeps them. node:http, not
 * fetch: Node 22's fetch (undici 6) fails a gzip response with "terminated: other side closed"
 * when the server closes the idle keep-alive socket (Node's keepAliveTimeout, counted from
 * when the last byte was handed to the kernel) before the client has read the body, although
 * every byte has arrived (bytesRead = headers + Content-Length). With 200 viewers parsing
 * multi-MB lists in the backend's own process, reading often lags writing by more than those
 * 5 s. Browsers and node:http read the whole delimited body before the FIN, as TCP allows.
 */
const viewerAgent = new Agent({ keepAlive: true });

interface RawAnswer {
  status: number;
  text: string;
}

/** One GET as a browser sends it (gzip accepted), the body read whole and decompressed. */
function getText(base: string, path: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpGet(`${base}${path}`, { agent: viewerAgent, headers: { Authorization: auth, 'Accept-Encoding': 'gzip' } }, res => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const decoded = res.headers['content-encoding'] === 'gzip' ? gunzipAsync(body) : Promise.resolve(body);
        decoded.then(bytes => resolve({ status: res.statusCode ?? 0, text: bytes.toString('utf8') }), reject);
      });
    });
    // A reused keep-alive socket the server has just closed resets before any answer; browsers
    // retry such an idempotent GET once, and so does the bench (the retry counts in the latency).
    req.on('error', error => (answered ? reject(error) : reject(Object.assign(error, { beforeAnswer: true }))));
  });
}

const retryOnce = (send: () => Promise<RawAnswer>) =>
  send().catch((error: Error & { beforeAnswer?: boolean }) => (error.beforeAnswer ? send() : Promise.reject(error)));

/**
 * GET and parse, as a viewer's browser does. `discard`: parse, then drop the parsed body, so
 * that 200 concurrent viewers of a 10,000-queue list do not hold 200 parsed copies at once
 * (the bench's own heap, not the backend's, would otherwise set the peak).
 */
export async function getJson(base: string, path: string, options: { discard?: boolean } = {}): Promise<JsonAnswer> {
  const start = performance.now();
  const { status, text } = await retryOnce(() => getText(base, path));
  const ms = performance.now() - start;
  const ok = status >= 200 && status < 300;
  const body: unknown = ok ? JSON.parse(text) : text;
  return { ms, bytes: text.length, status, body: options.discard && ok ? undefined : body };
}

/** AWS calls so far, by `Service.Operation`, from the simulated account's ledger. */
export async function ledger(base: string): Promise<Record<string, number>> {
  const { body } = await getJson(base, '/api/platform-ops/aws/ledger');
  return (body as { byOperation: Record<string, number> }).byOperation;
}

export function diff(after: Record<string, number>, before: Record<string, number>) {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] ?? 0) > 0) out[k] = v - (before[k] ?? 0);
  return out;
}

export const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

/**
 * Calls that depend on the world, not on the viewers: the fleet list reads the activities of
 * the groups converging at that moment, which may be more at the second refresh than at the
 * first. Left out when checking that calls do not grow with viewers.
 */
const STATE_DEPENDENT = new Set(['AutoScaling.DescribeScalingActivities']);

/** Whether `many` viewers made more calls than one did, apart from the state-dependent ones. */
export const growsWithViewers = (one: Record<string, number>, many: Record<string, number>) =>
  Object.entries(many).some(([op, n]) => !STATE_DEPENDENT.has(op) && n > (one[op] ?? 0));
export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The first page the Fleet and Queues views read (the frontend's FIRST_LIST_PAGE). */
export const VIEW_PAGE = '?offset=0&limit=50';
/**
 * One viewer's refresh of both views, as the frontend does it: their first page. (A page
 * still loads every environment's whole list into the cache, so the AWS calls are those of
 * the whole lists; at 10,000 queues 200 viewers of the whole lists outlasted the cache TTL
 * on a busy machine and counted a second refresh.)
 */
export const VIEW_PATHS = [`/api/platform-ops/fleets${VIEW_PAGE}`, `/api/platform-ops/queues${VIEW_PAGE}`];
/** Backstage's own catalog endpoint, the yardstick for latency. */
export const CATALOG_PATH = '/api/catalog/entities/by-query?filter=kind=resource&limit=1000';

/** AWS calls of one cold refresh of both views by `viewers` concurrent viewers. */
export async function refreshCalls(base: string, viewers: number, cacheSeconds: number) {
  await sleep(cacheSeconds * 1000 + 500); // every cached answer has expired: a cold refresh
  const before = await ledger(base);
  const results = await Promise.all(
    Array.from({ length: viewers }, () => Promise.all(VIEW_PATHS.map(p => getJson(base, p, { discard: true })))),
  );
  const bad = results.flat().filter(r => r.status !== 200);
  if (bad.length) throw new Error(`refresh failed: ${bad[0].status} ${String(bad[0].body).slice(0, 300)}`);
  return diff(await ledger(base), before);
}

export interface LatencyFigures {
  p50: number;
  p95: number;
  bytes: number;
}

/** p50/p95 of `viewers` concurrent GETs of a path, `rounds` times. */
export async function latency(base: string, path: string, viewers: number, rounds: number): Promise<LatencyFigures> {
  const samples: number[] = [];
  let bytes = 0;
  for (let round = 0; round < rounds; round++) {
    const results = await Promise.all(Array.from({ length: viewers }, () => getJson(base, path, { discard: true })));
    for (const r of results) {
      if (r.status !== 200) throw new Error(`${path}: ${r.status} ${String(r.body).slice(0, 300)}`);
      samples.push(r.ms);
      bytes = r.bytes;
    }
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), bytes };
}

/**
 * Starts the backend on the topology and waits until the catalog has processed every entity
 * (the inventory reads it), then makes the first use that seeds the simulated account.
 */
export async function startOpsBackend(options: {
  topology: Topology;
  cacheSeconds: number;
  backfillHours: number;
  catalogWaitSeconds: number;
}): Promise<{ base: string; stop: () => Promise<void>; expected: number }> {
  const catalog = syntheticCatalog(options.topology);
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      benchEntities(catalog),
      platformOpsPlugin,
      simulatedAwsServiceFactory,
      simulatedAwsModule,
      mockServices.rootConfig.factory({
        data: {
          // Each entity is processed once as soon as it arrives; re-processing every second
          // (as before) kept 11,000 entities in a loop that starved the HTTP server.
          catalog: { processingInterval: { minutes: 30 } },
          platformOps: {
            inventory: { cacheSeconds: 600 },
            fleet: { cacheSeconds: options.cacheSeconds },
            aws: { mode: 'simulated', simulation: { backfillHours: options.backfillHours, seed: 42 } },
          },
        },
      }),
    ],
  });
  const address = (backend.server as Server).address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const expected = catalog.filter(e => e.kind === 'Resource').length;
  // The by-query endpoint pages by 1000: count with a cursor-free total instead.
  const countPath = '/api/catalog/entities/by-query?filter=kind=resource&limit=1&fields=metadata.name';
  const deadline = Date.now() + options.catalogWaitSeconds * 1000;
  for (;;) {
    const { body } = await getJson(base, countPath);
    const count = (body as { totalItems?: number }).totalItems ?? 0;
    if (count >= expected) break;
    if (Date.now() > deadline) {
      throw new Error(`catalog processed ${count} of ${expected} entities in ${options.catalogWaitSeconds} s`);
    }
    await sleep(1000);
  }
  // First use seeds the simulated account (the backfill); not part of any figure. At 40
  // accounts and 20,000 queues it takes minutes (more than fetch's 300 s headers timeout);
  // node:http, which getJson uses, sets no client-side timeout.
  const started = Date.now();
  for (const path of VIEW_PATHS) {
    const { status } = await getJson(base, path, { discard: true });
    if (status !== 200) throw new Error(`first use of ${path}: HTTP ${status}`);
  }
  console.error(`simulated account seeded and first lists answered in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { base, stop: () => backend.stop(), expected };
}
