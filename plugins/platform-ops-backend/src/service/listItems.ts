import {
  FleetListItem,
  FleetStatus,
  QueueListItem,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';

/** The metric of the alarm on the oldest message's age, whose threshold the health strip compares with. */
const AGE_METRIC = 'ApproximateAgeOfOldestMessage';

/**
 * What the Fleet and Queues tables (and the health strip) render, and nothing else: at 500
 * queues the full read was about 1.5 KB a queue (URLs, account, five series, alarm reasons),
 * which 200 viewers fetch every 15 s. Fields are copied by name, so a field added to the full
 * read does not leak into the list unless it is added here too. `?series=full` and the
 * by-entity routes still answer in full.
 */
export function queueListItem(q: QueueStatus): QueueListItem {
  return {
    entityRef: q.entityRef,
    environment: q.environment,
    queueName: q.queueName,
    found: q.found,
    visible: q.visible,
    inFlight: q.inFlight,
    delayed: q.delayed,
    dlqName: q.dlqName,
    dlqVisible: q.dlqVisible,
    depthSource: q.depthSource,
    depthAsOf: q.depthAsOf,
    oldestAgeSeconds: q.series.oldestAgeSeconds.at(-1)?.value,
    drainedBy: q.drainedBy,
    // The table shows each alarm not in OK with its state, since when, condition and evaluation
    // window (the why is on the queue's card), and only counts those in OK: most alarms are OK
    // most of the time, and their details were most of the list's bytes.
    alarms: q.alarms
      .filter(a => a.state !== 'OK')
      .map(a => ({
        name: a.name,
        state: a.state,
        metricName: a.metricName,
        threshold: a.threshold,
        stateUpdatedAt: a.stateUpdatedAt,
        queueName: a.queueName,
        evaluationSeconds: a.evaluationSeconds,
      })),
    alarmsOk: q.alarms.filter(a => a.state === 'OK').length,
    ageAlarmThreshold: q.alarms.find(a => a.metricName === AGE_METRIC && a.queueName !== q.dlqName)?.threshold,
  };
}

export function fleetListItem(f: FleetStatus): FleetListItem {
  return {
    entityRef: f.entityRef,
    environment: f.environment,
    asgName: f.asgName,
    found: f.found,
    desiredCapacity: f.desiredCapacity,
    minSize: f.minSize,
    maxSize: f.maxSize,
    inService: f.inService,
    pending: f.pending,
    terminating: f.terminating,
    convergingSince: f.convergingSince,
    distribution: f.distribution && {
      onDemandBaseCapacity: f.distribution.onDemandBaseCapacity,
      onDemandPercentageAboveBaseCapacity: f.distribution.onDemandPercentageAboveBaseCapacity,
    },
    hourlyUsd: f.hourlyUsd,
    backlog: f.backlog && { queueRef: f.backlog.queueRef, visible: f.backlog.visible, perInstance: f.backlog.perInstance },
    recommendation: f.recommendation && {
      desiredCapacity: f.recommendation.desiredCapacity,
      hourlyUsd: f.recommendation.hourlyUsd,
      reason: f.recommendation.reason,
      direction: f.recommendation.direction,
    },
  };
}
