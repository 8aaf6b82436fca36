import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsClientFactory } from './AwsClientFactory';
import { CallLedger } from './CallLedger';
import { awsErrorCode, mapAwsError, scrubSecrets } from './errors';
import { AWS_SERVICES, effectiveRegion, iamAction, operationName } from './services';
import {
  AwsCallPreview,
  AwsCallLedgerSnapshot,
  AwsCommand,
  AwsCommandOutput,
  AwsGateway,
  AwsServiceName,
} from './types';

/** The object every SDK client is, as far as sending goes. */
interface Sender {
  send(command: unknown): Promise<unknown>;
}

/**
 * The one way capabilities talk to AWS (or the simulated account). Counting, error mapping
 * and logging live here, around `client.send`, rather than in client middleware, so that
 * they also hold when tests replace `send` with aws-sdk-client-mock.
 */
export class DefaultAwsGateway implements AwsGateway {
  private readonly calls = new CallLedger();

  constructor(
    private readonly clients: AwsClientFactory,
    private readonly logger: LoggerService,
    private readonly throttledRetryAfterSeconds: number,
  ) {}

  get mode(): 'simulated' | 'aws' {
    return this.clients.mode;
  }

  async send<C extends AwsCommand>(
    location: AwsLocation,
    service: AwsServiceName,
    command: C,
  ): Promise<AwsCommandOutput<C>> {
    const info = AWS_SERVICES[service];
    const operation = operationName(command);
    const region = effectiveRegion(service, location.region);
    this.calls.record(info.label, operation);
    try {
      const client = (await this.clients.getClient(location, service)) as unknown as Sender;
      return (await client.send(command)) as AwsCommandOutput<C>;
    } catch (error) {
      const mapped = mapAwsError(error, {
        service: info.label,
        iamAction: iamAction(service, operation),
        operation,
        accountId: location.accountId,
        region,
        throttledRetryAfterSeconds: this.throttledRetryAfterSeconds,
      });
      // Only what identifies the call and the AWS verdict: never the error object, whose
      // $response / request carry headers (Authorization, security token).
      const { requestId, httpStatusCode } =
        (error as { $metadata?: { requestId?: string; httpStatusCode?: number } })?.$metadata ?? {};
      this.logger.warn(
        `AWS call ${info.label}.${operation} in ${location.accountId}/${region} failed: ${awsErrorCode(error)}`,
        {
          awsErrorCode: awsErrorCode(error),
          awsStatus: httpStatusCode ?? 'none',
          awsRequestId: requestId ?? 'none',
          mappedTo: `${mapped.name}: ${scrubSecrets(mapped.message)}`,
        },
      );
      throw mapped;
    }
  }

  preview<C extends AwsCommand>(
    location: AwsLocation,
    service: AwsServiceName,
    command: C,
  ): AwsCallPreview {
    return {
      service: AWS_SERVICES[service].label,
      command: command.constructor.name,
      // A deep copy through JSON: the plan is stored and shown as sent (Dates become ISO).
      input: JSON.parse(JSON.stringify(command.input ?? {})) as JsonObject,
      accountId: location.accountId,
      region: effectiveRegion(service, location.region),
    };
  }

  ledger(): AwsCallLedgerSnapshot {
    return this.calls.snapshot();
  }
}
