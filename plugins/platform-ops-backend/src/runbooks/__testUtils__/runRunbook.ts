import { Request } from 'express';
import { Knex } from 'knex';
import { AwsGateway } from '../../aws/types';
import { ExecutionStore } from '../engine/ExecutionStore';
import { RunbookEngine } from '../engine/RunbookEngine';
import { RunMode } from '../types';
import { OWNER, TestClock, makeEngine, makeService, realGateway, userCredentials } from './harness';

/**
 * Ticks an engine until the execution ends, advancing the test clock by `stepMs` between
 * ticks (after `between`, e.g. an approval); fails with the last log lines when it does not.
 */
export async function tickUntilEnded(
  engine: RunbookEngine,
  store: ExecutionStore,
  id: string,
  clock: TestClock,
  options: { stepMs: number; maxTicks: number; between?: (executionId: string) => Promise<void> },
) {
  for (let i = 0; i < options.maxTicks; i++) {
    await engine.tick();
    const execution = await store.get(id);
    if (execution && !['queued', 'running'].includes(execution.status)) return execution;
    await options.between?.(id);
    clock.advance(options.stepMs);
  }
  const logs = await store.logs(id);
  throw new Error(`execution ${id} did not end: ${logs.slice(-5).map(l => l.message).join(' | ')}`);
}

/**
 * Starts a runbook as its owner (drill unless told) through the service, as the API does,
 * then runs it on one engine every 15 s of test time until it ends.
 */
export async function runRunbook(options: {
  knex: Knex;
  runbookId: string;
  entityRef: string;
  mode?: RunMode;
  confirm?: string;
  idempotencyKey?: string;
  gateway?: AwsGateway;
  leaseMs?: number;
  maxTicks?: number;
  /** Called between ticks (e.g. to approve). */
  between?: (executionId: string) => Promise<void>;
}) {
  const { knex } = options;
  const clock = new TestClock();
  const gateway = options.gateway ?? realGateway();
  const { service } = makeService({ knex, gateway, clock });
  const result = await service.start({
    runbookId: options.runbookId,
    entityRef: options.entityRef,
    mode: options.mode ?? 'drill',
    confirm: options.confirm,
    envelope: {
      reason: 'game day',
      dryRun: false,
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    },
    credentials: userCredentials(OWNER),
    auditOrigin: {} as Request,
  });
  if (result.dryRun) throw new Error('expected a start');
  const engine = makeEngine({ knex, gateway, clock, ownerId: 'replica-a', leaseMs: options.leaseMs ?? 3_600_000 });
  const store = new ExecutionStore(knex);
  const execution = await tickUntilEnded(engine, store, result.execution.id, clock, {
    stepMs: 15_000,
    maxTicks: options.maxTicks ?? 200,
    between: options.between,
  });
  return { execution, view: await service.view(execution.id), service };
}
