import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Config } from '@backstage/config';
import { awsGatewayServiceRef } from '../aws/AwsGatewayService';
import { readAwsGatewaySettings } from '../aws/settings';
import { simulatedAwsServiceRef } from '../aws/simulatedAwsServiceRef';
import { changeRunnerServiceRef } from '../changes/changeRunnerServiceRef';
import { platformOpsDatabaseServiceRef } from '../database/databaseServiceRef';
import { inventoryServiceRef } from '../inventory/InventoryService';
import { RUNBOOKS } from './definitions';
import { ExecutionStore } from './engine/ExecutionStore';
import { FetchHttpProbe } from './engine/httpProbe';
import { RunbookEngine } from './engine/RunbookEngine';
import { RunbookService } from './RunbookService';
import { readRunbookSettings, withRtoTargets } from './settings';
import { simulatedHttpProbeServiceRef } from './simulatedHttpProbeServiceRef';
import { RunMode } from './types';
import { startRunbookWorker } from './worker';

/**
 * The DR runbooks: preview, start, approve, cancel and history (RunbookService), and the
 * worker loop that advances executions on every replica (leases share the work).
 *
 * Drills run only against an installed simulated account (simulatedAwsServiceRef), on its
 * clock, so RTO is measured in its (possibly accelerated) time; live runs use the gateway.
 */
export const runbookServiceRef = createServiceRef<RunbookService>({
  id: 'platform-ops.runbooks',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        knex: platformOpsDatabaseServiceRef,
        gateway: awsGatewayServiceRef,
        simulated: simulatedAwsServiceRef,
        probes: simulatedHttpProbeServiceRef,
        inventory: inventoryServiceRef,
        mutations: changeRunnerServiceRef,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      factory(deps) {
        const settings = readRunbookSettings(deps.config);
        const definitions = withRtoTargets(RUNBOOKS, settings.rtoTargetsMinutes);
        const store = new ExecutionStore(deps.knex);
        const simulated = deps.simulated.account;
        const clock = simulated?.clock ?? { now: () => new Date() };
        // The gateway answers from the simulated account exactly when one is installed.
        const drill = simulated ? deps.gateway : undefined;
        const gatewayFor = (mode: RunMode) => (mode === 'drill' ? drill : deps.gateway);
        const fetchProbe = new FetchHttpProbe();
        const engine = new RunbookEngine({
          store,
          definitions,
          gatewayFor: mode => gatewayFor(mode) ?? deps.gateway,
          httpProbeFor: mode => {
            const gateway = gatewayFor(mode);
            return (gateway && simulated && deps.probes.forGateway?.(gateway)) || fetchProbe;
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
        return new RunbookService({
          store,
          inventory: deps.inventory,
          definitions,
          gatewayFor,
          mutations: deps.mutations,
          clock,
        });
      },
    }),
});

/**
 * The worst case of one AWS call through the gateway: every attempt may use its connection
 * and request timeouts. The engine refuses a lease that is not longer than this.
 */
function awsCallBudgetMs(config: Config): number {
  const aws = readAwsGatewaySettings(config);
  return (aws.connectionTimeoutMs + aws.requestTimeoutMs) * aws.maxAttempts;
}
