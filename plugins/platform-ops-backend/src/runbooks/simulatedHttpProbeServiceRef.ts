import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { AwsGateway } from '../aws/types';
import { HttpProbe } from './engine/httpProbe';

/** How runbooks check apps' health endpoints on an installed simulated AWS account. */
export interface SimulatedHttpProbes {
  /** Undefined: runbooks fetch the URLs, whatever the account. */
  readonly forGateway?: (gateway: AwsGateway) => HttpProbe;
}

/**
 * A simulated account has no HTTP endpoints to fetch: the package that installs one (see
 * simulatedAwsServiceRef) also says how a runbook's health check reads it. The plugin's
 * default has none.
 */
export const simulatedHttpProbeServiceRef = createServiceRef<SimulatedHttpProbes>({
  id: 'platform-ops.simulated-http-probe',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({ service, deps: {}, factory: (): SimulatedHttpProbes => ({}) }),
});
