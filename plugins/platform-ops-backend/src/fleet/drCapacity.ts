import {
  evaluateCapacity,
  FleetLimits,
  fleetLimitsFor,
  TierFleetLimits,
  worstCaseUnitUsd,
} from '@platformops/platform-ops-guardrails';

/**
 * The region failover's DR capacity under the one guardrail policy. A failover must not be
 * refused in a disaster, so the capacity is capped, not refused: the most instances of the
 * fleet's types (priced at the dearest, all on-demand) that the environment's limits allow,
 * never more than asked. The cap and why go to the step's log through `findings`.
 */
export function drFleetCapacity(
  environment: { name: string; tier?: string },
  wanted: number,
  options: { instanceTypes?: readonly string[]; limits?: Partial<TierFleetLimits> } = {},
): { desired: number; limits: FleetLimits; findings: string[] } {
  const limits = fleetLimitsFor(environment, options.limits);
  const instanceTypes = options.instanceTypes ?? [];
  const byDollars = Math.floor(limits.maxHourlyUsd / worstCaseUnitUsd(instanceTypes));
  const desired = Math.max(0, Math.min(wanted, limits.maxGpuInstances, byDollars));
  const findings =
    desired < wanted
      ? evaluateCapacity({ minSize: wanted, maxSize: wanted, desiredCapacity: wanted, instanceTypes }, limits, 'DR capacity').map(
          f => f.message,
        )
      : [];
  return { desired, limits, findings };
}
