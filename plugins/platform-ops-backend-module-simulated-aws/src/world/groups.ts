import { between, hexId } from '../random';
import { SimActivity, SimGroup, SimInstance, SimMessage } from './types';

/**
 * Auto Scaling group dynamics: instances boot (Pending -> InService after 2-3 min, seed 004),
 * the group converges to its desired capacity with the on-demand/spot split of its
 * instances distribution, scale-in terminates idle instances first with a 30 s graceful
 * shutdown, spot capacity is sometimes reclaimed, and every change is a scaling activity.
 */

const BOOT_MIN_MS = 120_000;
/** Strictly under 3 min: "after 3 minutes every instance is InService". */
const BOOT_MAX_MS = 175_000;
const SHUTDOWN_MS = 30_000;
/** AWS gives a spot instance two minutes' notice. */
const SPOT_NOTICE_MS = 120_000;
/** Interruptions per spot instance-hour (capacity-optimized pools are rarely reclaimed). */
const SPOT_INTERRUPTIONS_PER_HOUR = 0.004;

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Instances that count towards capacity (not on their way out). */
export function activeInstances(group: SimGroup): SimInstance[] {
  return group.instances.filter(i => i.state !== 'Terminating');
}

/** How many of `capacity` instances the distribution wants on demand. */
export function onDemandTarget(group: SimGroup, capacity: number): number {
  const { OnDemandBaseCapacity: base, OnDemandPercentageAboveBaseCapacity: pct } =
    group.distribution;
  const baseCount = Math.min(capacity, base);
  return baseCount + Math.ceil(((capacity - baseCount) * pct) / 100);
}

export function recordActivity(
  group: SimGroup,
  random: () => number,
  activity: Omit<SimActivity, 'ActivityId' | 'Progress'>,
): SimActivity {
  const full: SimActivity = {
    ActivityId: `${hexId(random, 8)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 12)}`,
    Progress: activity.StatusCode === 'InProgress' ? 30 : 100,
    ...activity,
  };
  group.activities.push(full);
  // AWS keeps six weeks of activities; a bounded list keeps memory flat in long demos.
  if (group.activities.length > 500) group.activities.splice(0, group.activities.length - 500);
  return full;
}

/** Changes desired capacity (callers validated it against min/max). */
export function changeDesired(group: SimGroup, desired: number, now: number, cause: string) {
  if (desired === group.desired) return;
  group.lastChange = `At ${iso(now)} ${cause} changing the desired capacity from ${group.desired} to ${desired}.`;
  group.desired = desired;
}

function finishActivity(group: SimGroup, instanceId: string, at: number) {
  for (const a of group.activities) {
    if (a.instanceId === instanceId && a.StatusCode === 'InProgress') {
      a.StatusCode = 'Successful';
      a.Progress = 100;
      a.EndTime = at;
    }
  }
}

function launch(group: SimGroup, now: number, random: () => number, fromCount: number, toCount: number) {
  const active = activeInstances(group);
  const onDemandNow = active.filter(i => i.purchase === 'on-demand').length;
  const purchase = onDemandNow < onDemandTarget(group, toCount) ? 'on-demand' : 'spot';
  // On demand is "prioritized" (first override); spot is "capacity-optimized": spread over pools.
  const instanceType =
    purchase === 'on-demand'
      ? group.instanceTypes[0]
      : group.instanceTypes[Math.floor(random() * group.instanceTypes.length)];
  const byAz = new Map(group.availabilityZones.map(az => [az, 0]));
  for (const i of active) byAz.set(i.availabilityZone, (byAz.get(i.availabilityZone) ?? 0) + 1);
  const availabilityZone = [...byAz.entries()].sort((a, b) => a[1] - b[1])[0][0];
  const instance: SimInstance = {
    id: `i-0${hexId(random, 16)}`,
    instanceType,
    availabilityZone,
    purchase,
    state: 'Pending',
    launchedAt: now,
    readyAt: now + between(random, BOOT_MIN_MS, BOOT_MAX_MS),
    launchTemplateVersion: '1',
  };
  group.instances.push(instance);
  recordActivity(group, random, {
    Description: `Launching a new EC2 instance: ${instance.id}`,
    Cause: `${group.lastChange ? `${group.lastChange} ` : ''}At ${iso(now)} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${fromCount} to ${toCount}.`,
    StartTime: now,
    StatusCode: 'InProgress',
    instanceId: instance.id,
  });
}

function terminate(
  group: SimGroup,
  instance: SimInstance,
  now: number,
  random: () => number,
  cause: string,
  noticeMs: number,
  abandon: (message: SimMessage, at: number) => void,
) {
  instance.state = 'Terminating';
  instance.goneAt = now + noticeMs;
  if (instance.job) {
    // The job is lost with the instance; SQS redelivers the message after its visibility timeout.
    abandon(instance.job.message, instance.job.startedAt);
    instance.job = undefined;
  }
  finishActivity(group, instance.id, now);
  recordActivity(group, random, {
    Description: `Terminating EC2 instance: ${instance.id}`,
    Cause: cause,
    StartTime: now,
    StatusCode: 'InProgress',
    instanceId: instance.id,
  });
}

/**
 * Moves the group's instances through their lifecycle up to `now` and converges it to its
 * desired capacity, honouring the Launch / Terminate suspended processes.
 */
export function advanceGroup(
  group: SimGroup,
  fromMs: number,
  now: number,
  random: () => number,
  abandon: (message: SimMessage, at: number) => void,
) {
  for (const instance of group.instances) {
    if (instance.state === 'Pending' && instance.readyAt <= now) {
      instance.state = 'InService';
      finishActivity(group, instance.id, instance.readyAt);
    }
  }
  // Spot reclaim: a Poisson process per spot instance.
  const hours = (now - fromMs) / 3_600_000;
  for (const instance of activeInstances(group)) {
    if (instance.purchase === 'spot' && random() < SPOT_INTERRUPTIONS_PER_HOUR * hours) {
      terminate(
        group,
        instance,
        now,
        random,
        `At ${iso(now)} instance ${instance.id} was taken out of service in response to an EC2 Spot Instance interruption notice.`,
        SPOT_NOTICE_MS,
        abandon,
      );
    }
  }
  for (const instance of group.instances) {
    if (instance.state === 'Terminating' && instance.goneAt !== undefined && instance.goneAt <= now) {
      finishActivity(group, instance.id, instance.goneAt);
    }
  }
  group.instances = group.instances.filter(
    i => !(i.state === 'Terminating' && i.goneAt !== undefined && i.goneAt <= now),
  );

  const active = activeInstances(group);
  if (active.length < group.desired && !group.suspended.has('Launch')) {
    const from = active.length;
    for (let n = from; n < group.desired; n++) launch(group, now, random, from, group.desired);
    group.lastChange = undefined;
  } else if (active.length > group.desired && !group.suspended.has('Terminate')) {
    const victims = [...active]
      .sort((a, b) => rank(a) - rank(b) || b.launchedAt - a.launchedAt)
      .slice(0, active.length - group.desired);
    const cause = `${group.lastChange ? `${group.lastChange} ` : ''}At ${iso(now)} an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${active.length} to ${group.desired}.`;
    for (const victim of victims) terminate(group, victim, now, random, cause, SHUTDOWN_MS, abandon);
    group.lastChange = undefined;
  }
}

/** Scale-in order: still booting, then idle, then busy (seed 004: terminate idle workers). */
function rank(instance: SimInstance): number {
  if (instance.state === 'Pending') return 0;
  return instance.job ? 2 : 1;
}
