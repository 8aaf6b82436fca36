import { FleetLimits } from './limits';
import { worstCaseHourlyUsd, worstCaseUnitUsd } from './prices';

/**
 * Pure judgement of a fleet's capacity and cost against its environment's limits: the one
 * policy the fleet changes, the scheduled actions, the CDKTF policy check and the region
 * failover's DR capacity all use, so none of them can be looser than another.
 */

/** A fleet's capacity as AWS Auto Scaling holds it (or as a change / a template proposes it). @public */
export interface CapacityState {
  minSize: number;
  maxSize: number;
  /** Absent: the group follows its policies between min and max. */
  desiredCapacity?: number;
  /** Mixed instances distribution; absent for a single launch template (all on-demand). */
  onDemandBaseCapacity?: number;
  onDemandPercentageAboveBaseCapacity?: number;
  /** Every type the fleet may launch (the overrides of a mixed instances policy). */
  instanceTypes: readonly string[];
}

/** What a capacity change sets; absent fields keep the group's current value. @public */
export type CapacityChange = Partial<Omit<CapacityState, 'instanceTypes'>> & {
  instanceTypes?: readonly string[];
};

/** @public */
export type GuardrailRule =
  | 'max-gpu-instances'
  | 'max-hourly-usd'
  | 'min-above-max'
  | 'desired-outside-min-max'
  | 'on-demand-base-above-max';

/** One way a state breaks the policy. @public */
export interface GuardrailFinding {
  rule: GuardrailRule;
  /** The capacity field at fault (minSize, maxSize, desiredCapacity, onDemandBaseCapacity). */
  field: keyof Omit<CapacityState, 'instanceTypes'>;
  /** The offending value (instances, or $/hour for max-hourly-usd). */
  value: number;
  /** The limit it breaks (instances or $/hour). */
  limit: number;
  /** The config key that raises the limit; absent when no config can allow it (min > max). */
  configKey?: string;
  /** A sentence for a person: what is wrong, the limit, and how to allow it. */
  message: string;
}

/**
 * Merges a change into the group's current state the way AWS applies it: fields given
 * replace the current ones; a desired capacity not given is pulled inside the new min/max
 * (AWS moves it there when min or max cross it).
 *
 * @public
 */
export function mergeCapacity(current: CapacityState, change: CapacityChange): CapacityState {
  const minSize = change.minSize ?? current.minSize;
  const maxSize = change.maxSize ?? current.maxSize;
  const desiredCapacity =
    change.desiredCapacity ??
    (current.desiredCapacity === undefined
      ? undefined
      : Math.min(Math.max(current.desiredCapacity, minSize), Math.max(minSize, maxSize)));
  return {
    minSize,
    maxSize,
    desiredCapacity,
    onDemandBaseCapacity: change.onDemandBaseCapacity ?? current.onDemandBaseCapacity,
    onDemandPercentageAboveBaseCapacity:
      change.onDemandPercentageAboveBaseCapacity ?? current.onDemandPercentageAboveBaseCapacity,
    instanceTypes: change.instanceTypes ?? current.instanceTypes,
  };
}

const usd = (n: number) => `$${n.toFixed(2)}`;

/**
 * Every finding of a state against limits. `subject` names what is judged in the messages
 * (e.g. "dev-gpu-workers", "scheduled action night-off"). Dollar limits price the max size at
 * its worst case: all on-demand, all of the dearest type of the mix.
 *
 * @public
 */
export function evaluateCapacity(
  state: CapacityState,
  limits: FleetLimits,
  subject = 'the fleet',
): GuardrailFinding[] {
  const findings: GuardrailFinding[] = [];
  const instancesKey = `${limits.configKey}.maxGpuInstances`;
  const sizes: [GuardrailFinding['field'], number | undefined][] = [
    ['minSize', state.minSize],
    ['maxSize', state.maxSize],
    ['desiredCapacity', state.desiredCapacity],
  ];
  for (const [field, value] of sizes) {
    if (value !== undefined && value > limits.maxGpuInstances) {
      findings.push({
        rule: 'max-gpu-instances',
        field,
        value,
        limit: limits.maxGpuInstances,
        configKey: instancesKey,
        message: `${field} ${value} of ${subject} exceeds the limit of ${limits.maxGpuInstances} GPU instances; to allow it, raise ${instancesKey}`,
      });
    }
  }
  const hourly = worstCaseHourlyUsd(state.maxSize, state.instanceTypes);
  if (hourly > limits.maxHourlyUsd) {
    const key = `${limits.configKey}.maxHourlyUsd`;
    findings.push({
      rule: 'max-hourly-usd',
      field: 'maxSize',
      value: hourly,
      limit: limits.maxHourlyUsd,
      configKey: key,
      message: `maxSize ${state.maxSize} of ${subject} may cost ${usd(hourly)}/hour (all on-demand at ${usd(worstCaseUnitUsd(state.instanceTypes))} each, the dearest of ${state.instanceTypes.join(', ') || 'unknown types'}), above the limit of ${usd(limits.maxHourlyUsd)}/hour; to allow it, raise ${key}`,
    });
  }
  if (state.minSize > state.maxSize) {
    findings.push({
      rule: 'min-above-max',
      field: 'minSize',
      value: state.minSize,
      limit: state.maxSize,
      message: `minSize ${state.minSize} of ${subject} would be above its maxSize ${state.maxSize}`,
    });
  }
  const { desiredCapacity } = state;
  if (desiredCapacity !== undefined && (desiredCapacity < state.minSize || desiredCapacity > state.maxSize)) {
    findings.push({
      rule: 'desired-outside-min-max',
      field: 'desiredCapacity',
      value: desiredCapacity,
      limit: desiredCapacity < state.minSize ? state.minSize : state.maxSize,
      message: `desiredCapacity ${desiredCapacity} of ${subject} would be outside its min ${state.minSize} / max ${state.maxSize}`,
    });
  }
  if (state.onDemandBaseCapacity !== undefined && state.onDemandBaseCapacity > state.maxSize) {
    findings.push({
      rule: 'on-demand-base-above-max',
      field: 'onDemandBaseCapacity',
      value: state.onDemandBaseCapacity,
      limit: state.maxSize,
      message: `onDemandBaseCapacity ${state.onDemandBaseCapacity} of ${subject} would be above its maxSize ${state.maxSize}: the base can never be reached`,
    });
  }
  return findings;
}

/**
 * The findings a change brings: those of the merged state, minus the ones the group already
 * had at the same or a worse value. A change may always move a group back toward its limits
 * (scaling down a fleet that Terraform left above them is never refused), never further out.
 *
 * @public
 */
export function evaluateCapacityChange(
  current: CapacityState,
  change: CapacityChange,
  limits: FleetLimits,
  subject = 'the fleet',
): GuardrailFinding[] {
  const before = evaluateCapacity(current, limits, subject);
  return evaluateCapacity(mergeCapacity(current, change), limits, subject).filter(
    finding =>
      !before.some(b => b.rule === finding.rule && b.field === finding.field && b.value >= finding.value) &&
      // A desired capacity the change does not set only follows min/max: their findings say it.
      (finding.field !== 'desiredCapacity' || change.desiredCapacity !== undefined),
  );
}

/** The findings as one sentence (for a 403/400 body or a report line). @public */
export function describeFindings(findings: readonly GuardrailFinding[]): string {
  return findings.map(f => f.message).join('; ');
}
