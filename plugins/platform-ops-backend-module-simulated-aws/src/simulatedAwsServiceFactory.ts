import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import {
  SimulatedAwsService,
  simulatedAwsServiceRef,
  SimulatedHttpProbes,
  simulatedHttpProbeServiceRef,
} from '@platformops/plugin-platform-ops-backend';
import { simulatedAccountServiceRef } from './simulatedAccountRef';
import { SimulatedHttpProbe } from './SimulatedHttpProbe';

/**
 * The simulated organisation's management account: any account without an environment is
 * answered as the payer that sees every environment's bill.
 */
export const SIMULATED_PAYER_ACCOUNT_ID = '999999999999';

/**
 * Installs the simulated account in the platform-ops plugin: the AWS gateway answers every
 * call from it, and runbook drills run on its clock. With `platformOps.aws.mode: aws` it
 * installs nothing, so one backend build serves both a demo and production config.
 */
export const simulatedAwsServiceFactory = createServiceFactory({
  service: simulatedAwsServiceRef,
  deps: { config: coreServices.rootConfig, account: simulatedAccountServiceRef },
  factory: ({ config, account }): SimulatedAwsService =>
    config.getOptionalString('platformOps.aws.mode') === 'aws'
      ? {}
      : { account: { handler: account, clock: account.clock, costAccountId: SIMULATED_PAYER_ACCOUNT_ID } },
});

/**
 * Runbook health checks on the simulated account: derived from the ECS service behind the URL
 * (used only while the account is installed, see the plugin's runbook service).
 */
export const simulatedHttpProbeServiceFactory = createServiceFactory({
  service: simulatedHttpProbeServiceRef,
  deps: {},
  factory: (): SimulatedHttpProbes => ({ forGateway: gateway => new SimulatedHttpProbe(gateway) }),
});
