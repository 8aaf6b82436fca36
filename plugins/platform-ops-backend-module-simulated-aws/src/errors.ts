import { AwsServiceName } from '@platformops/plugin-platform-ops-backend';
import { SimulatedAwsError } from './ServiceModel';

/**
 * Errors of the simulated services (the DR models' too), shaped as the SDK v3 client would have parsed them:
 * `name` is the SDK's exception name, `Code` the code on the wire (they differ for the
 * query-compatible JSON protocols, e.g. SQS QueueDoesNotExist / AWS.SimpleQueueService.NonExistentQueue).
 */
export function awsError(
  name: string,
  message: string,
  httpStatusCode = 400,
  options: { wireCode?: string; throttling?: boolean } = {},
): SimulatedAwsError {
  const error = new SimulatedAwsError(name, message, httpStatusCode, {
    throttling: options.throttling,
  });
  const code = options.wireCode ?? name;
  const type = httpStatusCode >= 500 ? 'Receiver' : 'Sender';
  return Object.assign(error, { Code: code, Error: { Type: type, Code: code, Message: message } });
}

/** The exception each service throws when it throttles (what the SDK retry strategy sees). */
const THROTTLING_NAME: Record<AwsServiceName, string> = {
  autoScaling: 'Throttling',
  cloudWatch: 'Throttling',
  sqs: 'RequestThrottled',
  costExplorer: 'LimitExceededException',
  budgets: 'ThrottlingException',
  rds: 'Throttling',
  route53: 'Throttling',
  ecs: 'ThrottlingException',
  elastiCache: 'Throttling',
  ec2: 'RequestLimitExceeded',
  cloudFront: 'Throttling',
  s3: 'SlowDown',
  resourceGroupsTagging: 'ThrottledException',
};

/** The access-denied exception name of each service. */
const ACCESS_DENIED_NAME: Record<AwsServiceName, string> = {
  autoScaling: 'AccessDenied',
  cloudWatch: 'AccessDenied',
  sqs: 'AccessDeniedException',
  costExplorer: 'AccessDeniedException',
  budgets: 'AccessDeniedException',
  rds: 'AccessDenied',
  route53: 'AccessDenied',
  ecs: 'AccessDeniedException',
  elastiCache: 'AccessDenied',
  ec2: 'UnauthorizedOperation',
  cloudFront: 'AccessDenied',
  s3: 'AccessDenied',
  resourceGroupsTagging: 'AccessDeniedException',
};

export const commonErrors = {
  throttling: (service: AwsServiceName) =>
    awsError(THROTTLING_NAME[service], 'Rate exceeded', 400, { throttling: true }),
  accessDenied: (service: AwsServiceName, action: string, accountId: string) =>
    awsError(
      ACCESS_DENIED_NAME[service],
      `User: arn:aws:sts::${accountId}:assumed-role/platform-ops/backstage is not authorized to perform: ${action}`,
      403,
    ),
  regionDown: (region: string) =>
    awsError(
      'ServiceUnavailable',
      `Service unavailable: the simulated region ${region} is down (fault injection)`,
      503,
    ),
  catalogNotReady: () =>
    awsError(
      'ServiceUnavailable',
      'The simulated AWS account has nothing to simulate yet: the catalog lists no environments. It seeds itself on the next call once the catalog has processed them (a few seconds after start-up).',
      503,
    ),
  notImplemented: (service: AwsServiceName, operation: string) =>
    awsError(
      'NotImplemented',
      `The simulated AWS account does not implement ${service}.${operation}`,
      501,
    ),
};

export const autoScalingErrors = {
  validation: (message: string) => awsError('ValidationError', message, 400),
  /** The fault Auto Scaling answers for a NextToken it did not hand out (API reference, Errors). */
  invalidNextToken: () => awsError('InvalidNextToken', 'The token provided is invalid.', 400),
};

export const sqsErrors = {
  nonExistentQueue: () =>
    awsError('QueueDoesNotExist', 'The specified queue does not exist.', 400, {
      wireCode: 'AWS.SimpleQueueService.NonExistentQueue',
    }),
  resourceNotFound: (message: string) => awsError('ResourceNotFoundException', message, 400),
  unsupported: (message: string) =>
    awsError('UnsupportedOperation', message, 400, {
      wireCode: 'AWS.SimpleQueueService.UnsupportedOperation',
    }),
  invalidAttributeName: (name: string) =>
    awsError('InvalidAttributeName', `Unknown Attribute ${name}.`, 400),
  invalidParameter: (message: string) =>
    awsError('InvalidParameterValue', message, 400, { wireCode: 'InvalidParameterValue' }),
};

export const cloudWatchErrors = {
  validation: (message: string) => awsError('ValidationError', message, 400),
  invalidParameter: (message: string) => awsError('InvalidParameterValue', message, 400),
  invalidNextToken: () => awsError('InvalidNextToken', 'The NextToken is invalid.', 400),
};

export const costErrors = {
  validation: (message: string) => awsError('ValidationException', message, 400),
  dataUnavailable: (message: string) => awsError('DataUnavailableException', message, 400),
};

export const budgetsErrors = {
  invalidParameter: (message: string) => awsError('InvalidParameterException', message, 400),
  notFound: (message: string) => awsError('NotFoundException', message, 404),
};
