import { FleetStatus } from '@platformops/plugin-platform-ops-common';

export interface ConvergenceEta {
  /** When the oldest unfinished scaling activity started. */
  since: string;
  /** Median seconds of this group's recent finished launches/terminations; undefined without history. */
  typicalSeconds?: number;
  /** Seconds until the slowest unfinished activity should end (0 = overdue); undefined without history. */
  remainingSeconds?: number;
}

/** What an activity does, from the description AWS writes ("Launching a new EC2 instance: i-..."). */
function activityKind(description: string): 'launch' | 'terminate' | 'other' {
  if (/^Launching/i.test(description)) return 'launch';
  if (/^Terminating/i.test(description)) return 'terminate';
  return 'other';
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * How long the group has been moving and when it should be done: from its own scaling
 * activities (an in-service launch of a GPU instance takes minutes, and differs per type and
 * AMI, so the group's recent history is a better guess than a constant).
 */
export function convergenceEta(fleet: FleetStatus, now: number): ConvergenceEta | undefined {
  const open = fleet.activities.filter(a => !a.endTime && a.startTime);
  if (open.length === 0) return undefined;
  const latest = [...open].sort((a, b) => a.startTime!.localeCompare(b.startTime!)).at(-1)!;
  const finished = fleet.activities.filter(a => a.endTime && a.startTime && /^success/i.test(a.status));
  // A launch is estimated from launches (boot + health check), a termination from terminations
  // (draining, lifecycle hooks): they take very different times on a GPU fleet.
  const sameKind = finished.filter(a => activityKind(a.description) === activityKind(latest.description));
  const durations = (sameKind.length > 0 ? sameKind : finished)
    .map(a => seconds(a.startTime!, a.endTime!))
    .filter(d => d > 0)
    .sort((a, b) => a - b);
  const since = open.map(a => a.startTime!).sort()[0];
  if (durations.length === 0) return { since };
  const typicalSeconds = Math.round(durations[Math.floor(durations.length / 2)]);
  const latestStart = latest.startTime!;
  const remainingSeconds = Math.max(0, Math.round(typicalSeconds - (now - Date.parse(latestStart)) / 1000));
  return { since, typicalSeconds, remainingSeconds };
}
