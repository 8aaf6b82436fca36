import { FleetScalingActivity } from '@platformops/plugin-platform-ops-common';
import { convergenceEta } from './convergenceEta';
import { prodFleet } from './testFleet';

const NOW = Date.parse('2026-11-20T12:10:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const done = (id: string, start: number, seconds: number): FleetScalingActivity => ({
  id, description: `Launching a new EC2 instance: ${id}`, cause: 'desired capacity', status: 'Successful',
  startTime: at(start), endTime: new Date(Date.parse(at(start)) + seconds * 1000).toISOString(),
});

describe('convergenceEta', () => {
  it('estimates the end from the median of the group’s own finished launches', () => {
    const eta = convergenceEta(
      prodFleet({
        activities: [
          { id: 'open', description: 'Launching a new EC2 instance', cause: 'desired 5', status: 'InProgress', startTime: at(-1) },
          done('a', -60, 120),
          done('b', -50, 150),
          done('c', -40, 600),
        ],
      }),
      NOW,
    );
    expect(eta).toEqual({ since: at(-1), typicalSeconds: 150, remainingSeconds: 90 });
  });

  it('says overdue as 0 s left, and gives no estimate without history', () => {
    const open = { id: 'open', description: 'Launching', cause: 'x', status: 'InProgress', startTime: at(-10) };
    expect(convergenceEta(prodFleet({ activities: [open, done('a', -60, 120)] }), NOW)?.remainingSeconds).toBe(0);
    expect(convergenceEta(prodFleet({ activities: [open] }), NOW)).toEqual({ since: at(-10) });
    expect(convergenceEta(prodFleet({ activities: [done('a', -60, 120)] }), NOW)).toBeUndefined();
  });
  it('estimates a launch from launches only: terminations (draining) take much longer', () => {
    const terminated = (id: string, start: number, secs: number): FleetScalingActivity => ({
      ...done(id, start, secs),
      description: `Terminating EC2 instance: ${id}`,
    });
    const eta = convergenceEta(
      prodFleet({
        activities: [
          { id: 'open', description: 'Launching a new EC2 instance: i-9', cause: 'desired 6', status: 'InProgress', startTime: at(-1) },
          done('a', -60, 120),
          terminated('t1', -55, 900),
          terminated('t2', -45, 1200),
          terminated('t3', -35, 1500),
        ],
      }),
      NOW,
    );
    expect(eta).toEqual({ since: at(-1), typicalSeconds: 120, remainingSeconds: 60 });
  });
});
