import { InputProblem, validationMessage } from './validateAwsInput';

/**
 * The error each service answers when a request fails its input validation, as the SDK
 * parses it (name = the service's error code). Query-protocol services say ValidationError,
 * the JSON ones ValidationException; a few have their own code.
 */
const VALIDATION_CODE: Record<string, string> = {
  autoScaling: 'ValidationError',
  cloudWatch: 'InvalidParameterValue',
  sqs: 'InvalidParameterValue',
  costExplorer: 'ValidationException',
  budgets: 'InvalidParameterException',
  rds: 'InvalidParameterValue',
  route53: 'InvalidInput',
  ecs: 'InvalidParameterException',
  elastiCache: 'InvalidParameterValue',
  ec2: 'InvalidParameterValue',
  cloudFront: 'InvalidArgument',
  sts: 'ValidationError',
};

/** An SDK-shaped 400 for an input that breaks AWS's API model. */
export class AwsModelValidationError extends Error {
  readonly $fault = 'client' as const;
  readonly $metadata = { httpStatusCode: 400 };
  constructor(service: string, readonly problems: InputProblem[]) {
    super(validationMessage(problems));
    this.name = VALIDATION_CODE[service] ?? 'ValidationError';
  }
}
