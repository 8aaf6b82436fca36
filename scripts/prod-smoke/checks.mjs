#!/usr/bin/env node
/*
 * The production smoke's checks (run by scripts/prod-smoke.sh after it staged the image):
 * two replicas of the image's command on one PostgreSQL, then what a platform team relies on
 * when it runs Platform Ops as several pods. Each check prints a line; the first failure stops.
 *
 *   node scripts/prod-smoke/checks.mjs <staged-app-dir> <work-dir>
 *
 * Environment: SMOKE_DB_PREFIX (fresh per run), PROD_SMOKE_PORT1/2 (default 7107/7108).
 *
 * There is no AWS here: the replicas answer from the simulated account, whose world lives in
 * PostgreSQL too (its genesis and event log), so both replicas act on one simulated AWS account.
 * What they share: sign-in keys, change history, idempotency keys, runbook executions and their
 * leases, and the simulated AWS state, clock and faults. The checks assert on all of these.
 */
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgresProxy } from './postgresProxy.mjs';
import { Replica, sleep } from './replicas.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [appDir, workDir] = process.argv.slice(2).map(p => resolve(p));
const port1 = Number(process.env.PROD_SMOKE_PORT1 ?? 7107);
const port2 = Number(process.env.PROD_SMOKE_PORT2 ?? 7108);
const runId = process.env.SMOKE_DB_PREFIX ?? `smoke_${Date.now()}_`;

const FLEET = 'resource:default/prod-gpu-fleet';
const DATABASE = 'resource:default/prod-postgres';
const RUNBOOK = 'promote-read-replica';

let checks = 0;
function pass(message) {
  checks += 1;
  console.log(`  ok ${String(checks).padStart(2)}  ${message}`);
}
function fail(message, detail) {
  const error = new Error(
    `${message}${
      detail !== undefined
        ? `\n    got: ${
            typeof detail === 'string'
              ? detail.slice(0, 600)
              : JSON.stringify(detail).slice(0, 600)
          }`
        : ''
    }`,
  );
  throw error;
}
function expect(condition, message, detail) {
  if (!condition) fail(message, detail);
  pass(message);
}

// The example platform the checks act on, beside the bundle (not in the image).
const example = join(workDir, 'example');
mkdirSync(example, { recursive: true });
for (const item of ['catalog-info.yaml', 'catalog', 'templates']) {
  cpSync(join(root, item), join(example, item), { recursive: true });
}

// The replicas reach PostgreSQL through a proxy the smoke can cut (check 5).
const proxy = await startPostgresProxy();
const env = {
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: String(proxy.port),
  POSTGRES_USER: 'postgres',
  POSTGRES_PASSWORD: 'trust-auth-ignores-it',
  SMOKE_DB_PREFIX: runId,
  SMOKE_CATALOG: join(example, 'catalog-info.yaml'),
};
const smokeConfig = join(root, 'deploy/smoke/app-config.smoke.yaml');
const signInConfig = join(root, 'deploy/smoke/app-config.smoke-signin.yaml');
const replica = (name, port, configs) =>
  new Replica({
    name,
    appDir,
    port,
    extraConfigs: configs,
    env,
    logFile: join(workDir, `${name}.log`),
  });

let r1 = replica('replica-1', port1, [smokeConfig, signInConfig]);
let r2 = replica('replica-2', port2, [smokeConfig]);

