import { AutoScalingGroup, ScalingPolicy } from '@aws-sdk/client-auto-scaling';
import {
  FleetBacklog,
  FleetDistribution,
  FleetGuardrail,
  FleetInstanceGroup,
  FleetScalingActivity,
  FleetScalingRule,
  FleetStatus,
  GpuFleetResource,
  InstanceLifecycle,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import { capacityHourlyUsd, onDemandCount } from './capacityCost';
import { roundUsd as round, unitHourlyUsd } from '@platformops/platform-ops-guardrails';
import { ACTIVITIES_PER_FLEET, isConverging, LocationFleetData } from './FleetReader';
import { recommendCapacity } from './recommendation';

/** Name of the backlog-per-instance policy this product writes (and recognises). */
export const BACKLOG_POLICY_NAME = 'platform-ops-backlog-per-instance';

export function distributionOf(group: AutoScalingGroup): FleetDistribution | undefined {
  const mixed = group.MixedInstancesPolicy;
  if (!mixed) return undefined;
  const d = mixed.InstancesDistribution ?? {};
  return {
    onDemandBaseCapacity: d.OnDemandBaseCapacity ?? 0,
    onDemandPercentageAboveBaseCapacity: d.OnDemandPercentageAboveBaseCapacity ?? 100,
    spotAllocationStrategy: d.SpotAllocationStrategy,
    instanceTypes: (mixed.LaunchTemplate?.Overrides ?? [])
      .map(o => o.InstanceType)
      .filter((t): t is string => Boolean(t)),
  };
}

/** The type a new instance most likely gets: the first override, else what runs now. */
export function primaryInstanceType(group: AutoScalingGroup): string {
  return (
    distributionOf(group)?.instanceTypes[0] ??
    group.Instances?.find(i => i.InstanceType)?.InstanceType ??
    'g4dn.xlarge'
  );
}

function isBacklogPolicy(policy: ScalingPolicy): boolean {
  const metrics = policy.TargetTrackingConfiguration?.CustomizedMetricSpecification?.Metrics ?? [];
  const names = metrics.map(m => m.MetricStat?.Metric?.MetricName);
  return (
    policy.PolicyName === BACKLOG_POLICY_NAME ||
    (names.includes('ApproximateNumberOfMessagesVisible') && names.includes('GroupInServiceInstances'))
  );
}

/** Instances by type and lifecycle; lifecycles come from EC2, else from the distribution. */
function instanceGroups(
  group: AutoScalingGroup,
  lifecycles: Map<string, InstanceLifecycle> | undefined,
): FleetInstanceGroup[] {
  const live = (group.Instances ?? []).filter(i => !i.LifecycleState?.startsWith('Terminat'));
  const onDemandEstimate = onDemandCount(live.length, distributionOf(group));
  const counts = new Map<string, FleetInstanceGroup>();
  live.forEach((instance, index) => {
    const type = instance.InstanceType ?? 'unknown';
    const lifecycle: InstanceLifecycle =
      lifecycles?.get(instance.InstanceId ?? '') ?? (index < onDemandEstimate ? 'on-demand' : 'spot');
    const key = `${type}/${lifecycle}`;
    const entry = counts.get(key) ?? {
      instanceType: type,
      lifecycle,
      count: 0,
      unitHourlyUsd: unitHourlyUsd(type, lifecycle),
    };
    entry.count++;
    counts.set(key, entry);
  });
  return [...counts.values()].sort((a, b) => a.instanceType.localeCompare(b.instanceType));
}

/** Minutes since the last non-zero point of the depth series (the whole window if none). */
export function emptyForMinutes(queue: QueueStatus, now: Date): number {
  if (queue.visible > 0) return 0;
  const lastBusy = [...queue.series.visible].reverse().find(p => p.value > 0);
  const since = lastBusy
    ? new Date(lastBusy.timestamp).getTime()
    : new Date(queue.series.visible[0]?.timestamp ?? now.toISOString()).getTime() - 60_000;
  return Math.max(0, Math.floor((now.getTime() - since) / 60_000));
}

function backlogOf(queue: QueueStatus, inService: number, now: Date): FleetBacklog {
  const per = (visible: number) => (inService > 0 ? round(visible / inService) : null);
  return {
    queueRef: queue.entityRef,
    visible: queue.visible,
    perInstance: per(queue.visible),
    emptyForMinutes: emptyForMinutes(queue, now),
    // Past in-service counts are not in the view: the current count is used for the series,
    // which is what an operator compares the policy's target against.
    series: queue.series.visible.map(p => ({ timestamp: p.timestamp, visible: p.value, perInstance: per(p.value) })),
  };
}

/**
 * Since when a group that is not converged has been moving: the start of its oldest scaling
 * activity still in progress (AWS lists them first), else of its latest one (e.g. a launch
 * that failed and will be retried). Undefined without activities (not read, or none).
 */
export function convergingSince(activities: FleetScalingActivity[]): string | undefined {
  const open = activities.flatMap(a => (!a.endTime && a.startTime ? [a.startTime] : [])).sort();
  if (open.length > 0) return open[0];
  return activities.find(a => a.startTime)?.startTime;
}

export interface FleetStatusInput {
  fleet: GpuFleetResource;
  data: LocationFleetData;
  queue?: QueueStatus;
  rule: FleetScalingRule;
  guardrail: FleetGuardrail;
  now: Date;
}

export function toFleetStatus({ fleet, data, queue, rule, guardrail, now }: FleetStatusInput): FleetStatus {
  const group = data.groups.get(fleet.asgName);
  const base = {
    entityRef: fleet.entityRef,
    name: fleet.name,
    title: fleet.title,
    environment: fleet.environment,
    asgName: fleet.asgName,
    location: fleet.location,
    consoleUrl: fleet.consoleUrl,
    guardrail,
    read: data.read,
    fetchedAt: now.toISOString(),
  };
  if (!group) {
    return {
      ...base,
      found: false,
      desiredCapacity: 0,
      minSize: 0,
      maxSize: 0,
      inService: 0,
      pending: 0,
      terminating: 0,
      instances: [],
      lifecycleSource: 'estimated',
      suspendedProcesses: [],
      enabledMetrics: [],
      policies: [],
      scheduledActions: [],
      activities: [],
      hourlyUsd: 0,
    };
  }
  const states = (group.Instances ?? []).map(i => i.LifecycleState ?? '');
  const inService = states.filter(s => s === 'InService').length;
  const instances = instanceGroups(group, data.lifecycles);
  const distribution = distributionOf(group);
  const desiredCapacity = group.DesiredCapacity ?? 0;
  const minSize = group.MinSize ?? 0;
  const maxSize = group.MaxSize ?? 0;
  const backlog = queue ? backlogOf(queue, inService, now) : undefined;
  const advice = backlog
    ? recommendCapacity({
        visible: backlog.visible,
        emptyForMinutes: backlog.emptyForMinutes,
        desiredCapacity,
        minSize,
        maxSize,
        maxGpuInstances: guardrail.maxGpuInstances,
        rule,
      })
    : undefined;
  const pending = states.filter(s => s.startsWith('Pending')).length;
  const terminating = states.filter(s => s.startsWith('Terminat')).length;
  const activities = (data.activities.get(fleet.asgName) ?? []).slice(0, ACTIVITIES_PER_FLEET).map(a => ({
    id: a.ActivityId ?? '',
    description: a.Description ?? '',
    cause: a.Cause ?? '',
    status: a.StatusCode ?? '',
    startTime: a.StartTime ? new Date(a.StartTime).toISOString() : undefined,
    endTime: a.EndTime ? new Date(a.EndTime).toISOString() : undefined,
  }));
  return {
    ...base,
    found: true,
    desiredCapacity,
    minSize,
    maxSize,
    inService,
    pending,
    terminating,
    convergingSince: isConverging(group) ? convergingSince(activities) : undefined,
    instances,
    lifecycleSource: data.lifecycles ? 'ec2' : 'estimated',
    distribution,
    suspendedProcesses: (group.SuspendedProcesses ?? [])
      .map(p => p.ProcessName)
      .filter((p): p is string => Boolean(p)),
    enabledMetrics: (group.EnabledMetrics ?? []).map(m => m.Metric ?? '').filter(Boolean),
    policies: (data.policies.get(fleet.asgName) ?? []).map(p => ({
      name: p.PolicyName ?? '',
      type: p.PolicyType ?? 'SimpleScaling',
      targetValue: p.TargetTrackingConfiguration?.TargetValue,
      backlogPerInstance: isBacklogPolicy(p),
      enabled: p.Enabled ?? true,
    })),
    scheduledActions: (data.scheduled.get(fleet.asgName) ?? []).map(s => ({
      name: s.ScheduledActionName ?? '',
      recurrence: s.Recurrence,
      startTime: s.StartTime ? new Date(s.StartTime).toISOString() : undefined,
      timeZone: s.TimeZone,
      minSize: s.MinSize,
      maxSize: s.MaxSize,
      desiredCapacity: s.DesiredCapacity,
    })),
    activities,
    hourlyUsd: round(instances.reduce((sum, g) => sum + g.count * g.unitHourlyUsd, 0)),
    backlog,
    recommendation: advice && {
      ...advice,
      hourlyUsd: capacityHourlyUsd(advice.desiredCapacity, primaryInstanceType(group), distribution),
      rule,
    },
  };
}
