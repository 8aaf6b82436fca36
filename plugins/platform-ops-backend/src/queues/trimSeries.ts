import { FleetStatus, QueueStatus } from '@platformops/plugin-platform-ops-common';

/**
 * List views show the latest values, not the charts: sending an hour of five series for 500
 * queues would be megabytes per viewer. Lists keep the last point of each series unless the
 * caller asks for `series=full`; the entity endpoints always answer in full.
 */
const last = <T>(points: T[]): T[] => points.slice(-1);

export function trimQueue(queue: QueueStatus): QueueStatus {
  const s = queue.series;
  return {
    ...queue,
    // The list shows each alarm's name, state, since when and threshold; the why is on the entity card.
    alarms: queue.alarms.map(alarm => ({ ...alarm, reason: undefined })),
    series: {
      visible: last(s.visible),
      oldestAgeSeconds: last(s.oldestAgeSeconds),
      sent: last(s.sent),
      deleted: last(s.deleted),
      dlqVisible: last(s.dlqVisible),
    },
  };
}

export function trimFleet(fleet: FleetStatus): FleetStatus {
  return fleet.backlog ? { ...fleet, backlog: { ...fleet.backlog, series: last(fleet.backlog.series) } } : fleet;
}