async function main() {
  // 1. Two replicas on one PostgreSQL. Replica 1 first: it creates the databases and runs the
  // migrations; replica 2 then starts against migrated databases, as a second pod does.
  let t = Date.now();
  await r1.start();
  await r1.waitReady();
  pass(
    `replica 1 ready on :${port1} (readiness 200) after ${(
      (Date.now() - t) /
      1000
    ).toFixed(0)} s, migrations included`,
  );
  t = Date.now();
  await r2.start();
  await r2.waitReady();
  pass(
    `replica 2 ready on :${port2} after ${((Date.now() - t) / 1000).toFixed(
      0,
    )} s`,
  );
  for (const r of [r1, r2]) {
    const live = await r.request('GET', '/.backstage/health/v1/liveness');
    expect(live.status === 200, `${r.options.name} liveness 200`, live.text);
  }

  // 2. The frontend, served by the backend (app-backend) from the bundle.
  for (const r of [r1, r2]) {
    const index = await r.request('GET', '/');
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(index.text)?.[1];
    expect(
      index.status === 200 &&
        /text\/html/.test(index.headers.get('content-type') ?? '') &&
        script,
      `${r.options.name} serves the app's index.html with its scripts`,
      `${index.status} ${index.text}`,
    );
    const js = await r.request(
      'GET',
      script.startsWith('/') ? script : `/${script}`,
    );
    expect(
      js.status === 200 && js.text.length > 1000,
      `${r.options.name} serves ${script}`,
      js.status,
    );
  }

  // 3. Sign-in as production configures it. No real provider is configured in
  // app-config.production.yaml, and the guest provider refuses outside development.
  const refused = await r2.request(
    'GET',
    '/api/auth/guest/refresh?env=production',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  expect(
    refused.status >= 400 &&
      !refused.json?.backstageIdentity &&
      /development/i.test(refused.text),
    `replica 2 (production sign-in config) refuses the guest sign-in: ${
      refused.status
    } "${refused.json?.error?.message ?? refused.text.slice(0, 120)}"`,
    `${refused.status} ${refused.text}`,
  );
  const github = await r2.request(
    'GET',
    '/api/auth/github/start?env=production',
  );
  expect(
    github.status === 404,
    `replica 2 refuses a provider that is not configured (github: ${github.status})`,
    `${github.status} ${github.text}`,
  );
  const anonymous = await r2.request(
    'GET',
    '/api/platform-ops/fleets?environment=prod',
  );
  expect(
    anonymous.status === 401,
    'replica 2 refuses the Platform Ops API without a token (401)',
    `${anonymous.status} ${anonymous.text}`,
  );
  const signIn = await r1.request(
    'GET',
    '/api/auth/guest/refresh?env=production',
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  const token = signIn.json?.backstageIdentity?.token;
  expect(
    signIn.status === 200 &&
      token &&
      signIn.json.backstageIdentity.identity.userEntityRef ===
        'user:default/guest',
    'replica 1 (smoke sign-in file) signs in user:default/guest',
    `${signIn.status} ${signIn.text}`,
  );

  // 4. A fleet change through replica 1 is seen, and not repeated, through replica 2.
  const fleetsOn = async r => {
    const res = await r.request(
      'GET',
      '/api/platform-ops/fleets?environment=prod',
      { token },
    );
    if (res.status !== 200)
      fail(`${r.options.name} GET /fleets`, `${res.status} ${res.text}`);
    const fleet = res.json.fleets.find(f => f.entityRef === FLEET);
    if (!fleet) fail(`${r.options.name} lists ${FLEET}`, res.json);
    return fleet;
  };
  const before2 = await fleetsOn(r2);
  pass(
    `replica 2 accepts the token replica 1 issued (keys shared in PostgreSQL): ${FLEET} desired ${before2.desiredCapacity}`,
  );
  const before1 = await fleetsOn(r1);
  const desired =
    before1.desiredCapacity < before1.maxSize
      ? before1.desiredCapacity + 1
      : before1.desiredCapacity - 1;
  const change = {
    entityRef: FLEET,
    desiredCapacity: desired,
    reason: 'production smoke: scale through replica 1',
    dryRun: false,
    idempotencyKey: `prod-smoke-${Date.now()}`,
  };
  const made = await r1.request(
    'POST',
    '/api/platform-ops/fleets/desired-capacity',
    { token, body: change },
  );
  expect(
    made.status === 200 &&
      made.json.mutation?.status === 'succeeded' &&
      made.json.replayed === false,
    `replica 1 sets ${FLEET} desired capacity ${before1.desiredCapacity} -> ${desired} (dry-run false): mutation ${made.json?.mutation?.id}`,
    `${made.status} ${made.text}`,
  );
  const after1 = await fleetsOn(r1);
  expect(
    after1.desiredCapacity === desired,
    `replica 1 reads desired ${desired} back from its AWS account`,
    after1.desiredCapacity,
  );
  const history = await r2.request(
    'GET',
    `/api/platform-ops/fleets/history?entityRef=${encodeURIComponent(FLEET)}`,
    { token },
  );
  const row = history.json?.items?.find(i => i.id === made.json.mutation.id);
  expect(
    history.status === 200 &&
      row &&
      row.status === 'succeeded' &&
      row.actor === 'user:default/guest' &&
      row.reason === change.reason,
    "replica 2's fleet history shows the change made through replica 1 (who, why, succeeded)",
    `${history.status} ${history.text}`,
  );
  // One simulated AWS account for both replicas: replica 2 reads the change from AWS (its
  // fleets view may still serve its short read cache, so read the account's state itself).
  const state2 = await r2.request('GET', '/api/platform-ops/simulator/state', { token });
  const group2 = state2.json?.autoScalingGroups?.find(
    g => g.name === 'prod-gpu-workers' && g.region === 'us-east-1',
  );
  expect(
    group2?.desired === desired,
    `replica 2 reads desired ${desired} from AWS (GET /simulator/state: prod-gpu-workers desired ${group2?.desired}): one simulated account behind both replicas`,
    `state ${state2.status} ${JSON.stringify(group2)}`,
  );
  const again = await r2.request(
    'POST',
    '/api/platform-ops/fleets/desired-capacity',
    { token, body: change },
  );
  const calls2 = await r2.request('GET', '/api/platform-ops/simulator/state', { token });
  const after2 = calls2.json?.autoScalingGroups?.find(
    g => g.name === 'prod-gpu-workers' && g.region === 'us-east-1',
  );
  expect(
    again.status === 200 &&
      again.json.replayed === true &&
      again.json.mutation.id === made.json.mutation.id &&
      after2?.desired === desired &&
      calls2.json?.log?.applied === state2.json?.log?.applied,
    `the same request (same idempotency key) through replica 2 is a replay of replica 1's change: nothing sent to AWS again (the world's log still at event ${calls2.json?.log?.applied})`,
    `${again.status} ${again.text}; replica 2 desired ${after2?.desired}; log ${JSON.stringify(calls2.json?.log)} vs ${JSON.stringify(state2.json?.log)}`,
  );

  // 5. PostgreSQL goes away: both replicas leave the load balancer (readiness 503) but stay
  // alive (liveness 200), and come back by themselves when it returns.
  const waitReadiness = async (r, status, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await r.request('GET', '/.backstage/health/v1/readiness');
      if (last.status === status) return last;
      await sleep(500);
    }
    return fail(`${r.options.name} readiness ${status} within ${timeoutMs / 1000} s`, `${last?.status} ${last?.text}`);
  };
  proxy.cut();
  t = Date.now();
  for (const r of [r1, r2]) {
    const notReady = await waitReadiness(r, 503);
    const live = await r.request('GET', '/.backstage/health/v1/liveness');
    expect(
      /Database unreachable/.test(notReady.json?.message ?? '') && live.status === 200,
      `database cut: ${r.options.name} readiness 503 "${notReady.json?.message?.slice(0, 70)}" after ${((Date.now() - t) / 1000).toFixed(0)} s, liveness 200`,
      notReady.text,
    );
  }
  proxy.restore();
  t = Date.now();
  for (const r of [r1, r2]) {
    await waitReadiness(r, 200);
    await fleetsOn(r);
    pass(`database back: ${r.options.name} ready again and serving fleets after ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }

  // 6. A runbook started through replica 1 and finished by replica 2 after replica 1 died.
  // Replica 2 stops first (SIGTERM, as in a rolling update), so only replica 1's worker can
  // take the execution; replica 1's simulated AWS answers slowly (6 s a call) so the smoke
  // can kill it while the promotion step is in flight; a new replica 2 then resumes it.
  const stopped = await r2.stop('SIGTERM');
  expect(
    stopped.code === 0 || stopped.signal === 'SIGTERM',
    `replica 2 stops on SIGTERM (${JSON.stringify(stopped)})`,
    stopped,
  );
  const faults = await r1.request(
    'POST',
    '/api/platform-ops/simulator/faults',
    { token, body: { latencyMs: 6000 } },
  );
  if (faults.status !== 200)
    fail(
      'replica 1: slow down its simulated AWS',
      `${faults.status} ${faults.text}`,
    );
  const started = await r1.request(
    'POST',
    `/api/platform-ops/runbooks/${RUNBOOK}/executions`,
    {
      token,
      body: {
        entityRef: DATABASE,
        mode: 'drill',
        reason: 'production smoke: resume after a replica dies',
      },
    },
  );
  const executionId = started.json?.execution?.id;
  expect(
    started.status === 201 && executionId,
    `replica 1 starts the ${RUNBOOK} drill on ${DATABASE}: execution ${executionId}`,
    `${started.status} ${started.text}`,
  );

  const view = async r =>
    (
      await r.request(
        'GET',
        `/api/platform-ops/runbooks/executions/${executionId}`,
        { token },
      )
    ).json;
  let inFlight;
  for (let i = 0; i < 240 && !inFlight; i++) {
    const v = await view(r1);
    const step = v.steps.find(s => s.stepId === 'promote');
    if (step.status === 'running') inFlight = v;
    else if (step.status !== 'pending')
      fail('the promote step should still be in flight on replica 1', v);
    else await sleep(250);
  }
  if (!inFlight)
    fail('replica 1 never started the promote step', await view(r1));
  expect(
    inFlight.leaseOwner?.includes(`-${r1.pid}-`),
    `replica 1 (pid ${r1.pid}) holds the execution's lease with step "promote" in flight`,
    inFlight.leaseOwner,
  );
  const killed = await r1.stop('SIGKILL');
  pass(`replica 1 killed mid-step (${killed.signal})`);

  r2 = replica('replica-2', port2, [smokeConfig]);
  t = Date.now();
  await r2.start();
  await r2.waitReady();
  pass(
    `a new replica 2 (pid ${r2.pid}) is ready after ${(
      (Date.now() - t) /
      1000
    ).toFixed(0)} s`,
  );
  // The fault replica 1 set before replica 2 existed is in the world replica 2 loaded.
  const inherited = await r2.request('GET', '/api/platform-ops/simulator/faults', { token });
  expect(
    inherited.status === 200 && inherited.json?.latencyMs === 6000,
    `the new replica 2 has the fault replica 1 set (latency ${inherited.json?.latencyMs} ms): faults are the world's, not a replica's`,
    `${inherited.status} ${inherited.text}`,
  );
  const cleared = await r2.request('POST', '/api/platform-ops/simulator/faults', { token, body: {} });
  if (cleared.status !== 200)
    fail('replica 2: clear the faults', `${cleared.status} ${cleared.text}`);

  // The promotion takes AWS 3-15 minutes (the simulator's dr/durations.ts); the drill moves
  // replica 2's simulated clock past the longest.
  let finished;
  let advanced = false;
  for (let i = 0; i < 240 && !finished; i++) {
    const v = await view(r2);
    if (['succeeded', 'failed', 'cancelled'].includes(v.status)) finished = v;
    else {
      const wait = v.steps.find(s => s.stepId === 'wait-promoted');
      if (wait.status === 'running' && !advanced) {
        const moved = await r2.request(
          'POST',
          '/api/platform-ops/simulator/clock/advance',
          { token, body: { seconds: 960 } },
        );
        if (moved.status !== 200)
          fail(
            'replica 2: advance the simulated clock',
            `${moved.status} ${moved.text}`,
          );
        advanced = true;
      }
      await sleep(500);
    }
  }
  if (!finished)
    fail(
      'the execution did not finish on replica 2 within 2 minutes',
      await view(r2),
    );
  const promote = finished.steps.find(s => s.stepId === 'promote');
  const promoteLogs = finished.logs
    .filter(l => l.stepId === 'promote')
    .map(l => l.message);
  const resumedAt = promoteLogs.findIndex(m =>
    /Resuming a step started by another replica/.test(m),
  );
  expect(
    finished.status === 'succeeded' &&
      finished.steps.every(s => s.status === 'succeeded') &&
      promote.attempts >= 2 &&
      resumedAt >= 0,
    `replica 2 resumed the promote step (attempt ${
      promote.attempts
    }: "${promoteLogs[resumedAt]?.slice(
      0,
      60,
    )}...") and finished the execution: ${finished.status}, ${finished.steps
      .map(s => `${s.stepId}=${s.status}`)
      .join(', ')}`,
    finished,
  );
  const afterResume = promoteLogs.slice(resumedAt + 1);
  expect(
    afterResume.some(m => /DescribeDBInstances/.test(m)) &&
      afterResume.some(m => /PromoteReadReplica/.test(m)),
    `after resuming, replica 2 checked AWS before acting, then promoted: ${afterResume
      .join(' | ')
      .slice(0, 200)}`,
    promoteLogs,
  );
  // The one simulated account: the replica is now a standalone instance there.
  const preview = await r2.request(
    'POST',
    `/api/platform-ops/runbooks/${RUNBOOK}/preview`,
    { token, body: { entityRef: DATABASE, mode: 'drill' } },
  );
  const exists = preview.json?.preflight?.find(c => c.id === 'replica-exists');
  expect(
    preview.status === 200 && /not a read replica/.test(exists?.detail ?? ''),
    `replica 2's simulated RDS after the run: "${exists?.detail}"`,
    `${preview.status} ${preview.text}`,
  );

  // 7. What an operator scrapes: Prometheus metrics of the replica that finished the run.
  const scraped = await (await fetch(r2.metricsUrl)).text();
  const sample = (name, labels = '') => {
    const m = new RegExp(
      `^${name}\\{?[^}\\n]*${labels}[^}\\n]*\\}? (\\d+(\\.\\d+)?)`,
      'm',
    ).exec(scraped);
    return m ? Number(m[1]) : undefined;
  };
  const succeeded = sample(
    'platform_ops_runbook_executions',
    'status="succeeded"',
  );
  const resumedSteps = sample('platform_ops_runbook_steps_resumed');
  const promotions = sample(
    'platform_ops_aws_calls_total',
    'operation="[^"]*PromoteReadReplica"',
  );
  expect(
    succeeded >= 1 && resumedSteps >= 1 && promotions >= 1,
    `replica 2's /metrics: executions succeeded ${succeeded}, steps resumed ${resumedSteps}, PromoteReadReplica calls ${promotions}`,
    scraped
      .split('\n')
      .filter(l => /platform_ops/.test(l))
      .join('\n') || scraped.slice(0, 400),
  );

  // The promotion replica 2 made is what a new replica 1 finds: one account, one database replica.
  r1 = replica('replica-1', port1, [smokeConfig, signInConfig]);
  await r1.start();
  await r1.waitReady();
  const seenBy1 = await r1.request(
    'POST',
    `/api/platform-ops/runbooks/${RUNBOOK}/preview`,
    { token, body: { entityRef: DATABASE, mode: 'drill' } },
  );
  const exists1 = seenBy1.json?.preflight?.find(c => c.id === 'replica-exists');
  expect(
    seenBy1.status === 200 && /not a read replica/.test(exists1?.detail ?? ''),
    `a new replica 1 (pid ${r1.pid}) sees the database replica replica 2 promoted: "${exists1?.detail}"`,
    `${seenBy1.status} ${seenBy1.text}`,
  );

  await r2.stop('SIGTERM');
  pass('replica 2 stopped');
}

const started = Date.now();
try {
  await main();
  console.log(
    `prod-smoke: ${checks} checks passed in ${(
      (Date.now() - started) /
      1000
    ).toFixed(0)} s (replica logs in ${workDir})`,
  );
} catch (error) {
  console.error(`prod-smoke: FAILED after ${checks} checks: ${error.message}`);
  console.error(
    `  replica logs: ${join(workDir, 'replica-1.log')}, ${join(
      workDir,
      'replica-2.log',
    )}`,
  );
  process.exitCode = 1;
} finally {
  await Promise.allSettled([
    r1.stop('SIGKILL', 5000),
    r2.stop('SIGKILL', 5000),
  ]);
  await proxy.close();
}
