import { FleetStatus } from '@platformops/plugin-platform-ops-common';

export interface ConvergenceEta {
  /** When the oldest unfinished scaling activity started. */
  since: string;
  /** Median seconds of this group's recent finished launches/terminations; undefined without history. */
  typicalSeconds?: number;
  /** Seconds until the slowest unfinished activity should end (0 = overdue); undefined without history. */
  remainingSeconds?: number;
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
  const durations = fleet.activities
    .filter(a => a.endTime && a.startTime && /^success/i.test(a.status))
    .map(a => seconds(a.startTime!, a.endTime!))
    .filter(d => d > 0)
    .sort((a, b) => a - b);
  const since = open.map(a => a.startTime!).sort()[0];
  if (durations.length === 0) return { since };
  const typicalSeconds = Math.round(durations[Math.floor(durations.length / 2)]);
  const latestStart = open.map(a => a.startTime!).sort().at(-1)!;
  const remainingSeconds = Math.max(0, Math.round(typicalSeconds - (now - Date.parse(latestStart)) / 1000));
  return { since, typicalSeconds, remainingSeconds };
}
