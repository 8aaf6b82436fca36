import type {
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommandOutput,
  DescribePoliciesCommandOutput,
  DescribeScalingActivitiesCommandOutput,
  DescribeScheduledActionsCommandOutput,
  PutScalingPolicyCommandOutput,
} from '@aws-sdk/client-auto-scaling';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { autoScalingErrors } from './errors';
import { hexId } from './random';
import { ServiceModel } from './ServiceModel';
import { isValidRecurrence } from './world/cron';
import { changeDesired, iso } from './world/groups';
import type { PlatformWorld } from './world/PlatformWorld';
import { SCALING_PROCESSES, ScalingProcess, SimGroup } from './world/types';

type Answer<T> = Omit<T, '$metadata'>;
type Input = Record<string, unknown>;

const name = z.string().min(1).max(255);

/** Group metrics EnableMetricsCollection accepts (AWS Auto Scaling API reference). */
const DEFAULT_GROUP_METRICS = [
  'GroupMinSize',
  'GroupMaxSize',
  'GroupDesiredCapacity',
  'GroupInServiceInstances',
  'GroupPendingInstances',
  'GroupStandbyInstances',
  'GroupTerminatingInstances',
  'GroupTotalInstances',
  'GroupInServiceCapacity',
  'GroupPendingCapacity',
  'GroupStandbyCapacity',
  'GroupTerminatingCapacity',
  'GroupTotalCapacity',
];
const GROUP_METRICS = [
  ...DEFAULT_GROUP_METRICS,
  'WarmPoolDesiredCapacity',
  'WarmPoolWarmedCapacity',
  'WarmPoolPendingCapacity',
  'WarmPoolTerminatingCapacity',
  'WarmPoolTotalCapacity',
  'GroupAndWarmPoolDesiredCapacity',
  'GroupAndWarmPoolTotalCapacity',
];
const capacity = z.number().int().min(0);
const dateLike = z.union([z.date(), z.string(), z.number()]).transform(v => new Date(v).getTime());

function parse<S extends z.ZodTypeAny>(schema: S, input: Input): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw autoScalingErrors.validation(
    result.error.issues.map(i => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
  );
}

/**
 * Auto Scaling in the simulated account: the GPU worker groups of the inventory, with the
 * validation AWS applies (capacity within min/max, known processes, policy shapes), and
 * changes recorded as scaling activities. The dynamics live in world/groups.ts.
 */
export class AutoScalingModel implements ServiceModel {
  readonly service = 'autoScaling' as const;
  readonly operations = [
    'DescribeAutoScalingGroups',
    'DescribeScalingActivities',
    'DescribePolicies',
    'DescribeScheduledActions',
    'SetDesiredCapacity',
    'UpdateAutoScalingGroup',
    'SuspendProcesses',
    'ResumeProcesses',
    'EnableMetricsCollection',
    'DisableMetricsCollection',
    'PutScalingPolicy',
    'DeletePolicy',
    'PutScheduledUpdateGroupAction',
    'DeleteScheduledAction',
  ] as const;

