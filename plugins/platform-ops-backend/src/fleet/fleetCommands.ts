import {
  DeleteScheduledActionCommand,
  EnableMetricsCollectionCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand,
  SetDesiredCapacityCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { InputError, NotFoundError } from '@backstage/errors';
import { FleetStatus, TargetTrackingPreview } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { PlannedCall } from '../changes/types';
import { capacityHourlyUsd } from './capacityCost';
import { roundUsd as round } from '@platformops/platform-ops-guardrails';
import { enforceCapacityChange, enforceCurrentCapacity } from './guardrails';
import { BACKLOG_POLICY_NAME } from './fleetStatus';
import {
  deleteScheduledActionSchema,
  processesSchema,
  scheduledActionSchema,
  setDesiredSchema,
  setSizeSchema,
  spotShareSchema,
  targetTrackingSchema,
} from './fleetSchemas';

/**
 * Each fleet change as the exact AWS commands it sends, after the checks that need the
 * group's current state (min/max, mixed instances, guardrails). The same list is previewed
 * for a dry-run and sent for a real run, so the dry-run cannot drift from what happens.
 */
export type { PlannedCall };

/** The fleet's instance type for cost checks: what the distribution launches first. */
function instanceTypeOf(fleet: FleetStatus): string {
  return fleet.distribution?.instanceTypes[0] ?? fleet.instances[0]?.instanceType ?? 'g4dn.xlarge';
}

function requireFound(fleet: FleetStatus) {
  if (!fleet.found) {
    throw new NotFoundError(
      `Auto Scaling group ${fleet.asgName} of ${fleet.entityRef} does not exist in account ${fleet.location.accountId} ${fleet.location.region}`,
    );
  }
}

export function planSetDesired(
  fleet: FleetStatus,
  input: z.infer<typeof setDesiredSchema>,
): PlannedCall[] {
  requireFound(fleet);
  const { desiredCapacity } = input;
  if (desiredCapacity < fleet.minSize || desiredCapacity > fleet.maxSize) {
    throw new InputError(
      `desiredCapacity ${desiredCapacity} is outside ${fleet.asgName}'s min ${fleet.minSize} / max ${fleet.maxSize}; change min/max first`,
    );
  }
  enforceCapacityChange(fleet, { desiredCapacity });
  return [
    {
      service: 'autoScaling',
      // HonorCooldown false: an operator's explicit decision should not wait for a cooldown.
      command: new SetDesiredCapacityCommand({
        AutoScalingGroupName: fleet.asgName,
        DesiredCapacity: desiredCapacity,
        HonorCooldown: false,
      }),
    },
  ];
}

export function planSetSize(fleet: FleetStatus, input: z.infer<typeof setSizeSchema>): PlannedCall[] {
  requireFound(fleet);
  // Policies may take the group up to max without anyone asking: max is judged at its worst case.
  enforceCapacityChange(fleet, { minSize: input.minSize, maxSize: input.maxSize });
  return [
    {
      service: 'autoScaling',
      command: new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: fleet.asgName,
        MinSize: input.minSize,
        MaxSize: input.maxSize,
      }),
    },
  ];
}

export function planSpotShare(fleet: FleetStatus, input: z.infer<typeof spotShareSchema>): PlannedCall[] {
  requireFound(fleet);
  if (!fleet.distribution) {
    throw new InputError(
      `${fleet.asgName} has no MixedInstancesPolicy (a single launch template): its spot share cannot be changed here; add a mixed instances policy in Terraform first`,
    );
  }
  // A base above max can never be reached: refused like AWS's console does, not sent.
  enforceCapacityChange(fleet, {
    onDemandBaseCapacity: input.onDemandBaseCapacity,
    onDemandPercentageAboveBaseCapacity: input.onDemandPercentageAboveBaseCapacity,
  });
  return [
    {
      service: 'autoScaling',
      command: new UpdateAutoScalingGroupCommand({
        AutoScalingGroupName: fleet.asgName,
        MixedInstancesPolicy: {
          InstancesDistribution: {
            OnDemandBaseCapacity: input.onDemandBaseCapacity,
            OnDemandPercentageAboveBaseCapacity: input.onDemandPercentageAboveBaseCapacity,
          },
        },
      }),
    },
  ];
}

export function planProcesses(fleet: FleetStatus, input: z.infer<typeof processesSchema>): PlannedCall[] {
  requireFound(fleet);
  const args = { AutoScalingGroupName: fleet.asgName, ScalingProcesses: input.processes };
  return [
    {
      service: 'autoScaling',
      command:
        input.action === 'suspend' ? new SuspendProcessesCommand(args) : new ResumeProcessesCommand(args),
    },
  ];
}

/** AWS's recommended target: how many messages one instance may have waiting. */
export function backlogTarget(input: { acceptableLatencySeconds: number; averageProcessingSeconds: number }) {
  return round(input.acceptableLatencySeconds / input.averageProcessingSeconds);
}

