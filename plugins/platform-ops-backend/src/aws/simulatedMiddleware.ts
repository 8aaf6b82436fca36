import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import {
  AbsoluteLocation,
  FinalizeHandlerArguments,
  FinalizeHandlerOutput,
  FinalizeRequestHandlerOptions,
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
} from '@smithy/types';
import { AwsModelValidationError } from './model/modelValidationError';
import { validateAwsInput } from './model/validateAwsInput';
import { SimulatedAwsHandler, SimulatedCall } from './simulatorContract';
import { AwsServiceName } from './types';

export const SIMULATED_MIDDLEWARE_NAME = 'platformOpsSimulatedAccount';

/**
 * Routes a client's requests to the simulated account instead of the network.
 *
 * It sits at the end of the finalizeRequest step: the real serializer has built the HTTP
 * request from the input (so inputs the SDK cannot serialise fail here as they would
 * against AWS), the retry middleware wraps it (so simulated ThrottlingExceptions are retried
 * by the SDK's own strategy), and signing has run with the simulated credentials. Instead of
 * calling `next` (deserialize + HTTP), it asks the handler and returns its answer as the
 * command's output.
 */
export function simulatedAccountPlugin(
  handler: SimulatedAwsHandler,
  service: AwsServiceName,
  location: AwsLocation,
): Pluggable<object, MetadataBearer> {
  const options: FinalizeRequestHandlerOptions &
    AbsoluteLocation & { name: string; override: boolean } = {
    step: 'finalizeRequest',
    priority: 'low',
    name: SIMULATED_MIDDLEWARE_NAME,
    override: true,
  };
  return {
    applyToStack: stack => {
      stack.add(
        (_next, context: HandlerExecutionContext) =>
          async (
            args: FinalizeHandlerArguments<object>,
          ): Promise<FinalizeHandlerOutput<MetadataBearer>> => {
            const operation = String(context.commandName ?? 'Unknown').replace(
              /Command$/,
              '',
            );
            // AWS validates every request against its API model before acting on it; so does the
            // simulated account, so an input real AWS would refuse (or silently lose a member of)
            // fails here too instead of being confirmed by our own model of AWS.
            const problems = validateAwsInput(service, operation, args.input);
            if (problems.length > 0)
              throw new AwsModelValidationError(service, problems);
            const answer = await handler.handle({
              service,
              operation,
              input: { ...(args.input as Record<string, unknown>) },
              location,
              request: describeRequest(args.request),
            });
            return {
              output: {
                ...answer,
                $metadata: {
                  httpStatusCode: 200,
                  requestId: `simulated-${operation}`,
                  attempts: 1,
                  totalRetryDelay: 0,
                },
              },
              response: { statusCode: 200, headers: {}, body: undefined },
            };
          },
        options,
      );
    },
  };
}

/** Method, path and body of the serialised request; never its headers. */
function describeRequest(request: unknown): SimulatedCall['request'] {
  const r = request as
    | {
        method?: string;
        hostname?: string;
        path?: string;
        query?: Record<string, string | string[] | null>;
        body?: unknown;
      }
    | undefined;
  if (!r?.method) return undefined;
  // S3 names the bucket in the host (virtual-hosted style) or the path, and the configuration
  // read in the query (?replication); REST services page with query members (Route 53's
  // maxitems): all of it is part of what went over the wire.
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(r.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v ?? '');
  }
  return {
    method: r.method,
    ...(r.hostname ? { hostname: r.hostname } : {}),
    path: r.path ?? '/',
    ...(query.size > 0 ? { query: query.toString() } : {}),
    body: typeof r.body === 'string' ? r.body : undefined,
  };
}
