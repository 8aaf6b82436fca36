import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { simulatedAccountServiceRef } from '../simulator/simulatedAccountRef';
import { SimulatedAwsHandler } from './simulatorContract';

/**
 * The simulated AWS account the gateway uses in `platformOps.aws.mode: simulated`.
 * Adopters (and tests) can replace it with their own factory.
 *
 * The default is the stateful simulated account of `src/simulator/` (seeded lazily from the
 * inventory, on the `platformOps.aws.simulation` clock); the same instance serves the
 * /simulator routes (faults, state, clock).
 */
export const simulatedAwsHandlerServiceRef = createServiceRef<SimulatedAwsHandler>({
  id: 'platform-ops.simulated-aws',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { account: simulatedAccountServiceRef },
      factory: ({ account }): SimulatedAwsHandler => account,
    }),
});
