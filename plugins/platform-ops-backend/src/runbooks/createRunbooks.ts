import {
  HttpAuthService,
  LifecycleService,
  LoggerService,
  AuditorService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import express from 'express';
import { Knex } from 'knex';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { readAwsGatewaySettings } from '../aws/settings';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { MutationRunner } from '../mutations/MutationRunner';
import { RUNBOOKS } from './definitions';
import { ExecutionStore } from './engine/ExecutionStore';
import { FetchHttpProbe, SimulatedHttpProbe } from './engine/httpProbe';
import { RunbookEngine } from './engine/RunbookEngine';
import { createRunbookRoutes } from './routes';
import { RunbookService } from './RunbookService';
import { readRunbookSettings, withRtoTargets } from './settings';
import { Clock, RunMode } from './types';
import { startRunbookWorker } from './worker';

export interface RunbooksDeps {
  config: Config;
  knex: Knex;
  gateway: AwsGateway;
  /** The simulated account for drills when `gateway` talks to real AWS (optional). */
  drillGateway?: AwsGateway;
  inventory: InventoryService;
  mutations: MutationRunner;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  logger: LoggerService;
  lifecycle: LifecycleService;
  /** The simulator's clock in simulated mode, so drills measure RTO in simulated time. */
  clock?: Clock;
}

/**
 * The DR runbooks capability: routes under /runbooks and the worker loop that advances
 * executions (on every replica; leases share the work).
 */
export function createRunbooks(deps: RunbooksDeps): express.Router {
  const settings = readRunbookSettings(deps.config);
  const definitions = withRtoTargets(RUNBOOKS, settings.rtoTargetsMinutes);
  const store = new ExecutionStore(deps.knex);
  const clock = deps.clock ?? { now: () => new Date() };
  const drill = deps.gateway.mode === 'simulated' ? deps.gateway : deps.drillGateway;
  const gatewayFor = (mode: RunMode) => (mode === 'drill' ? drill : deps.gateway);
  const fetchProbe = new FetchHttpProbe();
  const engine = new RunbookEngine({
    store,
    definitions,
    gatewayFor: mode => gatewayFor(mode) ?? deps.gateway,
    httpProbeFor: mode => {
      const gateway = gatewayFor(mode);
      return gateway?.mode === 'simulated' ? new SimulatedHttpProbe(gateway) : fetchProbe;
    },
    clock,
    ownerId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
    leaseMs: settings.leaseMs,
    awsCallBudgetMs: awsCallBudgetMs(deps.config),
    concurrency: settings.workerConcurrency,
    logger: deps.logger.child({ capability: 'runbooks' }),
    auditor: deps.auditor,
  });
  if (settings.workerEnabled) {
    startRunbookWorker({ engine, intervalMs: settings.pollIntervalMs, lifecycle: deps.lifecycle, logger: deps.logger });
  }
  const service = new RunbookService({
    store,
    inventory: deps.inventory,
    definitions,
    gatewayFor,
    mutations: deps.mutations,
    clock,
  });
  return createRunbookRoutes({ service, httpAuth: deps.httpAuth, definitions });
}

/**
 * The worst case of one AWS call through the gateway: every attempt may use its connection
 * and request timeouts. The engine refuses a lease that is not longer than this.
 */
function awsCallBudgetMs(config: Config): number {
  const aws = readAwsGatewaySettings(config);
  return (aws.connectionTimeoutMs + aws.requestTimeoutMs) * aws.maxAttempts;
}
