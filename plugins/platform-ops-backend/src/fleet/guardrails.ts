import { NotAllowedError } from '@backstage/errors';
import { FleetDistribution, FleetStatus } from '@platformops/plugin-platform-ops-common';
import { capacityHourlyUsd } from './capacityCost';

/**
 * Server-side guardrails: per environment, the most GPU instances a fleet may be asked for
 * and the most it may cost per hour at that size. A refusal names the limit and the config
 * key that raises it, so the operator knows whom to ask (whoever owns app-config).
 */
export function enforceGuardrails(
  fleet: FleetStatus,
  proposal: {
    /** e.g. "desired capacity", "max size". */
    what: string;
    capacity: number;
    instanceType: string;
    distribution?: FleetDistribution;
  },
): void {
  const { guardrail, environment } = fleet;
  if (proposal.capacity > guardrail.maxGpuInstances) {
    throw new NotAllowedError(
      `Refused by guardrail: ${proposal.what} ${proposal.capacity} exceeds the ${environment} limit of ${guardrail.maxGpuInstances} GPU instances. To allow it, raise ${guardrail.configKey}.maxGpuInstances in app-config.`,
    );
  }
  const hourly = capacityHourlyUsd(proposal.capacity, proposal.instanceType, proposal.distribution);
  if (hourly > guardrail.maxHourlyUsd) {
    throw new NotAllowedError(
      `Refused by guardrail: ${proposal.what} ${proposal.capacity} x ${proposal.instanceType} costs $${hourly.toFixed(2)}/hour, above the ${environment} limit of $${guardrail.maxHourlyUsd.toFixed(2)}/hour. To allow it, raise ${guardrail.configKey}.maxHourlyUsd in app-config.`,
    );
  }
}
