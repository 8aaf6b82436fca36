import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';
import { ServiceModel } from '../ServiceModel';
import { awsError } from './awsErrors';
import { Timeline } from './timeline';

type Handler = (
  input: Record<string, unknown>,
  location: AwsLocation,
  now: Date,
) => object;

/**
 * Shared dispatch of the DR models: bring the state up to `now` (lazy transitions), then run
 * the operation's handler. Subclasses declare their handlers in one table so that
 * `operations` can never drift from what is actually answered.
 */
export abstract class DrServiceModel implements ServiceModel {
  abstract readonly service: AwsServiceName;
  protected readonly timeline = new Timeline();
  protected abstract readonly handlers: Record<string, Handler>;

  get operations(): readonly string[] {
    return Object.keys(this.handlers);
  }

  handle(
    operation: string,
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Record<string, unknown> {
    const handler = this.handlers[operation];
    if (!handler) {
      throw awsError(
        'UnknownOperationException',
        `The simulated ${this.service} does not answer ${operation}`,
        400,
      );
    }
    this.timeline.advanceTo(now);
    return handler(input ?? {}, location, now) as Record<string, unknown>;
  }
}
