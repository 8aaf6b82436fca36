import { z } from 'zod';
import { ENVIRONMENT_TIERS } from './resourceTypes';

/** Validation of annotation values, shared by the inventory and the UI. */

/** @public */
export const awsAccountIdSchema = z
  .string()
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

/** @public */
export const awsRegionSchema = z
  .string()
  .regex(
    /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d$/,
    'must be an AWS region such as us-east-1',
  );

/** @public */
export const environmentTierSchema = z.enum(ENVIRONMENT_TIERS, {
  errorMap: () => ({
    message: `must be one of ${ENVIRONMENT_TIERS.join(', ')}`,
  }),
});

/** AWS resource names we put in API calls: no whitespace, bounded length. @public */
export const awsResourceNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .regex(/^[A-Za-z0-9._:/\-]+$/, 'may contain only letters, digits and . _ : / -');

/** cluster/service of an ECS service annotation. @public */
export const ecsServiceAnnotationSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/, 'must be <cluster>/<service>');

/** hostedZoneId/record.name of a Route 53 annotation. @public */
export const route53AnnotationSchema = z
  .string()
  .regex(/^Z[A-Z0-9]+\/[a-z0-9.-]+$/, 'must be <hostedZoneId>/<record name>');

/** Environment entity name in a URL. @public */
export const environmentNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a catalog entity name (a-z, 0-9, -)');

/** First message of a zod error, as "field: message", for 4xx bodies and annotation reports. @public */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map(issue =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * A catalog entity reference as the Platform Ops API takes it (kind:namespace/name, any case):
 * the one validator of every route that names an entity. @public
 */
export const entityRefSchema = z
  .string({ required_error: 'entityRef is required (e.g. resource:default/prod-gpu-fleet)' })
  .max(255, 'entityRef must be at most 255 characters')
  .regex(/^[a-z]+:[a-z0-9-]+\/[a-z0-9._-]+$/i, 'entityRef must look like resource:default/prod-postgres');
