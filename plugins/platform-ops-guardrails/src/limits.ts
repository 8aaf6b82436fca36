/**
 * The per-tier fleet limits (seed 004's environment mapping: dev 0-1 GPU workers, sandbox
 * 1-2, staging 2-4, prod 2-20), with $/hour leaving room for every instance on-demand at about
 * g5.2xlarge prices. Backstage config raises them per environment under
 * `platformOps.guardrails.environments.<environment name>` (keys `maxGpuInstances`,
 * `maxHourlyUsd`); the CDKTF policy check takes the same overrides as options.
 */

/** @public */
export const GUARDRAIL_TIERS = ['dev', 'sandbox', 'staging', 'prod'] as const;

/** @public */
export type GuardrailTier = (typeof GUARDRAIL_TIERS)[number];

/** What a tier allows a fleet. @public */
export interface TierFleetLimits {
  /** Most GPU instances a fleet may be sized to (min, max, desired, scheduled or not). */
  maxGpuInstances: number;
  /** Most $/hour a fleet may cost at its max size in the worst case. */
  maxHourlyUsd: number;
}

/** The limits of one environment, and where in app-config to raise them. @public */
export interface FleetLimits extends TierFleetLimits {
  /** e.g. platformOps.guardrails.environments.sandbox-1 (append .maxGpuInstances / .maxHourlyUsd). */
  configKey: string;
}

/** @public */
export const DEFAULT_FLEET_LIMITS: Readonly<Record<GuardrailTier, TierFleetLimits>> = {
  dev: { maxGpuInstances: 1, maxHourlyUsd: 1.25 },
  sandbox: { maxGpuInstances: 2, maxHourlyUsd: 2.5 },
  staging: { maxGpuInstances: 4, maxHourlyUsd: 5 },
  prod: { maxGpuInstances: 20, maxHourlyUsd: 25 },
};

/** The config prefix under which an environment's limits are raised. @public */
export const GUARDRAIL_CONFIG_PREFIX = 'platformOps.guardrails.environments';

/** @public */
export function isGuardrailTier(tier: string | undefined): tier is GuardrailTier {
  return (GUARDRAIL_TIERS as readonly string[]).includes(tier ?? '');
}

/**
 * The limits of an environment: its tier's defaults, raised (or lowered) by what config says
 * for that environment. A tier nobody knows gets the dev limits: the smallest, so a typo in a
 * tier annotation cannot unlock prod-sized fleets.
 *
 * @public
 */
export function fleetLimitsFor(
  environment: { name: string; tier?: string },
  overrides: Partial<TierFleetLimits> = {},
): FleetLimits {
  const defaults = isGuardrailTier(environment.tier)
    ? DEFAULT_FLEET_LIMITS[environment.tier]
    : DEFAULT_FLEET_LIMITS.dev;
  return {
    maxGpuInstances: overrides.maxGpuInstances ?? defaults.maxGpuInstances,
    maxHourlyUsd: overrides.maxHourlyUsd ?? defaults.maxHourlyUsd,
    configKey: `${GUARDRAIL_CONFIG_PREFIX}.${environment.name}`,
  };
}
