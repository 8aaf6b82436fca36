import { FleetListItem, QueueListAlarm, QueueListItem } from './fleetQueues';

/**
 * Why a queue or fleet needs someone to look: one source for the health strip's rows and the
 * lists' `?needsAttention=true`, so the strip and what the backend sends it cannot drift.
 */

/** Why a queue of the list needs attention. @public */
export type QueueAttention =
  /** The catalog declares it, AWS does not have it (Terraform not applied). */
  | { kind: 'not-found' }
  /** Depth from CloudWatch without a datapoint in the last hour (not created yet, or idle). */
  | { kind: 'no-depth' }
  /** An alarm of the queue (or its DLQ) in ALARM. */
  | { kind: 'alarm'; alarm: QueueListAlarm }
  /** The oldest message is older than the age alarm's threshold (before the alarm fires). */
  | { kind: 'age'; oldestAgeSeconds: number; threshold: number };

/** Why a fleet of the list needs attention. @public */
export type FleetAttention = { kind: 'not-found' } | { kind: 'converging' };

/** Every reason a queue needs attention, in the strip's order; empty when it does not. @public */
export function queueAttention(q: QueueListItem): QueueAttention[] {
  if (!q.found) return [{ kind: 'not-found' }];
  const reasons: QueueAttention[] = [];
  if (q.depthSource === 'cloudwatch' && !q.depthAsOf) reasons.push({ kind: 'no-depth' });
  for (const alarm of q.alarms) if (alarm.state === 'ALARM') reasons.push({ kind: 'alarm', alarm });
  const { oldestAgeSeconds, ageAlarmThreshold } = q;
  if (oldestAgeSeconds !== undefined && ageAlarmThreshold !== undefined && oldestAgeSeconds > ageAlarmThreshold) {
    reasons.push({ kind: 'age', oldestAgeSeconds, threshold: ageAlarmThreshold });
  }
  return reasons;
}

/** True when the health strip shows the queue (GET /queues?needsAttention=true keeps it). @public */
export const queueNeedsAttention = (q: QueueListItem): boolean => queueAttention(q).length > 0;

/** In service as desired, nothing launching or leaving. @public */
export const fleetConverged = (f: Pick<FleetListItem, 'inService' | 'desiredCapacity' | 'pending' | 'terminating'>): boolean =>
  f.inService === f.desiredCapacity && f.pending === 0 && f.terminating === 0;

/** Why a fleet needs attention, or undefined when it does not. @public */
export function fleetAttention(f: FleetListItem): FleetAttention | undefined {
  if (!f.found) return { kind: 'not-found' };
  return fleetConverged(f) ? undefined : { kind: 'converging' };
}

/** True when the health strip shows the fleet (GET /fleets?needsAttention=true keeps it). @public */
export const fleetNeedsAttention = (f: FleetListItem): boolean => fleetAttention(f) !== undefined;