  constructor(private readonly world: () => PlatformWorld) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    const world = this.world();
    world.advanceTo(now.getTime());
    switch (operation) {
      case 'DescribeAutoScalingGroups':
        return this.describeGroups(world, input, location);
      case 'DescribeScalingActivities':
        return this.describeActivities(world, input, location);
      case 'DescribePolicies':
        return this.describePolicies(world, input, location);
      case 'DescribeScheduledActions':
        return this.describeScheduled(world, input, location);
      case 'SetDesiredCapacity':
        return this.setDesired(world, input, location);
      case 'UpdateAutoScalingGroup':
        return this.update(world, input, location);
      case 'SuspendProcesses':
      case 'ResumeProcesses':
        return this.processes(world, input, location, operation === 'SuspendProcesses');
      case 'EnableMetricsCollection':
        return this.enableMetrics(world, input, location);
      case 'DisableMetricsCollection':
        return this.disableMetrics(world, input, location);
      case 'PutScalingPolicy':
        return this.putPolicy(world, input, location);
      case 'DeletePolicy':
        return this.deletePolicy(world, input, location);
      case 'PutScheduledUpdateGroupAction':
        return this.putScheduled(world, input, location);
      case 'DeleteScheduledAction':
        return this.deleteScheduled(world, input, location);
      default:
        throw autoScalingErrors.validation(`Unsupported operation ${operation}`);
    }
  }

  private group(world: PlatformWorld, location: AwsLocation, groupName: string): SimGroup {
    const group = world.findGroup(location.accountId, location.region, groupName);
    if (!group) throw autoScalingErrors.validation(`AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`);
    return group;
  }

  private describeGroups(world: PlatformWorld, input: Input, location: AwsLocation): Answer<DescribeAutoScalingGroupsCommandOutput> {
    const { AutoScalingGroupNames, MaxRecords, NextToken } = parse(
      z.object({
        AutoScalingGroupNames: z.array(name).optional(),
        MaxRecords: z.number().int().min(1).max(100).optional(),
        NextToken: z.string().optional(),
      }),
      input,
    );
    // Unknown names are left out of the answer, as AWS does (no error).
    const all = world.groups
      .filter(g => g.accountId === location.accountId && g.region === location.region)
      .filter(g => !AutoScalingGroupNames || AutoScalingGroupNames.includes(g.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const { page, next } = paginate(all, MaxRecords ?? 50, NextToken);
    return { AutoScalingGroups: page.map(g => describeGroup(g, world.costTagKey)), ...(next ? { NextToken: next } : {}) };
  }

  private describeActivities(world: PlatformWorld, input: Input, location: AwsLocation): Answer<DescribeScalingActivitiesCommandOutput> {
    const { AutoScalingGroupName, ActivityIds, MaxRecords, NextToken } = parse(
      z.object({
        AutoScalingGroupName: name.optional(),
        ActivityIds: z.array(z.string()).optional(),
        MaxRecords: z.number().int().min(1).max(100).optional(),
        NextToken: z.string().optional(),
        IncludeDeletedGroups: z.boolean().optional(),
      }),
      input,
    );
    const groups = AutoScalingGroupName
      ? [world.findGroup(location.accountId, location.region, AutoScalingGroupName)].filter((g): g is SimGroup => !!g)
      : world.groups.filter(g => g.accountId === location.accountId && g.region === location.region);
    // AWS lists in-progress activities first, then newest first.
    const activities = groups
      .flatMap(g => g.activities.map(a => ({ g, a })))
      .filter(({ a }) => !ActivityIds || ActivityIds.includes(a.ActivityId))
      .sort((x, y) => compareActivities(x.a, y.a));
    const { page, next } = pageAfter(
      activities,
      MaxRecords ?? 100,
      NextToken,
      ({ a }) => a.ActivityId,
      `${location.accountId}/${location.region}/${AutoScalingGroupName ?? ''}/${(ActivityIds ?? []).join(',')}`,
    );
    return {
      Activities: page.map(({ g, a }) => ({
        ActivityId: a.ActivityId,
        AutoScalingGroupName: g.name,
        AutoScalingGroupARN: g.arn,
        Description: a.Description,
        Cause: a.Cause,
        StartTime: new Date(a.StartTime),
        ...(a.EndTime !== undefined ? { EndTime: new Date(a.EndTime) } : {}),
        StatusCode: a.StatusCode,
        Progress: a.Progress,
        Details: JSON.stringify({ 'Subnet ID': `subnet-${g.name.length}a`, 'Availability Zone': g.availabilityZones[0] }),
      })),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private describePolicies(world: PlatformWorld, input: Input, location: AwsLocation): Answer<DescribePoliciesCommandOutput> {
    const { AutoScalingGroupName, PolicyNames, PolicyTypes, MaxRecords, NextToken } = parse(
      z.object({
        AutoScalingGroupName: name.optional(),
        PolicyNames: z.array(z.string()).optional(),
        PolicyTypes: z.array(z.string()).optional(),
        MaxRecords: z.number().int().min(1).max(100).optional(),
        NextToken: z.string().optional(),
      }),
      input,
    );
    const groups = world.groups.filter(
      g =>
        g.accountId === location.accountId &&
        g.region === location.region &&
        (!AutoScalingGroupName || g.name === AutoScalingGroupName),
    );
    const policies = groups.flatMap(g =>
      [...g.policies.values()]
        .filter(p => !PolicyNames || PolicyNames.includes(p.PolicyName) || PolicyNames.includes(p.PolicyARN))
        .filter(p => !PolicyTypes || PolicyTypes.includes(p.PolicyType))
        .map(p => ({
          AutoScalingGroupName: g.name,
          PolicyName: p.PolicyName,
          PolicyARN: p.PolicyARN,
          PolicyType: p.PolicyType,
          Enabled: p.Enabled,
          ...(p.EstimatedInstanceWarmup !== undefined ? { EstimatedInstanceWarmup: p.EstimatedInstanceWarmup } : {}),
          ...(p.TargetTrackingConfiguration ? { TargetTrackingConfiguration: p.TargetTrackingConfiguration } : {}),
          Alarms: targetTrackingAlarms(g, p.PolicyName),
        })),
    );
    const { page, next } = paginate(policies, MaxRecords ?? 50, NextToken);
    return {
      ScalingPolicies: page as DescribePoliciesCommandOutput['ScalingPolicies'],
      ...(next ? { NextToken: next } : {}),
    };
  }

  private describeScheduled(world: PlatformWorld, input: Input, location: AwsLocation): Answer<DescribeScheduledActionsCommandOutput> {
    const { AutoScalingGroupName, ScheduledActionNames, MaxRecords, NextToken } = parse(
      z.object({
        AutoScalingGroupName: name.optional(),
        ScheduledActionNames: z.array(z.string()).optional(),
        StartTime: z.unknown().optional(),
        EndTime: z.unknown().optional(),
        MaxRecords: z.number().int().min(1).max(100).optional(),
        NextToken: z.string().optional(),
      }),
      input,
    );
    const groups = world.groups.filter(
      g =>
        g.accountId === location.accountId &&
        g.region === location.region &&
        (!AutoScalingGroupName || g.name === AutoScalingGroupName),
    );
    const actions = groups.flatMap(g =>
      [...g.scheduled.values()]
        .filter(a => !ScheduledActionNames || ScheduledActionNames.includes(a.ScheduledActionName))
        .map(a => ({
          AutoScalingGroupName: g.name,
          ScheduledActionName: a.ScheduledActionName,
          ScheduledActionARN: a.ScheduledActionARN,
          ...(a.StartTime !== undefined ? { StartTime: new Date(a.StartTime), Time: new Date(a.StartTime) } : {}),
          ...(a.EndTime !== undefined ? { EndTime: new Date(a.EndTime) } : {}),
          ...(a.Recurrence ? { Recurrence: a.Recurrence } : {}),
          ...(a.MinSize !== undefined ? { MinSize: a.MinSize } : {}),
          ...(a.MaxSize !== undefined ? { MaxSize: a.MaxSize } : {}),
          ...(a.DesiredCapacity !== undefined ? { DesiredCapacity: a.DesiredCapacity } : {}),
          ...(a.TimeZone ? { TimeZone: a.TimeZone } : {}),
        })),
    );
    const { page, next } = paginate(actions, MaxRecords ?? 50, NextToken);
    return { ScheduledUpdateGroupActions: page, ...(next ? { NextToken: next } : {}) };
  }

  private setDesired(world: PlatformWorld, input: Input, location: AwsLocation) {
    const { AutoScalingGroupName, DesiredCapacity } = parse(
      z.object({ AutoScalingGroupName: name, DesiredCapacity: capacity, HonorCooldown: z.boolean().optional() }),
      input,
    );
    const group = this.group(world, location, AutoScalingGroupName);
    if (DesiredCapacity > group.maxSize) {
      throw autoScalingErrors.validation(
        `New SetDesiredCapacity value ${DesiredCapacity} is above max value ${group.maxSize} for the AutoScalingGroup.`,
      );
    }
    if (DesiredCapacity < group.minSize) {
      throw autoScalingErrors.validation(
        `New SetDesiredCapacity value ${DesiredCapacity} is below min value ${group.minSize} for the AutoScalingGroup.`,
      );
    }
    changeDesired(group, DesiredCapacity, world.now, 'a user request explicitly set group desired capacity');
    world.reconcile(group);
    return {};
  }

  private update(world: PlatformWorld, input: Input, location: AwsLocation) {
    const parsed = parse(
      z.object({
        AutoScalingGroupName: name,
        MinSize: capacity.optional(),
        MaxSize: capacity.optional(),
        DesiredCapacity: capacity.optional(),
        DefaultCooldown: z.number().int().min(0).optional(),
        MixedInstancesPolicy: z
          .object({
            InstancesDistribution: z
              .object({
                OnDemandBaseCapacity: capacity.optional(),
                OnDemandPercentageAboveBaseCapacity: z.number().int().min(0).max(100).optional(),
                OnDemandAllocationStrategy: z.string().optional(),
                SpotAllocationStrategy: z.string().optional(),
              })
              .optional(),
            LaunchTemplate: z
              .object({
                Overrides: z.array(z.object({ InstanceType: z.string().optional() }).passthrough()).optional(),
              })
              .passthrough()
              .optional(),
          })
          .optional(),
      }).passthrough(),
      input,
    );
    const group = this.group(world, location, parsed.AutoScalingGroupName);
    const min = parsed.MinSize ?? group.minSize;
    const max = parsed.MaxSize ?? group.maxSize;
    if (min > max) {
      throw autoScalingErrors.validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
    }
    let desired = parsed.DesiredCapacity ?? group.desired;
    if (parsed.DesiredCapacity !== undefined && (desired < min || desired > max)) {
      throw autoScalingErrors.validation(
        `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`,
      );
    }
    // Without an explicit desired capacity AWS moves it into the new bounds.
    desired = Math.min(max, Math.max(min, desired));
    const overrides = parsed.MixedInstancesPolicy?.LaunchTemplate?.Overrides;
    const types = overrides?.map(o => o.InstanceType).filter((t): t is string => !!t);
    if (overrides && types && types.length === 0) {
      throw autoScalingErrors.validation('The instance types overrides must name at least one InstanceType.');
    }
    group.minSize = min;
    group.maxSize = max;
    if (parsed.DefaultCooldown !== undefined) group.defaultCooldown = parsed.DefaultCooldown;
    const distribution = parsed.MixedInstancesPolicy?.InstancesDistribution;
    if (distribution) {
      group.distribution = {
        ...group.distribution,
        ...Object.fromEntries(Object.entries(distribution).filter(([, v]) => v !== undefined)),
      };
    }
    if (types && types.length > 0) group.instanceTypes = types;
    changeDesired(group, desired, world.now, 'a user request update of AutoScalingGroup constraints');
    world.reconcile(group);
    return {};
  }

  private processes(world: PlatformWorld, input: Input, location: AwsLocation, suspend: boolean) {
    const { AutoScalingGroupName, ScalingProcesses } = parse(
      z.object({ AutoScalingGroupName: name, ScalingProcesses: z.array(z.string()).optional() }),
      input,
    );
    const group = this.group(world, location, AutoScalingGroupName);
    const unknown = (ScalingProcesses ?? []).filter(p => !(SCALING_PROCESSES as readonly string[]).includes(p));
    if (unknown.length > 0) {
      throw autoScalingErrors.validation(`Unknown scaling process: ${unknown.join(', ')} (valid: ${SCALING_PROCESSES.join(', ')})`);
    }
    const processes = (ScalingProcesses?.length ? ScalingProcesses : SCALING_PROCESSES) as ScalingProcess[];
    for (const p of processes) {
      if (suspend) group.suspended.set(p, `User suspended at ${iso(world.now)}`);
      else group.suspended.delete(p);
    }
    // Resuming Launch/Terminate lets the group converge again right away.
    if (!suspend) world.reconcile(group);
    return {};
  }

  /**
   * AWS: Granularity's only valid value is 1Minute; Metrics omitted enables every group metric
   * (the instance-count and capacity ones; warm-pool metrics only when named). Idempotent.
   */
  private enableMetrics(world: PlatformWorld, input: Input, location: AwsLocation) {
    const { AutoScalingGroupName, Metrics, Granularity } = parse(
      z.object({ AutoScalingGroupName: name, Metrics: z.array(z.string()).optional(), Granularity: z.string() }),
      input,
    );
    if (Granularity !== '1Minute') {
      throw autoScalingErrors.validation(`Invalid granularity ${Granularity}: the only valid value is 1Minute`);
    }
    const unknown = (Metrics ?? []).filter(m => !GROUP_METRICS.includes(m));
    if (unknown.length > 0) throw autoScalingErrors.validation(`Unknown metrics: ${unknown.join(', ')}`);
    const group = this.group(world, location, AutoScalingGroupName);
    group.enabledMetrics ??= new Map();
    for (const metric of Metrics?.length ? Metrics : DEFAULT_GROUP_METRICS) group.enabledMetrics.set(metric, Granularity);
    return {};
  }

  /** Metrics omitted disables every enabled metric. */
  private disableMetrics(world: PlatformWorld, input: Input, location: AwsLocation) {
    const { AutoScalingGroupName, Metrics } = parse(
      z.object({ AutoScalingGroupName: name, Metrics: z.array(z.string()).optional() }),
      input,
    );
    const group = this.group(world, location, AutoScalingGroupName);
    if (!Metrics?.length) group.enabledMetrics?.clear();
    else for (const metric of Metrics) group.enabledMetrics?.delete(metric);
    return {};
  }

  private putPolicy(world: PlatformWorld, input: Input, location: AwsLocation): Answer<PutScalingPolicyCommandOutput> {
    const metricStat = z.object({
      Metric: z.object({
        Namespace: z.string().min(1),
        MetricName: z.string().min(1),
        Dimensions: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
      }),
      Stat: z.string().min(1),
      Unit: z.string().optional(),
    });
    const parsed = parse(
      z.object({
        AutoScalingGroupName: name,
        PolicyName: name,
        PolicyType: z.enum(['SimpleScaling', 'StepScaling', 'TargetTrackingScaling', 'PredictiveScaling']).optional(),
        EstimatedInstanceWarmup: z.number().int().min(0).optional(),
        Enabled: z.boolean().optional(),
        TargetTrackingConfiguration: z
          .object({
            PredefinedMetricSpecification: z
              .object({ PredefinedMetricType: z.string(), ResourceLabel: z.string().optional() })
              .optional(),
            CustomizedMetricSpecification: z
              .object({
                MetricName: z.string().optional(),
                Namespace: z.string().optional(),
                Dimensions: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
                Statistic: z.string().optional(),
                Unit: z.string().optional(),
                Metrics: z
                  .array(
                    z.object({
                      Id: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
                      Expression: z.string().optional(),
                      MetricStat: metricStat.optional(),
                      Label: z.string().optional(),
                      ReturnData: z.boolean().optional(),
                    }),
                  )
                  .min(1)
                  .max(10)
                  .optional(),
              })
              .optional(),
            TargetValue: z.number().positive(),
            DisableScaleIn: z.boolean().optional(),
          })
          .optional(),
      }).passthrough(),
      input,
    );
    const group = this.group(world, location, parsed.AutoScalingGroupName);
    const type = parsed.PolicyType ?? 'SimpleScaling';
    const tt = parsed.TargetTrackingConfiguration;
    if (type === 'TargetTrackingScaling') {
      if (!tt) throw autoScalingErrors.validation('TargetTrackingConfiguration is required for TargetTrackingScaling policies.');
      if (!tt.PredefinedMetricSpecification === !tt.CustomizedMetricSpecification) {
        throw autoScalingErrors.validation(
          'Exactly one of PredefinedMetricSpecification and CustomizedMetricSpecification must be specified.',
        );
      }
      const custom = tt.CustomizedMetricSpecification;
      if (custom) {
        const single = !!custom.MetricName || !!custom.Namespace;
        if (single === !!custom.Metrics) {
          throw autoScalingErrors.validation(
            'CustomizedMetricSpecification must have either MetricName and Namespace, or Metrics, but not both.',
          );
        }
        if (custom.Metrics) {
          const returned = custom.Metrics.filter(m => m.ReturnData !== false);
          if (returned.length !== 1) {
            throw autoScalingErrors.validation('Exactly one metric in Metrics must have ReturnData set to true.');
          }
          for (const m of custom.Metrics) {
            if (!m.Expression === !m.MetricStat) {
              throw autoScalingErrors.validation(`Metric ${m.Id} must have exactly one of Expression and MetricStat.`);
            }
          }
        }
      }
    } else if (tt) {
      throw autoScalingErrors.validation(`TargetTrackingConfiguration is not valid for ${type} policies.`);
    }
    const existing = group.policies.get(parsed.PolicyName);
    const policyArn =
      existing?.PolicyARN ??
      `arn:aws:autoscaling:${group.region}:${group.accountId}:scalingPolicy:${hexId(world.rng, 8)}-${hexId(world.rng, 4)}-${hexId(world.rng, 4)}-${hexId(world.rng, 4)}-${hexId(world.rng, 12)}:autoScalingGroupName/${group.name}:policyName/${parsed.PolicyName}`;
    group.policies.set(parsed.PolicyName, {
      PolicyName: parsed.PolicyName,
      PolicyARN: policyArn,
      PolicyType: type,
      Enabled: parsed.Enabled ?? true,
      EstimatedInstanceWarmup: parsed.EstimatedInstanceWarmup,
      TargetTrackingConfiguration: tt as Record<string, unknown> | undefined,
    });
    return { PolicyARN: policyArn, Alarms: type === 'TargetTrackingScaling' ? targetTrackingAlarms(group, parsed.PolicyName) : [] };
  }

  private deletePolicy(world: PlatformWorld, input: Input, location: AwsLocation) {
    const { AutoScalingGroupName, PolicyName } = parse(
      z.object({ AutoScalingGroupName: name.optional(), PolicyName: name }),
      input,
    );
    const groups = world.groups.filter(
      g => g.accountId === location.accountId && g.region === location.region && (!AutoScalingGroupName || g.name === AutoScalingGroupName),
    );
    if (AutoScalingGroupName && groups.length === 0) this.group(world, location, AutoScalingGroupName);
    const owner = groups.find(g => g.policies.has(PolicyName) || [...g.policies.values()].some(p => p.PolicyARN === PolicyName));
    if (!owner) throw autoScalingErrors.validation(`Policy ${PolicyName} not found.`);
    for (const [key, p] of owner.policies) {
      if (key === PolicyName || p.PolicyARN === PolicyName) owner.policies.delete(key);
    }
    return {};
  }

  private putScheduled(world: PlatformWorld, input: Input, location: AwsLocation) {
    const parsed = parse(
      z.object({
        AutoScalingGroupName: name,
        ScheduledActionName: name,
        StartTime: dateLike.optional(),
        Time: dateLike.optional(),
        EndTime: dateLike.optional(),
        Recurrence: z.string().optional(),
        MinSize: capacity.optional(),
        MaxSize: capacity.optional(),
        DesiredCapacity: capacity.optional(),
        TimeZone: z.string().optional(),
      }),
      input,
    );
    const group = this.group(world, location, parsed.AutoScalingGroupName);
    if (parsed.MinSize === undefined && parsed.MaxSize === undefined && parsed.DesiredCapacity === undefined) {
      throw autoScalingErrors.validation('At least one of MinSize, MaxSize or DesiredCapacity must be specified.');
    }
    const start = parsed.StartTime ?? parsed.Time;
    if (start !== undefined && start < world.now && !parsed.Recurrence) {
      throw autoScalingErrors.validation('Given start time is in the past');
    }
    if (!parsed.Recurrence && start === undefined) {
      throw autoScalingErrors.validation('Either StartTime or Recurrence must be specified.');
    }
    if (parsed.Recurrence && !isValidRecurrence(parsed.Recurrence)) {
      throw autoScalingErrors.validation(`Given recurrence string is invalid: ${parsed.Recurrence}`);
    }
    if (parsed.TimeZone) {
      try {
        // Throws a RangeError for an unknown time zone.
        new Intl.DateTimeFormat('en-US', { timeZone: parsed.TimeZone }).resolvedOptions();
      } catch {
        throw autoScalingErrors.validation(`Invalid time zone: ${parsed.TimeZone}`);
      }
    }
    if (parsed.EndTime !== undefined && start !== undefined && parsed.EndTime <= start) {
      throw autoScalingErrors.validation('End time must be after start time.');
    }
    const arn =
      group.scheduled.get(parsed.ScheduledActionName)?.ScheduledActionARN ??
      `arn:aws:autoscaling:${group.region}:${group.accountId}:scheduledUpdateGroupAction:${hexId(world.rng, 8)}-${hexId(world.rng, 4)}:autoScalingGroupName/${group.name}:scheduledActionName/${parsed.ScheduledActionName}`;
    group.scheduled.set(parsed.ScheduledActionName, {
      ScheduledActionName: parsed.ScheduledActionName,
      ScheduledActionARN: arn,
      StartTime: start,
      EndTime: parsed.EndTime,
      Recurrence: parsed.Recurrence,
      MinSize: parsed.MinSize,
      MaxSize: parsed.MaxSize,
      DesiredCapacity: parsed.DesiredCapacity,
      TimeZone: parsed.TimeZone,
    });
    return {};
  }

  private deleteScheduled(world: PlatformWorld, input: Input, location: AwsLocation) {
    const { AutoScalingGroupName, ScheduledActionName } = parse(
      z.object({ AutoScalingGroupName: name, ScheduledActionName: name }),
      input,
    );
    const group = this.group(world, location, AutoScalingGroupName);
    if (!group.scheduled.delete(ScheduledActionName)) {
      throw autoScalingErrors.validation(`Scheduled action name not found - ${ScheduledActionName}`);
    }
    return {};
  }
}

function targetTrackingAlarms(group: SimGroup, policyName: string) {
  const base = `TargetTracking-${group.name}`;
  const suffix = policyName.replace(/[^a-zA-Z0-9-]/g, '').slice(0, 24);
  return ['AlarmHigh', 'AlarmLow'].map(kind => ({
    AlarmName: `${base}-${kind}-${suffix}`,
    AlarmARN: `arn:aws:cloudwatch:${group.region}:${group.accountId}:alarm:${base}-${kind}-${suffix}`,
  }));
}

const FINISHED = new Set(['Successful', 'Failed', 'Cancelled']);

/** AWS's listing order: activities still in progress first, then by start time, newest first. */
function compareActivities(x: { StatusCode: string; StartTime: number; ActivityId: string }, y: typeof x): number {
  const running = (a: typeof x) => (FINISHED.has(a.StatusCode) ? 1 : 0);
  return running(x) - running(y) || y.StartTime - x.StartTime || (x.ActivityId < y.ActivityId ? -1 : 1);
}

/**
 * A page after an opaque cursor: the token names the last item given and the request it
 * belongs to, so a page never repeats or skips an item because a newer one was added in
 * between, and a token that is forged, stale or reused with another filter is refused as AWS
 * refuses it (InvalidNextToken) instead of silently starting over.
 */
function pageAfter<T>(
  items: T[],
  max: number,
  token: string | undefined,
  idOf: (item: T) => string,
  request: string,
): { page: T[]; next?: string } {
  let from = 0;
  if (token !== undefined) {
    let cursor: { r?: unknown; after?: unknown } = {};
    try {
      cursor = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    } catch {
      // stays empty: refused below
    }
    const at = items.findIndex(item => idOf(item) === cursor.after);
    if (cursor.r !== request || at < 0) throw autoScalingErrors.invalidNextToken();
    from = at + 1;
  }
  const page = items.slice(from, from + max);
  const last = page[page.length - 1];
  return {
    page,
    next:
      from + max < items.length && last !== undefined
        ? Buffer.from(JSON.stringify({ r: request, after: idOf(last) }), 'utf8').toString('base64url')
        : undefined,
  };
}

function paginate<T>(items: T[], max: number, token: string | undefined): { page: T[]; next?: string } {
  const offset = token ? Number(token) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw autoScalingErrors.validation('The NextToken is invalid.');
  const page = items.slice(offset, offset + max);
  return { page, next: offset + max < items.length ? String(offset + max) : undefined };
}

export function describeGroup(g: SimGroup, costTagKey: string): AutoScalingGroup {
  return {
    AutoScalingGroupName: g.name,
    AutoScalingGroupARN: g.arn,
    MixedInstancesPolicy: {
      LaunchTemplate: {
        LaunchTemplateSpecification: { ...g.launchTemplate },
        Overrides: g.instanceTypes.map(InstanceType => ({ InstanceType })),
      },
      InstancesDistribution: { ...g.distribution },
    },
    MinSize: g.minSize,
    MaxSize: g.maxSize,
    DesiredCapacity: g.desired,
    DefaultCooldown: g.defaultCooldown,
    AvailabilityZones: [...g.availabilityZones],
    LoadBalancerNames: [],
    TargetGroupARNs: [],
    HealthCheckType: 'EC2',
    HealthCheckGracePeriod: 300,
    Instances: g.instances.map(i => ({
      InstanceId: i.id,
      InstanceType: i.instanceType,
      AvailabilityZone: i.availabilityZone,
      LifecycleState: i.state === 'Terminating' ? 'Terminating' : i.state,
      HealthStatus: 'Healthy',
      LaunchTemplate: { ...g.launchTemplate, Version: i.launchTemplateVersion },
      ProtectedFromScaleIn: false,
    })),
    CreatedTime: new Date(g.createdAt),
    SuspendedProcesses: [...g.suspended.entries()].map(([ProcessName, SuspensionReason]) => ({ ProcessName, SuspensionReason })),
    VPCZoneIdentifier: g.availabilityZones.map((_, n) => `subnet-0${(n + 1).toString(16).padStart(16, '0')}`).join(','),
    EnabledMetrics: [...(g.enabledMetrics ?? new Map()).entries()].map(([Metric, Granularity]) => ({ Metric, Granularity })),
    Tags: [
      { ResourceId: g.name, ResourceType: 'auto-scaling-group', Key: costTagKey, Value: g.costTag, PropagateAtLaunch: true },
      { ResourceId: g.name, ResourceType: 'auto-scaling-group', Key: 'Name', Value: g.name, PropagateAtLaunch: true },
    ],
    TerminationPolicies: ['Default'],
    NewInstancesProtectedFromScaleIn: false,
    ServiceLinkedRoleARN: `arn:aws:iam::${g.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
    CapacityRebalance: true,
  };
}
