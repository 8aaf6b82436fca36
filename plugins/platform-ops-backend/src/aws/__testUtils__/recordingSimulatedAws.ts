import { createServiceFactory } from '@backstage/backend-plugin-api';
import { simulatedAccountServiceRef } from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { PAYER } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { SimulatedAwsService, simulatedAwsServiceRef } from '../simulatedAwsServiceRef';
import { SimulatedCall } from '../simulatorContract';

/** One command the product sent, as the real SDK client serialised it, and what sent it. */
export interface RecordedCall extends SimulatedCall {
  /** The product path the test was exercising when the call arrived (e.g. "POST /fleets/size"). */
  activity: string;
}

/**
 * The embedded simulated account, installed in place of the module's own factory, with every
 * command that reaches it recorded. The plugin's gateway, SDK clients and simulated
 * middleware stay the product's own: what arrives here is what would go to AWS.
 */
export function recordingSimulatedAws() {
  const calls: RecordedCall[] = [];
  let activity = 'background';
  const factory = createServiceFactory({
    service: simulatedAwsServiceRef,
    deps: { account: simulatedAccountServiceRef },
    factory: ({ account }): SimulatedAwsService => ({
      account: {
        handler: {
          handle: async call => {
            // The middleware hands a copy of the input; the account does not change it.
            calls.push({ ...call, activity });
            return account.handle(call);
          },
        },
        clock: account.clock,
        costAccountId: PAYER.accountId,
      },
    }),
  });
  return {
    factory,
    calls,
    /** Labels the calls that arrive while `fn` runs. */
    async during<T>(label: string, fn: () => Promise<T>): Promise<T> {
      const previous = activity;
      activity = label;
      try {
        return await fn();
      } finally {
        activity = previous;
      }
    },
  };
}
