import { FleetListItem, QueueListItem } from './fleetQueues';
import { fleetAttention, fleetNeedsAttention, queueAttention, queueNeedsAttention } from './needsAttention';

const queue = (overrides: Partial<QueueListItem> = {}): QueueListItem => ({
  entityRef: 'resource:default/prod-jobs-queue',
  environment: 'prod',
  queueName: 'prod-video-jobs',
  found: true,
  visible: 12,
  inFlight: 0,
  delayed: 0,
  dlqName: 'prod-video-jobs-dlq',
  dlqVisible: 0,
  depthSource: 'cloudwatch',
  depthAsOf: '2026-11-29T23:40:00.000Z',
  drainedBy: [],
  oldestAgeSeconds: 120,
  alarms: [],
  alarmsOk: 2,
  ageAlarmThreshold: 900,
  ...overrides,
});

const fleet = (overrides: Partial<FleetListItem> = {}): FleetListItem => ({
  entityRef: 'resource:default/prod-gpu-fleet',
  environment: 'prod',
  asgName: 'prod-gpu-workers',
  found: true,
  desiredCapacity: 4,
  minSize: 1,
  maxSize: 10,
  inService: 4,
  pending: 0,
  terminating: 0,
  hourlyUsd: 2,
  ...overrides,
});

describe('queueNeedsAttention', () => {
  it('leaves out a found queue with depth, no alarm in ALARM and its oldest message under the threshold', () => {
    expect(queueAttention(queue())).toEqual([]);
    expect(queueNeedsAttention(queue())).toBe(false);
    // At the threshold exactly the alarm (GreaterThanThreshold) has not fired and the strip does not warn.
    expect(queueNeedsAttention(queue({ oldestAgeSeconds: 900 }))).toBe(false);
    // An alarm waiting for data is shown on the Queues tab, not on the strip.
    const pending = { name: 'prod-video-jobs-age', state: 'INSUFFICIENT_DATA', metricName: 'ApproximateAgeOfOldestMessage' };
    expect(queueNeedsAttention(queue({ alarms: [pending] }))).toBe(false);
    // Depth read live from SQS has no CloudWatch datapoint to miss.
    expect(queueNeedsAttention(queue({ depthSource: 'sqs', depthAsOf: undefined }))).toBe(false);
    // No age alarm: no threshold to be past.
    expect(queueNeedsAttention(queue({ ageAlarmThreshold: undefined, oldestAgeSeconds: 99_999 }))).toBe(false);
  });

  it('keeps a queue AWS does not have, and names only that', () => {
    expect(queueAttention(queue({ found: false, depthAsOf: undefined }))).toEqual([{ kind: 'not-found' }]);
  });

  it('keeps a queue without a CloudWatch datapoint, with an alarm in ALARM, or past its age threshold', () => {
    expect(queueAttention(queue({ depthAsOf: undefined }))).toEqual([{ kind: 'no-depth' }]);
    const alarm = { name: 'prod-video-jobs-dlq-not-empty', state: 'ALARM', threshold: 5 };
    expect(queueAttention(queue({ alarms: [alarm] }))).toEqual([{ kind: 'alarm', alarm }]);
    expect(queueAttention(queue({ oldestAgeSeconds: 901 }))).toEqual([{ kind: 'age', oldestAgeSeconds: 901, threshold: 900 }]);
    expect(queueAttention(queue({ depthAsOf: undefined, alarms: [alarm], oldestAgeSeconds: 1000 })).map(r => r.kind)).toEqual([
      'no-depth',
      'alarm',
      'age',
    ]);
  });
});

describe('fleetNeedsAttention', () => {
  it('leaves out a converged fleet', () => {
    expect(fleetAttention(fleet())).toBeUndefined();
    expect(fleetNeedsAttention(fleet())).toBe(false);
  });

  it('keeps a fleet AWS does not have, and one launching, leaving or short of its desired capacity', () => {
    expect(fleetAttention(fleet({ found: false }))).toEqual({ kind: 'not-found' });
    expect(fleetNeedsAttention(fleet({ pending: 1, inService: 3 }))).toBe(true);
    expect(fleetNeedsAttention(fleet({ terminating: 1 }))).toBe(true);
    expect(fleetAttention(fleet({ inService: 3 }))).toEqual({ kind: 'converging' });
  });
});
