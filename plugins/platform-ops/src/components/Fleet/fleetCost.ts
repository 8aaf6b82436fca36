import {
  FleetListItem,
  FleetStatus,
  GPU_ON_DEMAND_USD_PER_HOUR,
  GPU_SPOT_DISCOUNT,
} from '@platformops/plugin-platform-ops-common';

/** A fleet with no instances yet is priced as the platforms' default worker type. */
const DEFAULT_WORKER_USD_PER_HOUR = GPU_ON_DEMAND_USD_PER_HOUR['g4dn.xlarge'];

/**
 * Estimated $/hour at another size, from the fleet's current price per instance and its
 * distribution: the dialog shows it as you type; the server's guardrail is the authority.
 */
export function estimateHourlyUsd(fleet: FleetStatus, capacity: number): number {
  const units = fleet.instances;
  const onDemandPrice = units.find(u => u.lifecycle === 'on-demand')?.unitHourlyUsd ?? units[0]?.unitHourlyUsd ?? DEFAULT_WORKER_USD_PER_HOUR;
  const spotPrice = units.find(u => u.lifecycle === 'spot')?.unitHourlyUsd ?? onDemandPrice * (1 - GPU_SPOT_DISCOUNT);
  const d = fleet.distribution;
  const base = d ? Math.min(capacity, d.onDemandBaseCapacity) : capacity;
  const onDemand = d ? base + Math.ceil(((capacity - base) * d.onDemandPercentageAboveBaseCapacity) / 100) : capacity;
  return Math.round((onDemand * onDemandPrice + (capacity - onDemand) * spotPrice) * 1000) / 1000;
}

/** "70 % spot above 1 on-demand" */
export function spotMixLabel(fleet: Pick<FleetListItem, 'distribution'>): string {
  const d = fleet.distribution;
  if (!d) return 'on-demand only (no mixed instances policy)';
  return `${100 - d.onDemandPercentageAboveBaseCapacity} % spot above ${d.onDemandBaseCapacity} on-demand`;
}
