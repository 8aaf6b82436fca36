import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { NotImplementedError } from '@backstage/errors';
import { SimulatedAwsHandler } from './simulatorContract';

/**
 * The simulated AWS account the gateway uses in `platformOps.aws.mode: simulated`.
 * Adopters (and tests) can replace it with their own factory.
 *
 * TODO(simulator): replace this placeholder default factory with the simulated account from
 * `src/simulator/` (its deps: clock, inventory, ...). Until then the placeholder answers
 * every call with a 501 naming the operation, so the plugin still starts.
 */
export const simulatedAwsHandlerServiceRef = createServiceRef<SimulatedAwsHandler>({
  id: 'platform-ops.simulated-aws',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: (): SimulatedAwsHandler => ({
        async handle(call) {
          throw new NotImplementedError(
            `The simulated AWS account does not answer ${call.service}.${call.operation} yet`,
          );
        },
      }),
    }),
});
