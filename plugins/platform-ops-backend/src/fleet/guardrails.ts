import { InputError, NotAllowedError } from '@backstage/errors';
import { FleetStatus } from '@platformops/plugin-platform-ops-common';
import {
  CapacityChange,
  CapacityState,
  describeFindings,
  evaluateCapacity,
  evaluateCapacityChange,
  GuardrailFinding,
} from '@platformops/platform-ops-guardrails';

/**
 * The fleet side of the one guardrail policy (@platformops/platform-ops-guardrails): turns a
 * fleet's status into the policy's capacity state and its findings into HTTP errors. A limit
 * (instances, $/hour) is a 403 naming the limit and the config key that raises it; a state AWS
 * would make nonsense of (min above max, an on-demand base above max) is a 400.
 */

/** The fleet as the policy judges it: sizes, distribution and every type it may launch. */
export function capacityStateOf(fleet: FleetStatus): CapacityState {
  const launched = [...new Set(fleet.instances.map(i => i.instanceType))];
  return {
    minSize: fleet.minSize,
    maxSize: fleet.maxSize,
    desiredCapacity: fleet.desiredCapacity,
    onDemandBaseCapacity: fleet.distribution?.onDemandBaseCapacity,
    onDemandPercentageAboveBaseCapacity: fleet.distribution?.onDemandPercentageAboveBaseCapacity,
    // Unknown types (none declared, none running) are priced at the dearest: refusing errs safe.
    instanceTypes: fleet.distribution?.instanceTypes.length ? fleet.distribution.instanceTypes : launched,
  };
}

function limitsOf(fleet: FleetStatus) {
  const { maxGpuInstances, maxHourlyUsd, configKey } = fleet.guardrail;
  return { maxGpuInstances, maxHourlyUsd, configKey };
}

function throwFindings(findings: GuardrailFinding[]): void {
  if (findings.length === 0) return;
  const limits = findings.filter(f => f.configKey);
  if (limits.length) throw new NotAllowedError(`Refused by guardrail: ${describeFindings(limits)}`);
  throw new InputError(describeFindings(findings));
}

/** Throws when `change`, merged with the fleet's current state, breaks the policy. */
export function enforceCapacityChange(fleet: FleetStatus, change: CapacityChange, subject = fleet.asgName): void {
  throwFindings(evaluateCapacityChange(capacityStateOf(fleet), change, limitsOf(fleet), subject));
}

/**
 * Throws when the fleet as it stands breaks the policy: for changes that let the group scale
 * itself up to its max (a target-tracking policy), which must not hand a policy a max above
 * the limits even though no size changes.
 */
export function enforceCurrentCapacity(fleet: FleetStatus, subject = fleet.asgName): void {
  throwFindings(evaluateCapacity(capacityStateOf(fleet), limitsOf(fleet), subject));
}
