import {
  GPU_ON_DEMAND_USD_PER_HOUR,
  GPU_SPOT_DISCOUNT,
  InstanceLifecycle,
} from '@platformops/plugin-platform-ops-common';

/**
 * $/hour of GPU instances for the fleet view and guardrails: the same table the simulated
 * account bills with (seed 004 on-demand prices, spot at the seed's ~70 % saving), so the
 * fleet card and the cost pages agree.
 */

/** Price used for a type we do not know: the most expensive one, so guardrails err safe. */
const UNKNOWN_TYPE_USD = Math.max(...Object.values(GPU_ON_DEMAND_USD_PER_HOUR));

export function unitHourlyUsd(instanceType: string, lifecycle: InstanceLifecycle): number {
  const onDemand = GPU_ON_DEMAND_USD_PER_HOUR[instanceType] ?? UNKNOWN_TYPE_USD;
  return round(lifecycle === 'spot' ? onDemand * (1 - GPU_SPOT_DISCOUNT) : onDemand);
}

export function round(usd: number): number {
  return Math.round(usd * 1000) / 1000;
}
