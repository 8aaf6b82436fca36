import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { ManualClock, ServiceModel, SimulatedAwsError } from '../ServiceModel';

/** For tests: a model plus the clock it runs on, called the way the simulated account does. */
export function driver(model: ServiceModel, clock: ManualClock) {
  return {
    call: (operation: string, input: object, location: AwsLocation) =>
      Promise.resolve(
        model.handle(
          operation,
          input as Record<string, unknown>,
          location,
          clock.now(),
        ),
      ),
  };
}

/** Runs `fn` and returns the AWS-shaped error it threw (fails the test if it did not throw). */
export async function awsErrorOf(
  fn: () => unknown,
): Promise<SimulatedAwsError & { Code?: string }> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof SimulatedAwsError) return e;
    throw e;
  }
  throw new Error('expected an AWS error, but the call succeeded');
}

export const PROD_EAST: AwsLocation = {
  accountId: '410987654321',
  region: 'us-east-1',
};
export const PROD_WEST: AwsLocation = {
  accountId: '410987654321',
  region: 'us-west-2',
};
export const STAGING_EAST: AwsLocation = {
  accountId: '310987654321',
  region: 'us-east-1',
};
export const DEV_EAST: AwsLocation = {
  accountId: '210987654321',
  region: 'us-east-1',
};
