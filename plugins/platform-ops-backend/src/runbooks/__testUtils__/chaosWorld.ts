import { Request } from 'express';
import { Knex } from 'knex';
import { SimulatedHttpProbe } from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { KnexWorldLog, ManualClock, testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { createTestGateway } from '../../testUtils/createTestGateway';
import { exampleTerraformDir } from '../../testUtils/exampleCatalog';
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
 * Several backend replicas sharing one database, each with its own simulated account (as in
 * production: one SimulatedAccount per backend process) on the world the database holds.
 * Every call an account receives is recorded with the replica that sent it: the ground truth
 * the chaos tests assert on. `account` is one more replica's account, for the tests' own
 * reads and fault settings.
 */
export function chaosWorld(knex: Knex) {
  // The wall time every replica shares (a ManualClock moved by the tests).
  const wall = new ManualClock('2026-11-20T12:00:00Z');
  /**
   * One replica's simulated account on the world of `knex`. It stands for AWS, so a replica's
   * database partition (below) does not cut it: AWS stays reachable when PostgreSQL is not.
   */
  const accountOf = () =>
    // The example environments as their synthesized Terraform declares them (the embedded default).
    testAccount({ backfillHours: 0, clock: wall, log: new KnexWorldLog(async () => knex), terraformDirs: [exampleTerraformDir()] }).account;
  const account = accountOf();
  // The shared wall clock, typed by what the tests use (its class is internal to the module).
  const clock: { now(): Date; advance(ms: number): Date } = wall;
  const received: ReceivedCall[] = [];
  /** The gateway as one replica sees it: its own account, its calls attributed to it. */
  const gatewayOf = (
    replica: string,
    hook?: (operation: string, send: () => Promise<unknown>) => Promise<unknown>,
    own = account,
  ): AwsGateway => {
    const { gateway: base } = createTestGateway(
      { platformOps: { aws: { mode: 'simulated', retry: { maxAttempts: 1 } } } },
      {
        handle: async (call: SimulatedCall) => {
          received.push({ replica, service: call.service, operation: call.operation, region: call.location.region, input: call.input });
          return own.handle(call);
        },
      },
    );
    return {
      mode: base.mode,
      preview: base.preview.bind(base),
      ledger: base.ledger.bind(base),
      send: ((location, service, command) => {
        const send = () => base.send(location, service, command);
        const operation = command.constructor.name.replace(/Command$/, '');
        return hook ? hook(operation, send) : send();
      }) as AwsGateway['send'],
    };
  };

  /**
   * A replica, its simulated account already caught up with the world (as a running backend's
   * is): the first-call build of a world must not eat into a test's short AWS call budget.
   */
  const replica = async (
    name: string,
    options: {
      leaseMs: number;
      awsCallBudgetMs?: number;
      clock?: Clock;
      hook?: (operation: string, send: () => Promise<unknown>) => Promise<unknown>;
      /**
       * While true, this replica cannot reach the database (partition): every call of its
       * execution store fails (leases, intents, step records); AWS still answers it.
       */
      partitioned?: () => boolean;
    },
  ) => {
    const shared = new ExecutionStore(knex);
    const partitioned = options.partitioned;
    // Lease renewals issued while the database was reachable that succeeded once it no longer
    // was (the database had extended the lease already). A fence check's renewal of this kind
    // lets its one call out after the partition began; a heartbeat's lets none. Nothing else
    // may send once the partition began: every later renewal fails.
    let lateRenewals = 0;
    const reachable = partitioned
      ? new Proxy(shared, {
          get(obj, prop, receiver) {
            const value = Reflect.get(obj, prop, receiver);
            if (typeof value !== 'function') return value;
            return (...args: unknown[]) => {
              if (partitioned()) return Promise.reject(new Error('connection to the database lost'));
              const result = value.apply(obj, args);
              if (prop === 'renew') {
                (result as Promise<boolean>).then(ok => {
                  if (ok && partitioned()) lateRenewals++;
                }, () => undefined);
              }
              return result;
            };
          },
        })
      : shared;
    const store = killable(reachable);
    const own = accountOf();
    const gateway = gatewayOf(name, options.hook, own);
    const engine: RunbookEngine = makeEngine({
      knex,
      gateway,
      clock: options.clock ?? own.clock,
      ownerId: name,
      leaseMs: options.leaseMs,
      awsCallBudgetMs: options.awsCallBudgetMs,
      httpProbe: new SimulatedHttpProbe(gateway),
      store: store.proxy,
    });
    await own.state();
    return { engine, kill: store.kill, store: store.proxy, account: own, lateRenewals: () => lateRenewals };
  };

  const start = async (runbookId: string, entityRef: string, key: string) => {
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
