import { getMetricData } from '../metricData/getMetricData';
import { SimulatedAwsError } from '../ServiceModel';
import { cronMatches } from './cron';
import { changeDesired } from './groups';
import { MINUTE_MS, metricScope } from './metrics';
import type { PlatformWorld } from './PlatformWorld';
import { SimGroup, SimPolicy, SimScheduledAction } from './types';

/**
 * What changes a group's capacity without a user call, once a simulated minute: scheduled
 * actions (unless ScheduledActions is suspended) and target tracking policies (unless
 * AlarmNotification is suspended), with AWS's asymmetry: scale out within minutes, scale in
 * only after the metric stayed low for 15 minutes.
 */

const SCALE_IN_AFTER_MS = 15 * MINUTE_MS;

export function evaluateGroupScaling(world: PlatformWorld, group: SimGroup, at: number) {
  if (!group.suspended.has('ScheduledActions')) {
    for (const action of [...group.scheduled.values()]) runScheduled(world, group, action, at);
  }
  if (!group.suspended.has('AlarmNotification')) {
    for (const policy of group.policies.values()) {
      if (policy.Enabled && policy.PolicyType === 'TargetTrackingScaling') {
        runTargetTracking(world, group, policy, at);
      }
    }
  }
}

function runScheduled(world: PlatformWorld, group: SimGroup, action: SimScheduledAction, at: number) {
  if (action.StartTime !== undefined && action.StartTime > at) return;
  if (action.EndTime !== undefined && action.EndTime <= at) return;
  const minute = Math.floor(at / MINUTE_MS) * MINUTE_MS;
  if (action.lastFiredAt === minute) return;
  if (action.Recurrence) {
    if (!cronMatches(action.Recurrence, minute, action.TimeZone ?? 'UTC')) return;
  } else if (action.lastFiredAt !== undefined) {
    return;
  }
  action.lastFiredAt = minute;
  if (action.MinSize !== undefined) group.minSize = action.MinSize;
  if (action.MaxSize !== undefined) group.maxSize = action.MaxSize;
  let desired = action.DesiredCapacity ?? group.desired;
  desired = Math.min(group.maxSize, Math.max(group.minSize, desired));
  const constraints = `min: ${action.MinSize ?? group.minSize}, max: ${action.MaxSize ?? group.maxSize}, desired: ${action.DesiredCapacity ?? group.desired}`;
  changeDesired(group, desired, at, `a scheduled action update of AutoScalingGroup constraints to ${constraints}`);
  world.reconcile(group);
  // One-time actions are deleted once they ran (as AWS does).
  if (!action.Recurrence) group.scheduled.delete(action.ScheduledActionName);
}

/** The policy's metric over the last minute, or undefined when there is no datapoint. */
function currentMetric(world: PlatformWorld, group: SimGroup, policy: SimPolicy, at: number): number | undefined {
  const config = policy.TargetTrackingConfiguration ?? {};
  const predefined = config.PredefinedMetricSpecification as { PredefinedMetricType?: string } | undefined;
  const customized = config.CustomizedMetricSpecification as
    | {
        MetricName?: string;
        Namespace?: string;
        Dimensions?: Array<{ Name: string; Value: string }>;
        Statistic?: string;
        Metrics?: Array<Record<string, unknown>>;
      }
    | undefined;
  let queries: Array<Record<string, unknown>>;
  if (predefined?.PredefinedMetricType === 'ASGAverageCPUUtilization') {
    queries = [
      {
        Id: 'm1',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'AutoScalingGroupName', Value: group.name }],
          },
          Period: 60,
          Stat: 'Average',
        },
      },
    ];
  } else if (customized?.Metrics) {
    queries = customized.Metrics.map(m => {
      const stat = m.MetricStat as { Metric: unknown; Stat: string } | undefined;
      return {
        Id: m.Id,
        ...(stat ? { MetricStat: { Metric: stat.Metric, Stat: stat.Stat, Period: 60 } } : {}),
        ...(m.Expression ? { Expression: m.Expression } : {}),
        ReturnData: m.ReturnData,
      };
    });
  } else if (customized?.MetricName && customized.Namespace) {
    queries = [
      {
        Id: 'm1',
        MetricStat: {
          Metric: {
            Namespace: customized.Namespace,
            MetricName: customized.MetricName,
            Dimensions: customized.Dimensions ?? [],
          },
          Period: 60,
          Stat: customized.Statistic ?? 'Average',
        },
      },
    ];
  } else {
    return undefined;
  }
  try {
    const answer = getMetricData(
      world.metrics,
      metricScope(group.accountId, group.region),
      { MetricDataQueries: queries, StartTime: new Date(at - 3 * MINUTE_MS), EndTime: new Date(at) },
      at,
    );
    // The query whose data the policy tracks: the one with ReturnData (the only one, AWS requires).
    const result = answer.MetricDataResults?.find(r => (r.Values?.length ?? 0) > 0);
    return result?.Values?.[0];
  } catch (e) {
    if (e instanceof SimulatedAwsError) return undefined;
    throw e;
  }
}

function runTargetTracking(world: PlatformWorld, group: SimGroup, policy: SimPolicy, at: number) {
  const target = Number(policy.TargetTrackingConfiguration?.TargetValue);
  if (!(target > 0)) return;
  const value = currentMetric(world, group, policy, at);
  if (value === undefined) return;
  const capacity = world.capacity(group);
  let wanted = Math.ceil((capacity * value) / target);
  if (capacity === 0) {
    // With no capacity a per-instance metric cannot be computed; any load asks for one instance.
    wanted = value > 0 ? 1 : 0;
  }
  const clamped = Math.min(group.maxSize, Math.max(group.minSize, wanted));
  const cause = (direction: string) =>
    `a monitor alarm TargetTracking-${group.name}-Alarm${direction} in state ALARM triggered policy ${policy.PolicyName}`;
  if (clamped > group.desired) {
    policy.lowSince = undefined;
    policy.lastScaleOutAt = at;
    changeDesired(group, clamped, at, cause('High'));
    world.reconcile(group);
  } else if (clamped < group.desired && policy.TargetTrackingConfiguration?.DisableScaleIn !== true) {
    policy.lowSince ??= at;
    const warmupMs = (policy.EstimatedInstanceWarmup ?? group.defaultCooldown) * 1000;
    const sinceScaleOut = at - (policy.lastScaleOutAt ?? 0);
    if (at - policy.lowSince >= SCALE_IN_AFTER_MS && sinceScaleOut >= warmupMs) {
      changeDesired(group, clamped, at, cause('Low'));
      world.reconcile(group);
      policy.lowSince = undefined;
    }
  } else {
    policy.lowSince = undefined;
  }
}
