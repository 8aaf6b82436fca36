/**
 * Region failover us-east-1 -> us-west-2 (seed 004's runbook) as a DR drill in the simulated
 * account, whose models take AWS-realistic times (replica promotion minutes, ECS tasks
 * starting, Route 53 propagation, CloudFront deployment). The engine runs on the simulator's
 * clock, ticking every 15 simulated seconds (its wait-until poll interval); nothing sleeps.
 *
 * Figures: measured RTO (simulated time from the start to the last verify step) against the
 * seed's sequential 60 minutes (goal <= 25 min), the critical path, the engine's own wall
 * time per step (ticks minus time spent answering AWS calls) and its scheduling lag (how long
 * a ready step waited to start, in simulated time). Two scenarios: a game day with the
 * primary region healthy, and us-east-1 down (every call to it fails, Route 53 / CloudFront
 * control planes included). Run: `yarn bench runbooks`.
 */
import { AuditorService, LoggerService, PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import { Request } from 'express';
import knexFactory from 'knex';
import { performance } from 'node:perf_hooks';
import { exampleCatalogEntities } from '../plugins/platform-ops-backend/src/testUtils/exampleCatalog';
import { createAwsGateway } from '../plugins/platform-ops-backend/src/aws/AwsGatewayService';
import { AwsGateway } from '../plugins/platform-ops-backend/src/aws/types';
import { migrateToLatest } from '../plugins/platform-ops-backend/src/database/migrate';
import { buildInventory } from '../plugins/platform-ops-backend/src/inventory/buildInventory';
import { MutationRunner } from '../plugins/platform-ops-backend/src/changes/MutationRunner';
import { MutationStore } from '../plugins/platform-ops-backend/src/changes/MutationStore';
import { RUNBOOKS } from '../plugins/platform-ops-backend/src/runbooks/definitions';
import { REGION_FAILOVER_RTO_MINUTES } from '../plugins/platform-ops-backend/src/runbooks/definitions/regionFailover';
import { ExecutionStore } from '../plugins/platform-ops-backend/src/runbooks/engine/ExecutionStore';
import { SimulatedHttpProbe } from '../plugins/platform-ops-backend-module-simulated-aws/src/SimulatedHttpProbe';
import { RunbookEngine } from '../plugins/platform-ops-backend/src/runbooks/engine/RunbookEngine';
import { RunbookService } from '../plugins/platform-ops-backend/src/runbooks/RunbookService';
import { drServiceModels } from '../plugins/platform-ops-backend-module-simulated-aws/src/drModels';
import { ManualClock } from '../plugins/platform-ops-backend-module-simulated-aws/src/ServiceModel';
import { SimulatedAccount } from '../plugins/platform-ops-backend-module-simulated-aws/src/SimulatedAccount';

const TICK_MS = 15_000;
const GOAL_MINUTES = 25;
const START = '2026-11-20T03:00:00Z';

const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};

// The drill's permission and audit are not what is measured here.
const allowAll = {
  authorize: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests: unknown[]) => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
} as unknown as PermissionsService;
const noAudit: AuditorService = {
  createEvent: async () => ({ success: async () => {}, fail: async () => {} }),
};

interface Scenario {
  name: string;
  regionsDown: string[];
}

