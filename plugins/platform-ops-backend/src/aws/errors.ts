import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * A 503 that says when to come back: throttling outlasted the SDK's retries. The name stays
 * ServiceUnavailableError (inherited), so Backstage's error handler answers 503, and
 * `awsErrorMiddleware` adds the Retry-After header from `retryAfterSeconds`.
 */
export class AwsThrottledError extends ServiceUnavailableError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * A 404 that keeps AWS's error code: some "not found" answers are not failures. S3 answers a
 * bucket without a replication or lifecycle configuration with ReplicationConfigurationNotFoundError
 * / NoSuchLifecycleConfiguration ("none configured"), a missing bucket with NoSuchBucket
 * ("not applied yet"); readers tell them apart by `awsCode`. The name stays NotFoundError.
 */
export class AwsNotFoundError extends NotFoundError {
  constructor(
    message: string,
    readonly awsCode: string,
  ) {
    super(message);
  }
}

/** The AWS error code of a 404 the gateway mapped, if it was one. */
export function notFoundAwsCode(error: unknown): string | undefined {
  return error instanceof AwsNotFoundError ? error.awsCode : undefined;
}

/** Where a failed call went: enough to say who may not do what. */
export interface AwsCallContext {
  /** Client label, e.g. AutoScaling. */
  service: string;
  /** IAM action the call needs, e.g. autoscaling:SetDesiredCapacity. */
  iamAction: string;
  /** e.g. SetDesiredCapacity. */
  operation: string;
  accountId: string;
  region: string;
  throttledRetryAfterSeconds: number;
}

/** What the SDK puts on a service error; nothing else of it is read (no $response). */
interface SdkErrorShape {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $retryable?: { throttling?: boolean };
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'UnauthorizedException',
]);

// The credentials themselves were refused or missing: a set-up problem, not a policy one.
const BAD_CREDENTIALS = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSignatureException',
  'CredentialsProviderError',
]);

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'LimitExceededException', // Cost Explorer's request-rate error
]);

const VALIDATION = new Set([
  'ValidationError',
  'ValidationException',
  'InvalidParameterValue',
  'InvalidParameterValueException',
  'InvalidParameterCombination',
  'InvalidParameterException',
  'InvalidParameter',
  'InvalidInput',
  'InvalidArgument',
  'InvalidArgumentException',
  'MissingParameter',
  'MissingAction',
  'InvalidAttributeName',
  'InvalidAttributeValue',
  'ClientException', // ECS: "the request is invalid"
  'InvalidRequestException',
  'BadRequestException',
  // Route 53 and CloudFront answer these for a change that cannot apply as written.
  'InvalidChangeBatch',
  'InconsistentQuantities',
  'IllegalUpdate',
  'InvalidIfMatchVersion',
]);

// The resource exists but is busy or in the wrong state for this change: retry later.
const CONFLICT = new Set([
  'ScalingActivityInProgress',
  'ScalingActivityInProgressFault',
  'ResourceInUse',
  'ResourceInUseFault',
  'ResourceContention',
  'ResourceContentionFault',
  'InvalidDBInstanceState',
  'InvalidDBInstanceStateFault',
  'InvalidDBClusterStateFault',
  'InvalidReplicationGroupState',
  'InvalidReplicationGroupStateFault',
  'PriorRequestNotCompleteException',
  'ConcurrentModification',
  'AWS.SimpleQueueService.UnsupportedOperation',
  // CloudFront: the distribution changed since it was read (stale ETag); read it again.
  'PreconditionFailed',
  // ElastiCache: a failover test is already running on this replication group.
  'TestFailoverNotAvailableFault',
]);