export function previewTargetTracking(
  fleet: FleetStatus,
  input: z.infer<typeof targetTrackingSchema>,
): TargetTrackingPreview {
  const target = backlogTarget(input);
  const visible = fleet.backlog?.visible ?? 0;
  const wanted = Math.ceil(visible / target);
  const would = Math.min(fleet.maxSize, Math.max(fleet.minSize, wanted));
  return {
    targetBacklogPerInstance: target,
    visible,
    inService: fleet.inService,
    currentBacklogPerInstance: fleet.backlog?.perInstance ?? null,
    wouldSetDesiredCapacity: would,
    hourlyUsdAtThatCapacity: capacityHourlyUsd(would, instanceTypeOf(fleet), fleet.distribution),
  };
}

export function planTargetTracking(
  fleet: FleetStatus,
  queueName: string | undefined,
  input: z.infer<typeof targetTrackingSchema>,
): PlannedCall[] {
  requireFound(fleet);
  if (!queueName || !fleet.backlog) {
    throw new InputError(
      `${fleet.entityRef} does not declare the queue it drains (annotation platform-ops.io/drains-queue): a backlog policy needs one`,
    );
  }
  // The policy will take the group up to its max by itself: that max must be within limits.
  enforceCurrentCapacity(fleet);
  const target = backlogTarget(input);
  if (target < 0.01) {
    throw new InputError(
      `acceptableLatencySeconds / averageProcessingSeconds = ${target}: the target backlog per instance must be at least 0.01`,
    );
  }
  const calls: PlannedCall[] = [];
  // GroupInServiceInstances exists only when group metrics collection is on.
  if (!fleet.enabledMetrics.includes('GroupInServiceInstances')) {
    calls.push({
      service: 'autoScaling',
      command: new EnableMetricsCollectionCommand({
        AutoScalingGroupName: fleet.asgName,
        Granularity: '1Minute',
        Metrics: ['GroupInServiceInstances'],
      }),
    });
  }
  calls.push({
    service: 'autoScaling',
    command: new PutScalingPolicyCommand({
      AutoScalingGroupName: fleet.asgName,
      PolicyName: BACKLOG_POLICY_NAME,
      PolicyType: 'TargetTrackingScaling',
      EstimatedInstanceWarmup: input.estimatedInstanceWarmupSeconds,
      TargetTrackingConfiguration: {
        TargetValue: target,
        CustomizedMetricSpecification: {
          Metrics: [
            {
              Id: 'm1',
              Label: 'Visible messages',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/SQS',
                  MetricName: 'ApproximateNumberOfMessagesVisible',
                  Dimensions: [{ Name: 'QueueName', Value: queueName }],
                },
                Stat: 'Sum',
              },
              ReturnData: false,
            },
            {
              Id: 'm2',
              Label: 'In-service instances',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/AutoScaling',
                  MetricName: 'GroupInServiceInstances',
                  Dimensions: [{ Name: 'AutoScalingGroupName', Value: fleet.asgName }],
                },
                Stat: 'Average',
              },
              ReturnData: false,
            },
            { Id: 'e1', Label: 'Backlog per instance', Expression: 'm1 / m2', ReturnData: true },
          ],
        },
      },
    }),
  });
  return calls;
}

export function planScheduledAction(
  fleet: FleetStatus,
  input: z.infer<typeof scheduledActionSchema>,
): PlannedCall[] {
  requireFound(fleet);
  // Whatever fields it sets, judged merged with the group's current min/max/desired: a
  // min-only action must not fire a min above the group's max or above the tier's limit.
  enforceCapacityChange(
    fleet,
    { minSize: input.minSize, maxSize: input.maxSize, desiredCapacity: input.desiredCapacity },
    `${fleet.asgName} when scheduled action ${input.name} fires`,
  );
  return [
    {
      service: 'autoScaling',
      // Only the fields given: an absent size means "leave it", not "set it to nothing".
      command: new PutScheduledUpdateGroupActionCommand({
        AutoScalingGroupName: fleet.asgName,
        ScheduledActionName: input.name,
        Recurrence: input.recurrence,
        ...(input.timeZone !== undefined && { TimeZone: input.timeZone }),
        ...(input.minSize !== undefined && { MinSize: input.minSize }),
        ...(input.maxSize !== undefined && { MaxSize: input.maxSize }),
        ...(input.desiredCapacity !== undefined && { DesiredCapacity: input.desiredCapacity }),
      }),
    },
  ];
}

export function planDeleteScheduledAction(
  fleet: FleetStatus,
  input: z.infer<typeof deleteScheduledActionSchema>,
): PlannedCall[] {
  requireFound(fleet);
  if (!fleet.scheduledActions.some(a => a.name === input.name)) {
    throw new NotFoundError(
      `${fleet.asgName} has no scheduled action named "${input.name}" (has: ${fleet.scheduledActions.map(a => a.name).join(', ') || 'none'})`,
    );
  }
  return [
    {
      service: 'autoScaling',
      command: new DeleteScheduledActionCommand({
        AutoScalingGroupName: fleet.asgName,
        ScheduledActionName: input.name,
      }),
    },
  ];
}
