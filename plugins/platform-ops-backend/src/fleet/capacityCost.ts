import { FleetDistribution } from '@platformops/plugin-platform-ops-common';
import { roundUsd as round, unitHourlyUsd } from '@platformops/platform-ops-guardrails';

/**
 * How many of `capacity` instances are on-demand under a mixed-instances distribution: the
 * base first, then the percentage of what is above the base (AWS rounds on-demand up).
 */
export function onDemandCount(capacity: number, distribution?: FleetDistribution): number {
  if (!distribution) return capacity;
  const base = Math.min(capacity, distribution.onDemandBaseCapacity);
  const above = capacity - base;
  return base + Math.ceil((above * distribution.onDemandPercentageAboveBaseCapacity) / 100);
}

/** $/hour of a fleet at `capacity` instances of `instanceType` under a distribution. */
export function capacityHourlyUsd(
  capacity: number,
  instanceType: string,
  distribution?: FleetDistribution,
): number {
  const onDemand = onDemandCount(capacity, distribution);
  const spot = capacity - onDemand;
  return round(
    onDemand * unitHourlyUsd(instanceType, 'on-demand') + spot * unitHourlyUsd(instanceType, 'spot'),
  );
}
