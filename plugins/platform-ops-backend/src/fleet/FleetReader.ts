import {
  Activity,
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
  ScalingPolicy,
  ScheduledUpdateGroupAction,
} from '@aws-sdk/client-auto-scaling';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { AwsLocation, InstanceLifecycle } from '@platformops/plugin-platform-ops-common';
import { AwsGateway } from '../aws/types';
import { chunk, mapLimit } from '../queues/batching';

/** DescribeAutoScalingGroups takes up to 100 names when MaxRecords is 100. */
export const MAX_GROUPS_PER_CALL = 100;
/** EC2 filters take up to 200 values. */
const MAX_FILTER_VALUES = 200;

/** What AWS says about the groups of one location, gathered in a handful of calls. */
export interface LocationFleetData {
  groups: Map<string, AutoScalingGroup>;
  policies: Map<string, ScalingPolicy[]>;
  scheduled: Map<string, ScheduledUpdateGroupAction[]>;
  activities: Map<string, Activity[]>;
  /** instance id -> lifecycle, or undefined when EC2 could not be asked. */
  lifecycles?: Map<string, InstanceLifecycle>;
  /** 'list' leaves policies and scheduled actions unread (empty), and activities of converged groups. */
  read: 'list' | 'detail';
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined, names: Set<string>) {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!k || !names.has(k)) continue;
    out.set(k, [...(out.get(k) ?? []), item]);
  }
  return out;
}

async function describeGroups(gateway: AwsGateway, location: AwsLocation, names: string[]) {
  const groups: AutoScalingGroup[] = [];
  for (const batch of chunk(names, MAX_GROUPS_PER_CALL)) {
    let nextToken: string | undefined;
    do {
      const out = await gateway.send(
        location,
        'autoScaling',
        new DescribeAutoScalingGroupsCommand({
          AutoScalingGroupNames: batch,
          MaxRecords: MAX_GROUPS_PER_CALL,
          NextToken: nextToken,
        }),
      );
      groups.push(...(out.AutoScalingGroups ?? []));
      nextToken = out.NextToken;
    } while (nextToken);
  }
  return groups;
}

/**
 * Policies and scheduled actions of one group (its card, a change's plan), paged to the end
 * at the API's maximum page size. The Fleet list does not show them and does not read them.
 */
async function describePolicies(gateway: AwsGateway, location: AwsLocation, asgName: string) {
  const all: ScalingPolicy[] = [];
  let nextToken: string | undefined;
  do {
    const out = await gateway.send(
      location,
      'autoScaling',
      new DescribePoliciesCommand({ AutoScalingGroupName: asgName, MaxRecords: 100, NextToken: nextToken }),
    );
    all.push(...(out.ScalingPolicies ?? []));
    nextToken = out.NextToken;
  } while (nextToken);
  return all;
}

async function describeScheduled(gateway: AwsGateway, location: AwsLocation, asgName: string) {
  const all: ScheduledUpdateGroupAction[] = [];
  let nextToken: string | undefined;
  do {
    const out = await gateway.send(
      location,
      'autoScaling',
      new DescribeScheduledActionsCommand({ AutoScalingGroupName: asgName, MaxRecords: 100, NextToken: nextToken }),
    );
    all.push(...(out.ScheduledUpdateGroupActions ?? []));
    nextToken = out.NextToken;
  } while (nextToken);
  return all;
}

/** How many of its latest scaling activities each fleet view shows. */
export const ACTIVITIES_PER_FLEET = 10;

/**
 * The group's latest activities: DescribeScalingActivities filtered on the group
 * (AutoScalingGroupName), so AWS answers with that group's activities only, newest first
 * (in-progress ones first). The first page of ACTIVITIES_PER_FLEET is all a view shows, so
 * no further page is read, however busy the other groups of the location are.
 */
async function describeActivities(gateway: AwsGateway, location: AwsLocation, asgName: string): Promise<Activity[]> {
  const out = await gateway.send(
    location,
    'autoScaling',
    new DescribeScalingActivitiesCommand({ AutoScalingGroupName: asgName, MaxRecords: ACTIVITIES_PER_FLEET }),
  );
  return out.Activities ?? [];
}

/**
 * Spot or on-demand per instance: Auto Scaling does not say, EC2 does (InstanceLifecycle).
 * When EC2 refuses (no ec2:DescribeInstances in the role), the view estimates it from the
 * distribution and says so, rather than failing the whole fleet view.
 */
