import {
  DescribeAutoScalingGroupsCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { DescribeServicesCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsActionStep, StepCall, WaitUntilStep } from '../types';

/*
 * Capacity in one region for the region failover and failback: set an ECS service's task
 * count or an Auto Scaling group's capacity (idempotent: the end state, not a delta), and wait
 * until it runs. Step ids are scale-<name> and wait-<name>, which the runbooks depend on.
 * `region` names the region in titles and notes (the runbook's side, DR or primary).
 */

const WAIT = { timeoutSeconds: 30 * 60, intervalSeconds: 15 };

/** UpdateService to `desiredCount` tasks. */
export function setTaskCountCall(
  location: AwsLocation,
  region: string,
  ecs: { cluster: string; service: string },
  desiredCount: number,
): StepCall {
  return {
    service: 'ecs',
    location,
    command: new UpdateServiceCommand({ cluster: ecs.cluster, service: ecs.service, desiredCount }),
    plane: 'control',
    note: `ECS API of ${region}; setting a count is idempotent`,
  };
}

/** UpdateAutoScalingGroup to the given sizes (MinSize too when a floor must move with it). */
export function setGroupCapacityCall(
  location: AwsLocation,
  region: string,
  group: string,
  capacity: { MinSize?: number; DesiredCapacity: number },
): StepCall {
  return {
    service: 'autoScaling',
    location,
    command: new UpdateAutoScalingGroupCommand({ AutoScalingGroupName: group, ...capacity }),
    plane: 'control',
    note: `Auto Scaling API of ${region}; setting a capacity is idempotent`,
  };
}

/** An ECS service brought to `desired` tasks, then waited for until that many run. */
export function ecsCapacitySteps(options: {
  name: string;
  title: string;
  location: AwsLocation;
  region: string;
  ecs: { cluster: string; service: string };
  desired: number;
  /** Says on the wait's DescribeServices which region's API it reads. */
  noteProbe?: boolean;
}): [AwsActionStep, WaitUntilStep] {
  const { name, title, location, region, ecs, desired, noteProbe } = options;
  return [
    {
      id: `scale-${name}`,
      title,
      kind: 'aws-action',
      dependsOn: ['declare'],
      calls: [setTaskCountCall(location, region, ecs, desired)],
    },
    {
      id: `wait-${name}`,
      title: `Wait until ${ecs.service} runs ${desired} tasks in ${region}`,
      kind: 'wait-until',
      dependsOn: [`scale-${name}`],
      probe: () => ({
        service: 'ecs',
        location,
        command: new DescribeServicesCommand({ cluster: ecs.cluster, services: [ecs.service] }),
        plane: 'control',
        ...(noteProbe ? { note: `ECS API of ${region}` } : {}),
      }),
      until: out => {
        const s = (out as { services?: Array<{ runningCount?: number }> }).services?.[0];
        return { done: (s?.runningCount ?? 0) >= desired, detail: `${s?.runningCount ?? 0}/${desired} tasks running` };
      },
      ...WAIT,
    },
  ];
}

/** A GPU Auto Scaling group brought to `capacity`, then waited for until that many instances are InService. */
export function groupCapacitySteps(options: {
  name: string;
  title: string;
  location: AwsLocation;
  region: string;
  group: string;
  capacity: { MinSize?: number; DesiredCapacity: number };
  /** Says on the wait's DescribeAutoScalingGroups which region's API it reads. */
  noteProbe?: boolean;
}): [AwsActionStep, WaitUntilStep] {
  const { name, title, location, region, group, capacity, noteProbe } = options;
  const desired = capacity.DesiredCapacity;
  return [
    {
      id: `scale-${name}`,
      title,
      kind: 'aws-action',
      dependsOn: ['declare'],
      calls: [setGroupCapacityCall(location, region, group, capacity)],
    },
    {
      id: `wait-${name}`,
      title: `Wait until ${desired} GPU instances are in service in ${region}`,
      kind: 'wait-until',
      dependsOn: [`scale-${name}`],
      probe: () => ({
        service: 'autoScaling',
        location,
        command: new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [group] }),
        plane: 'control',
        ...(noteProbe ? { note: `Auto Scaling API of ${region}` } : {}),
      }),
      until: out => {
        const g = (out as { AutoScalingGroups?: Array<{ Instances?: Array<{ LifecycleState?: string }> }> }).AutoScalingGroups?.[0];
        const inService = (g?.Instances ?? []).filter(i => i.LifecycleState === 'InService').length;
        return { done: inService >= desired, detail: `${inService}/${desired} instances InService` };
      },
      ...WAIT,
    },
  ];
}