const BACKSTAGE_ERRORS = new Set([
  'InputError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

const NOT_FOUND =
  /NotFound|NoSuch|NonExistent|DoesNotExist|^AWS\.SimpleQueueService\.NonExistentQueue$/;

const TRANSPORT = new Set(['TimeoutError', 'RequestTimeout', 'ECONNREFUSED', 'ECONNRESET']);

/** AWS access key ids (long-term AKIA, temporary ASIA): never echoed, whatever AWS says. */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;

export function scrubSecrets(text: string): string {
  return text.replace(ACCESS_KEY_ID, '[redacted-key-id]');
}

/** The AWS error code of a thrown SDK error (name, or Code for some query protocols). */
export function awsErrorCode(error: unknown): string {
  const e = (error ?? {}) as SdkErrorShape & { code?: string };
  return e.name && e.name !== 'Error' ? e.name : e.Code ?? e.code ?? 'UnknownError';
}

/**
 * Turns an AWS SDK error into the Backstage error whose status and message the user should
 * see. The AWS error object itself (request, response, headers) never leaves this function.
 */
export function mapAwsError(error: unknown, ctx: AwsCallContext): Error {
  const e = (error ?? {}) as SdkErrorShape;
  // Already a Backstage error (thrown before AWS was reached, e.g. by the simulated
  // account's placeholder): it says what it means.
  if (error instanceof Error && !e.$metadata && BACKSTAGE_ERRORS.has(error.name)) return error;
  const code = awsErrorCode(error);
  const status = e.$metadata?.httpStatusCode;
  const awsMessage = scrubSecrets(String(e.message ?? '')).trim();
  const where = `${ctx.service}.${ctx.operation} in ${ctx.accountId}/${ctx.region}`;

  if (ACCESS_DENIED.has(code)) {
    return new NotAllowedError(
      `the platform-ops role in ${ctx.accountId} may not call ${ctx.iamAction}`,
    );
  }
  if (BAD_CREDENTIALS.has(code)) {
    return new NotAllowedError(
      `AWS refused the credentials of the platform-ops role in ${ctx.accountId} (${code}); check the aws.accounts config`,
    );
  }
  if (THROTTLING.has(code) || status === 429 || e.$retryable?.throttling) {
    return new AwsThrottledError(
      `AWS throttled ${where} after retries (${code}); try again in ${ctx.throttledRetryAfterSeconds}s`,
      ctx.throttledRetryAfterSeconds,
    );
  }
  if (NOT_FOUND.test(code)) {
    return new AwsNotFoundError(`AWS ${where}: not found (${code})${awsMessage ? `: ${awsMessage}` : ''}`, code);
  }
  if (VALIDATION.has(code)) {
    return new InputError(`AWS rejected ${where}: ${awsMessage || code}`);
  }
  if (CONFLICT.has(code)) {
    return new ConflictError(`AWS ${where}: ${code}${awsMessage ? `: ${awsMessage}` : ''}`);
  }
  // "Did not answer" only when nothing came back: a timeout or a refused/reset connection.
  if (TRANSPORT.has(code) || (status === undefined && /ECONN|ETIMEDOUT|EPIPE|socket hang up/i.test(awsMessage))) {
    return new ServiceUnavailableError(`AWS did not answer ${where} (${code})`);
  }
  if (status !== undefined && status >= 500) {
    // AWS answered with a server error. When the SDK could not parse the body (an HTML error
    // page from a proxy, a truncated answer) it throws a SyntaxError, an "Unknown" code or a deserialization
    // error: say so, with the HTTP status, rather than calling it silence.
    const unreadable = ['SyntaxError', 'Unknown', 'UnknownError'].includes(code) || /Deserialization error/i.test(awsMessage);
    return new ServiceUnavailableError(
      unreadable
        ? `AWS answered ${where} with HTTP ${status} and a body that could not be read as an AWS error`
        : `AWS answered ${where} with ${code} (HTTP ${status})${awsMessage ? `: ${awsMessage}` : ''}`,
    );
  }
  // Unknown: a 500 naming the code, still without the raw error.
  return new Error(`AWS ${where} failed: ${code}${awsMessage ? `: ${awsMessage}` : ''}`);
}