async function run(scenario: Scenario) {
  const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await migrateToLatest(knex);
  const inventory = buildInventory(exampleCatalogEntities());
  const clock = new ManualClock(START);
  const account = new SimulatedAccount({ inventory: async () => inventory, clock, backfillHours: 1, extraModels: drServiceModels });
  const real = createAwsGateway({ config: new ConfigReader({ platformOps: { aws: { mode: 'simulated' } } }), logger: quiet, simulated: account });

  // Wall time during which at least one AWS call (the simulator) was in flight: parallel
  // steps overlap, so this is the union of the calls' intervals, not their sum.
  let awsMs = 0;
  let awsCalls = 0;
  let inFlight = 0;
  let busySince = 0;
  const gateway: AwsGateway = {
    mode: real.mode,
    preview: real.preview.bind(real),
    ledger: real.ledger.bind(real),
    send: (async (location, service, command) => {
      if (inFlight++ === 0) busySince = performance.now();
      try {
        return await real.send(location, service, command);
      } finally {
        if (--inFlight === 0) awsMs += performance.now() - busySince;
        awsCalls++;
      }
    }) as AwsGateway['send'],
  };

  await account.advance(60_000); // seed the account and let it settle
  account.faults.set({ regionsDown: scenario.regionsDown });

  const store = new ExecutionStore(knex);
  const service = new RunbookService({
    store,
    inventory: {
      getInventory: async () => inventory,
      getEnvironment: async () => {
        throw new Error('unused');
      },
      getResource: async () => {
        throw new Error('unused');
      },
    },
    definitions: RUNBOOKS,
    gatewayFor: () => gateway,
    mutations: new MutationRunner(new MutationStore(knex), allowAll, noAudit),
    clock,
  });
  const preview = await service.preview('region-failover', 'resource:default/prod', 'drill');
  const started = await service.start({
    runbookId: 'region-failover',
    entityRef: 'resource:default/prod',
    mode: 'drill',
    envelope: { reason: 'game day', dryRun: false },
    credentials: { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/ana-platform' } },
    auditOrigin: {} as Request,
  });
  if (started.dryRun) throw new Error('expected a start');
  const engine = new RunbookEngine({
    store,
    definitions: RUNBOOKS,
    gatewayFor: () => gateway,
    httpProbeFor: () => new SimulatedHttpProbe(gateway),
    clock,
    ownerId: 'bench',
    leaseMs: 60_000,
    concurrency: 4,
    logger: quiet,
    httpCheckTimeoutSeconds: 900,
  });

  awsMs = 0;
  awsCalls = 0;
  let tickMs = 0;
  let ticks = 0;
  const id = started.execution.id;
  for (;;) {
    const t0 = performance.now();
    await engine.tick();
    tickMs += performance.now() - t0;
    ticks++;
    const execution = (await store.get(id))!;
    if (!['queued', 'running'].includes(execution.status)) break;
    if (process.env.BENCH_DEBUG && ticks % 20 === 0) {
      const st = await store.steps(id);
      console.log(`t+${(ticks * TICK_MS) / 60000} min`, st.map(s => `${s.stepId}:${s.status}`).join(' '));
      console.log((await store.logs(id)).slice(-3).map(l => l.message).join('\n'));
    }
    if (ticks > 4 * 60 * 4) throw new Error(`region failover did not end in 4 simulated hours: ${(await store.steps(id)).map(s => `${s.stepId}:${s.status}`).join(' ')}`);
    await account.advance(TICK_MS);
  }
  const view = await service.view(id);
  await knex.destroy();
  const steps = view.steps;
  const byId = new Map(steps.map(s => [s.stepId, s]));
  const plan = new Map(view.plan.map(p => [p.stepId, p.dependsOn]));
  // Scheduling lag: a step's start minus the moment its last dependency finished.
  const lags = steps
    .filter(s => s.startedAt && (plan.get(s.stepId) ?? []).length)
    .map(s => {
      const ready = Math.max(...(plan.get(s.stepId) ?? []).map(d => Date.parse(byId.get(d)!.finishedAt!)));
      return (Date.parse(s.startedAt!) - ready) / 1000;
    });
  const rtoSeconds = (Date.parse(view.finishedAt!) - Date.parse(view.startedAt!)) / 1000;
  // The critical path: walk back from the step that finished last through its latest dependency.
  const path: string[] = [];
  let current = [...steps].sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))[0];
  while (current) {
    path.unshift(`${current.stepId} ${Math.round((Date.parse(current.finishedAt!) - Date.parse(current.startedAt!)) / 1000)}s`);
    const deps = plan.get(current.stepId) ?? [];
    current = deps.map(d => byId.get(d)!).sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))[0];
  }
  return {
    scenario: scenario.name,
    status: view.status,
    error: view.error,
    preflight: preview.preflight.filter(c => c.status !== 'pass').map(c => `${c.status}: ${c.title} (${c.detail})`),
    rtoSeconds,
    steps: steps.length,
    path,
    ticks,
    engineMsPerStep: (tickMs - awsMs) / steps.length,
    engineMsPerTick: (tickMs - awsMs) / ticks,
    awsCalls,
    maxLagSeconds: Math.max(0, ...lags),
    meanLagSeconds: lags.length ? lags.reduce((a, b) => a + b, 0) / lags.length : 0,
    fallbacks: steps.filter(s => s.output && 'fallback' in s.output).map(s => s.stepId),
    stepTimes: steps.map(s => `${s.stepId}=${s.status}${s.startedAt && s.finishedAt ? ` ${Math.round((Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000)}s` : ''}`),
  };
}

async function main() {
  const scenarios: Scenario[] = [
    { name: 'game day (us-east-1 healthy)', regionsDown: [] },
    { name: 'us-east-1 down', regionsDown: ['us-east-1'] },
  ];
  let failed = false;
  for (const scenario of scenarios) {
    const r = await run(scenario);
    const minutes = r.rtoSeconds / 60;
    console.log(`\n--- region failover drill: ${r.scenario} ---`);
    console.log(`status                 ${r.status}${r.error ? ` (${r.error})` : ''}`);
    if (r.preflight.length) console.log(`preflight              ${r.preflight.join('; ')}`);
    console.log(`measured RTO           ${minutes.toFixed(1)} min (seed 004 sequential: ${REGION_FAILOVER_RTO_MINUTES} min, goal <= ${GOAL_MINUTES} min)`);
    console.log(`ratio to seed          ${(minutes / REGION_FAILOVER_RTO_MINUTES).toFixed(2)} (${(REGION_FAILOVER_RTO_MINUTES / minutes).toFixed(1)}x faster)`);
    console.log(`critical path          ${r.path.join(' -> ')}`);
    console.log(`steps                  ${r.steps}: ${r.stepTimes.join(', ')}`);
    if (r.fallbacks.length) console.log(`data-plane fallbacks   ${r.fallbacks.join(', ')}`);
    console.log(`engine overhead        ${r.engineMsPerStep.toFixed(1)} ms wall per step, ${r.engineMsPerTick.toFixed(1)} ms per tick (${r.ticks} ticks, ${r.awsCalls} AWS calls excluded)`);
    console.log(`scheduling lag         mean ${r.meanLagSeconds.toFixed(1)} s, max ${r.maxLagSeconds.toFixed(0)} s simulated (tick ${TICK_MS / 1000} s)`);
    if (r.status !== 'succeeded' || minutes > GOAL_MINUTES) failed = true;
  }
  if (failed) {
    console.log('\nFAILED: a drill did not succeed within the goal');
    process.exitCode = 1;
  }
}

main()
  // The simulator and SDK clients keep handles open: end the process when the figures are out.
  .then(() => process.exit(process.exitCode ?? 0))
  .catch(error => {
    console.error(error);
    process.exit(1);
  });
