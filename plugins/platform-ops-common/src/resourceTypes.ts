/**
 * `spec.type` values of catalog Resource entities that Platform Ops understands.
 *
 * @public
 */
export const RESOURCE_TYPES = [
  'environment',
  'gpu-fleet',
  'queue',
  'database',
  'cache',
  'bucket',
] as const;

/** @public */
export type PlatformResourceType = (typeof RESOURCE_TYPES)[number];

/** @public */
export const ENVIRONMENT_TIERS = ['dev', 'sandbox', 'staging', 'prod'] as const;

/** @public */
export type EnvironmentTier = (typeof ENVIRONMENT_TIERS)[number];

/** @public */
export function isPlatformResourceType(
  value: unknown,
): value is PlatformResourceType {
  return (
    typeof value === 'string' &&
    (RESOURCE_TYPES as readonly string[]).includes(value)
  );
}
