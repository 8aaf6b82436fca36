import { Request } from 'express';
import { Knex } from 'knex';
import { SimulatedHttpProbe } from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { createTestGateway } from '../../testUtils/createTestGateway';
import { AwsGateway } from '../../aws/types';
import { SimulatedCall } from '../../aws/simulatorContract';
import { ExecutionStore } from '../engine/ExecutionStore';
import { RunbookEngine } from '../engine/RunbookEngine';
import { OWNER, makeEngine, makeService, userCredentials } from './harness';
import { killable } from './replicaKill';
import { Clock } from '../types';

/** One call as the simulated account received it, and which replica sent it. */
export interface ReceivedCall {
  replica: string;
  service: string;
  operation: string;
  region: string;
  input: Record<string, unknown>;
}

/**
 * Several backend replicas sharing one database and one simulated AWS account. Every call
 * the account receives is recorded with the replica that sent it: the ground truth the chaos
 * tests assert on.
 */
export function chaosWorld(knex: Knex) {
  const { account, clock: accountClock } = testAccount({ backfillHours: 0 });
  // The account's clock, typed by what the tests use (its class is internal to the module).
  const clock: { now(): Date; advance(ms: number): Date } = accountClock;
  const received: ReceivedCall[] = [];
  let sender = 'setup';
  const { gateway: base } = createTestGateway(
    { platformOps: { aws: { mode: 'simulated', retry: { maxAttempts: 1 } } } },
    {
      handle: async (call: SimulatedCall) => {
        received.push({ replica: sender, service: call.service, operation: call.operation, region: call.location.region, input: call.input });
        return account.handle(call);
      },
    },
  );
  /** The gateway as one replica sees it: its calls are attributed to it. */
  const gatewayOf = (replica: string, hook?: (operation: string, send: () => Promise<unknown>) => Promise<unknown>): AwsGateway => ({
    mode: base.mode,
    preview: base.preview.bind(base),
    ledger: base.ledger.bind(base),
    send: ((location, service, command) => {
      const send = () => {
        sender = replica;
        return base.send(location, service, command);
      };
      const operation = command.constructor.name.replace(/Command$/, '');
      return hook ? hook(operation, send) : send();
    }) as AwsGateway['send'],
  });

  const replica = (
    name: string,
    options: {
      leaseMs: number;
      awsCallBudgetMs?: number;
      clock?: Clock;
      hook?: (operation: string, send: () => Promise<unknown>) => Promise<unknown>;
      /** While true, this replica cannot reach the database to renew its lease (partition). */
      partitioned?: () => boolean;
    },
  ) => {
    const shared = new ExecutionStore(knex);
    const partitioned = options.partitioned;
    const reachable = partitioned
      ? new Proxy(shared, {
          get(obj, prop, receiver) {
            const value = Reflect.get(obj, prop, receiver);
            if (prop !== 'renew' || typeof value !== 'function') return value;
            return (...args: unknown[]) =>
              partitioned() ? Promise.reject(new Error('connection to the database lost')) : value.apply(obj, args);
          },
        })
      : shared;
    const store = killable(reachable);
    const gateway = gatewayOf(name, options.hook);
    const engine: RunbookEngine = makeEngine({
      knex,
      gateway,
      clock: options.clock ?? clock,
      ownerId: name,
      leaseMs: options.leaseMs,
      awsCallBudgetMs: options.awsCallBudgetMs,
      httpProbe: new SimulatedHttpProbe(gateway),
      store: store.proxy,
    });
    return { engine, kill: store.kill, store: store.proxy };
  };

  const start = async (runbookId: string, entityRef: string, key: string) => {
    sender = 'preflight';
    const { service } = makeService({ knex, gateway: gatewayOf('preflight'), clock });
    const result = await service.start({
      runbookId,
      entityRef,
      mode: 'drill',
      envelope: { reason: 'chaos drill', dryRun: false, idempotencyKey: key },
      credentials: userCredentials(OWNER),
      auditOrigin: {} as Request,
    });
    if (result.dryRun) throw new Error('expected a start');
    return { id: result.execution.id, service };
  };

  /** Calls of an operation that reached the account (optionally after the start). */
  const count = (operation: string) => received.filter(c => c.operation === operation && c.replica !== 'preflight').length;

  return { account, clock, received, replica, start, count, store: new ExecutionStore(knex), gatewayOf };
}
