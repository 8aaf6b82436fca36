import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { SimulatedAwsHandler } from './simulatorContract';

/**
 * An in-process AWS account installed in place of the network: what the gateway sends every
 * call to, and the time that account runs on (runbook drills measure RTO on it).
 */
export interface SimulatedAws {
  handler: SimulatedAwsHandler;
  clock: { now(): Date };
  /**
   * The account the simulated organisation is billed to (its management account), used for
   * Cost Explorer when `platformOps.costs.accountId` is not set. Kept here rather than in
   * app-config.yaml so that a production config layered over it never inherits a demo account.
   */
  costAccountId?: string;
}

/** Whether a simulated AWS account is installed, and which. */
export interface SimulatedAwsService {
  /** Undefined: none is installed, the gateway talks to real AWS. */
  readonly account?: SimulatedAws;
}

/**
 * The simulated AWS account, when one is installed. The plugin ships none (the default has no
 * `account`), so the gateway talks to real AWS. The
 * `@platformops/plugin-platform-ops-backend-module-simulated-aws` package installs its
 * simulated account through a factory for this ref; adopters and tests can install their own.
 */
export const simulatedAwsServiceRef = createServiceRef<SimulatedAwsService>({
  id: 'platform-ops.simulated-aws',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: (): SimulatedAwsService => ({}),
    }),
});