async function describeLifecycles(
  gateway: AwsGateway,
  location: AwsLocation,
  names: string[],
): Promise<Map<string, InstanceLifecycle> | undefined> {
  try {
    const lifecycles = new Map<string, InstanceLifecycle>();
    for (const batch of chunk(names, MAX_FILTER_VALUES)) {
      let nextToken: string | undefined;
      do {
        const out = await gateway.send(
          location,
          'ec2',
          new DescribeInstancesCommand({
            Filters: [
              { Name: 'tag:aws:autoscaling:groupName', Values: batch },
              { Name: 'instance-state-name', Values: ['pending', 'running'] },
            ],
            MaxResults: 1000,
            NextToken: nextToken,
          }),
        );
        for (const reservation of out.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            if (!instance.InstanceId) continue;
            lifecycles.set(instance.InstanceId, instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand');
          }
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    return lifecycles;
  } catch {
    return undefined;
  }
}

/** Groups whose activities the list reads at once (one call each). */
const ACTIVITY_CONCURRENCY = 5;

/** Still moving: instances in service differ from desired, or some are launching or leaving. */
export function isConverging(group: AutoScalingGroup): boolean {
  const states = (group.Instances ?? []).map(i => i.LifecycleState ?? '');
  const inService = states.filter(s => s === 'InService').length;
  return inService !== (group.DesiredCapacity ?? 0) || states.some(s => s.startsWith('Pending') || s.startsWith('Terminat'));
}

/**
 * The activities of the groups still converging, so the list can say since when (the health
 * strip's "converging for 4 min"). A converged group costs no call; a refused or failed read
 * leaves that group without a "since" rather than failing the list.
 */
async function activitiesOfConverging(gateway: AwsGateway, location: AwsLocation, groups: AutoScalingGroup[]) {
  const moving = groups.flatMap(g => (g.AutoScalingGroupName && isConverging(g) ? [g.AutoScalingGroupName] : []));
  const read = await mapLimit(moving, ACTIVITY_CONCURRENCY, name =>
    describeActivities(gateway, location, name).catch(() => undefined),
  );
  const activities = new Map<string, Activity[]>();
  moving.forEach((name, i) => {
    const found = read[i];
    if (found) activities.set(name, found);
  });
  return activities;
}

/**
 * The Fleet list's read of one location: the groups (100 names per DescribeAutoScalingGroups)
 * and their instances' lifecycles (200 names per DescribeInstances filter), paged to the end.
 * Two calls per location up to 100 groups, whatever the number of viewers, plus one
 * DescribeScalingActivities per group still converging (none when all are converged).
 */
export async function readFleetsAt(
  gateway: AwsGateway,
  location: AwsLocation,
  asgNames: string[],
): Promise<LocationFleetData> {
  const groupsRead = describeGroups(gateway, location, asgNames);
  const [groups, lifecycles, activities] = await Promise.all([
    groupsRead,
    describeLifecycles(gateway, location, asgNames),
    groupsRead.then(found => activitiesOfConverging(gateway, location, found)),
  ]);
  return {
    groups: new Map(groups.map(g => [g.AutoScalingGroupName ?? '', g])),
    policies: new Map(),
    scheduled: new Map(),
    activities,
    lifecycles,
    read: 'list',
  };
}

/** One group's own read (its card, a change's plan): the list's read plus policies, schedules and activities. */
export async function readFleetDetail(
  gateway: AwsGateway,
  location: AwsLocation,
  asgName: string,
): Promise<LocationFleetData> {
  const names = new Set([asgName]);
  const [groups, policies, scheduled, activities, lifecycles] = await Promise.all([
    describeGroups(gateway, location, [asgName]),
    describePolicies(gateway, location, asgName),
    describeScheduled(gateway, location, asgName),
    describeActivities(gateway, location, asgName),
    describeLifecycles(gateway, location, [asgName]),
  ]);
  return {
    groups: new Map(groups.map(g => [g.AutoScalingGroupName ?? '', g])),
    policies: groupBy(policies, p => p.AutoScalingGroupName, names),
    scheduled: groupBy(scheduled, s => s.AutoScalingGroupName, names),
    activities: groupBy(activities, a => a.AutoScalingGroupName, names),
    lifecycles,
    read: 'detail',
  };
}
