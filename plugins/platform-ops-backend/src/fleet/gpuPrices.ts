import { InstanceLifecycle } from '@platformops/plugin-platform-ops-common';

/**
 * $/hour of the GPU instance types the platforms use (seed 004, us-east-1 on-demand list
 * prices). Spot is priced at SPOT_FACTOR of on-demand: spot prices move, and the product only
 * needs an order of magnitude to compare a recommendation with the current fleet.
 * (The simulated account may ship its own price table; this one is the fleet view's.)
 */
export const GPU_ON_DEMAND_USD_PER_HOUR: Readonly<Record<string, number>> = {
  'g4dn.xlarge': 0.526,
  'g4dn.2xlarge': 0.752,
  'g5.xlarge': 1.006,
  'g5.2xlarge': 1.212,
};

/** Typical g4dn/g5 spot discount in us-east-1 (about 70 % off). */
export const SPOT_FACTOR = 0.3;

/** Price used for a type we do not know: the most expensive one, so guardrails err safe. */
const UNKNOWN_TYPE_USD = Math.max(...Object.values(GPU_ON_DEMAND_USD_PER_HOUR));

export function unitHourlyUsd(instanceType: string, lifecycle: InstanceLifecycle): number {
  const onDemand = GPU_ON_DEMAND_USD_PER_HOUR[instanceType] ?? UNKNOWN_TYPE_USD;
  return round(lifecycle === 'spot' ? onDemand * SPOT_FACTOR : onDemand);
}

export function round(usd: number): number {
  return Math.round(usd * 1000) / 1000;
}
