import { AwsGateway, AwsCommand, AwsCommandOutput } from '../../aws/types';
import { StepAws, StepCall } from '../types';
import { LeaseFence } from './fence';
import { AwsCallBudgetExceededError } from './lease';

/** "RebootDBInstanceCommand" -> "RebootDBInstance": the AWS operation name. */
export function operationName(command: AwsCommand): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** One line per call in the execution log: what was asked of whom, where, on which plane. */
export function describeCall(call: StepCall): string {
  return `${call.service}.${operationName(call.command)} in ${call.location.region} (${call.plane} plane, account ${call.location.accountId})`;
}

/**
 * The gateway as a step sees it. Each call:
 * 1. passes the lease fence first (renews the lease; refuses, without sending, when another
 *    replica holds the execution now),
 * 2. leaves a line in the step's log, so the log shows what was attempted even when the
 *    process dies during the call,
 * 3. goes through the shared gateway (retries, error mapping, ledger),
 * 4. must answer within `budgetMs` (shorter than the lease): a call that does not has an
 *    unknown outcome, and the step stops rather than guess.
 */
export function createStepAws(
  gateway: AwsGateway,
  log: (message: string) => Promise<void>,
  fence: LeaseFence,
  budgetMs: number,
): StepAws {
  return {
    async send<C extends AwsCommand>(call: StepCall<C>): Promise<AwsCommandOutput<C>> {
      const described = describeCall(call);
      await fence.check(`sending ${described}`);
      await log(`-> ${described}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AwsCallBudgetExceededError(described, budgetMs)), budgetMs);
        timer.unref?.();
      });
      try {
        return await Promise.race([gateway.send(call.location, call.service, call.command), deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Errors that mean "this API's control plane did not answer", not "AWS said no". */
export function isControlPlaneUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'AwsCallBudgetExceededError') return false; // outcome unknown, not "down"
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
    ?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  return [
    'ServiceUnavailableError',
    'ServiceUnavailable',
    'InternalFailure',
    'TimeoutError',
    'RequestTimeout',
    'NetworkingError',
  ].includes(error.name);
}
