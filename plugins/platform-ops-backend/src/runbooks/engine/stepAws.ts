import { AwsGateway, AwsCommand, AwsCommandOutput } from '../../aws/types';
import { StepAws, StepCall } from '../types';

/** "RebootDBInstanceCommand" -> "RebootDBInstance": the AWS operation name. */
export function operationName(command: AwsCommand): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** One line per call in the execution log: what was asked of whom, where, on which plane. */
export function describeCall(call: StepCall): string {
  return `${call.service}.${operationName(call.command)} in ${call.location.region} (${call.plane} plane, account ${call.location.accountId})`;
}

/**
 * The gateway as a step sees it: each call goes through the shared gateway (retries,
 * error mapping, ledger) and leaves a line in the step's log first, so the log shows what
 * was attempted even when the process dies during the call.
 */
export function createStepAws(
  gateway: AwsGateway,
  log: (message: string) => Promise<void>,
): StepAws {
  return {
    async send<C extends AwsCommand>(call: StepCall<C>): Promise<AwsCommandOutput<C>> {
      await log(`-> ${describeCall(call)}`);
      return gateway.send(call.location, call.service, call.command);
    },
  };
}

/** Errors that mean "this API's control plane did not answer", not "AWS said no". */
export function isControlPlaneUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
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
