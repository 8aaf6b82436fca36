import { FleetScalingRule } from '@platformops/plugin-platform-ops-common';

export interface RecommendationInput {
  visible: number;
  emptyForMinutes: number;
  desiredCapacity: number;
  minSize: number;
  maxSize: number;
  /** The environment's guardrail: a recommendation never exceeds it. */
  maxGpuInstances: number;
  rule: FleetScalingRule;
}

export interface CapacityAdvice {
  desiredCapacity: number;
  direction: 'up' | 'down' | 'hold';
  reason: string;
}

/**
 * Workers the step rule asks for at a backlog: the highest step reached (seed 004: 10/25/50
 * messages -> 1/2/4 workers); beyond the last step, the same messages-per-worker ratio, so
 * a 500-message backlog is not served by 4 workers.
 */
export function stepWorkers(visible: number, rule: FleetScalingRule): number {
  let workers = 0;
  for (const step of rule.steps) if (visible >= step.messages) workers = step.workers;
  const last = rule.steps[rule.steps.length - 1];
  if (last && visible > last.messages) {
    workers = Math.ceil((visible * last.workers) / last.messages);
  }
  return workers;
}

/**
 * Recommended desired capacity from the queue backlog. Scale-up is immediate; scale-down
 * waits for the backlog to fall below `scaleDownBelow`, and scale-in to the minimum only after
 * the queue has been empty for `scaleInAfterEmptyMinutes` (seed 004) — so a lull between two
 * bursts does not terminate warm GPU workers that take minutes to load their models.
 */
export function recommendCapacity(input: RecommendationInput): CapacityAdvice {
  const { visible, desiredCapacity: current, minSize, rule } = input;
  const upper = Math.max(minSize, Math.min(input.maxSize, input.maxGpuInstances));
  const clamp = (n: number) => Math.min(upper, Math.max(minSize, n));
  const wanted = stepWorkers(visible, rule);

  if (wanted > current || visible > rule.scaleUpAbove) {
    const target = clamp(Math.max(wanted, visible > rule.scaleUpAbove ? current + 1 : 0));
    if (target > current) {
      return {
        desiredCapacity: target,
        direction: 'up',
        reason:
          visible > rule.scaleUpAbove && target > wanted
            ? `${visible} visible messages is above the scale-up threshold of ${rule.scaleUpAbove}: add a worker`
            : `${visible} visible messages needs ${wanted} worker(s) by the step rule${target < wanted ? `, capped at ${target} by max size / guardrail` : ''}`,
      };
    }
    return {
      desiredCapacity: current,
      direction: 'hold',
      reason: `${visible} visible messages needs ${Math.max(wanted, current + 1)} worker(s) but the fleet is at its limit of ${upper} (max size / guardrail)`,
    };
  }

  if (visible === 0) {
    if (input.emptyForMinutes >= rule.scaleInAfterEmptyMinutes && current > minSize) {
      return {
        desiredCapacity: minSize,
        direction: 'down',
        reason: `queue empty for ${input.emptyForMinutes} min (>= ${rule.scaleInAfterEmptyMinutes}): scale in to the minimum of ${minSize}`,
      };
    }
    return {
      desiredCapacity: current,
      direction: 'hold',
      reason:
        current > minSize
          ? `queue empty for ${input.emptyForMinutes} min: scale-in waits until it has been empty ${rule.scaleInAfterEmptyMinutes} min`
          : 'queue empty and the fleet is at its minimum',
    };
  }

  if (visible < rule.scaleDownBelow && wanted < current) {
    const target = clamp(Math.max(wanted, 1));
    if (target < current) {
      return {
        desiredCapacity: target,
        direction: 'down',
        reason: `${visible} visible messages is below the scale-down threshold of ${rule.scaleDownBelow}: ${target} worker(s) suffice`,
      };
    }
  }

  return {
    desiredCapacity: current,
    direction: 'hold',
    reason: `${visible} visible messages: ${current} worker(s) is within the rule`,
  };
}
