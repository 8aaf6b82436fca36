import { between, hashUnit, hexId, poisson } from '../random';
import { JobType, SimGroup, SimMessage, SimMoveTask, SimQueue } from './types';

/**
 * SQS dynamics: jobs arrive with the queue's pattern, the InService instances of the fleet
 * that drains the queue receive and process them (seed 004 processing times), failed
 * attempts come back after the visibility timeout and land in the DLQ once received more
 * than maxReceiveCount times, and message move tasks carry DLQ messages back.
 */

/** Seed 004 worker types: processing time per job, in seconds. */
export const PROCESSING_SECONDS: Readonly<Record<JobType, [number, number]>> = {
  image: [30, 60],
  video: [120, 300],
  audio: [20, 40],
};

/** Job mix of an AI video platform: mostly images, some clips, some audio. */
const JOB_MIX: ReadonlyArray<[JobType, number]> = [
  ['image', 0.5],
  ['video', 0.2],
  ['audio', 0.3],
];

const HOUR_MS = 3_600_000;

/** Arrivals per millisecond at time t. */
export function arrivalRatePerMs(queue: SimQueue, t: number): number {
  if (!queue.arrival) return 0;
  const perHour = queue.arrival.perHour;
  switch (queue.arrival.pattern) {
    case 'steady':
      return perHour / HOUR_MS;
    case 'diurnal': {
      // Busiest around 14:00 UTC, quietest around 02:00.
      const hour = (t % 86_400_000) / HOUR_MS;
      return (perHour * (1 + 0.6 * Math.sin((2 * Math.PI * (hour - 8)) / 24))) / HOUR_MS;
    }
    case 'bursts': {
      // 40 % of the volume trickles in; the rest comes in 10-minute bursts in ~30 % of hours.
      const hourIndex = Math.floor(t / HOUR_MS);
      const inBurstHour = hashUnit(`${queue.arn}:burst:${hourIndex}`) < 0.3;
      const burstStart = Math.floor(hashUnit(`${queue.arn}:start:${hourIndex}`) * 50) * 60_000;
      const offset = t - hourIndex * HOUR_MS;
      const bursting = inBurstHour && offset >= burstStart && offset < burstStart + 600_000;
      return (perHour * (0.4 + (bursting ? 12 : 0))) / HOUR_MS;
    }
    default:
      return 0;
  }
}

function pickJobType(random: () => number): JobType {
  let u = random();
  for (const [type, share] of JOB_MIX) {
    if (u < share) return type;
    u -= share;
  }
  return 'image';
}

export function newMessage(random: () => number, sentAt: number, poisonRate: number): SimMessage {
  return {
    id: `${hexId(random, 8)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 12)}`,
    jobType: pickJobType(random),
    sentAt,
    availableAt: sentAt,
    receiveCount: 0,
    poison: random() < poisonRate,
  };
}

/** Arrivals, returns after visibility timeouts and retention expiry, for [from, to). */
export function advanceQueue(
  queue: SimQueue,
  from: number,
  to: number,
  random: () => number,
  poisonRateOverride: number | undefined,
) {
  const arrivals = poisson(random, arrivalRatePerMs(queue, from) * (to - from));
  const times = Array.from({ length: arrivals }, () => between(random, from, to)).sort((a, b) => a - b);
  for (const sentAt of times) {
    queue.visible.push(newMessage(random, sentAt, poisonRateOverride ?? queue.poisonRate));
    queue.minute.sent++;
  }
  if (queue.invisible.length > 0) {
    const back = queue.invisible.filter(m => (m.invisibleUntil ?? 0) <= to);
    if (back.length > 0) {
      queue.invisible = queue.invisible.filter(m => (m.invisibleUntil ?? 0) > to);
      for (const m of back) {
        m.availableAt = m.invisibleUntil ?? to;
        m.invisibleUntil = undefined;
        queue.visible.push(m);
      }
    }
  }
  const oldestKept = to - queue.retentionSeconds * 1000;
  if (queue.visible.length > 0 && queue.visible[0].sentAt < oldestKept) {
    queue.visible = queue.visible.filter(m => m.sentAt >= oldestKept);
  }
}

/**
 * Receives the next message available by `until`. Messages received more than the
 * redrive policy's maxReceiveCount go to the DLQ instead (what SQS does on receive).
 */
function receive(queue: SimQueue, dlq: SimQueue | undefined, until: number): SimMessage | undefined {
  for (;;) {
    const index = queue.visible.findIndex(m => m.availableAt <= until);
    if (index < 0) return undefined;
    const [message] = queue.visible.splice(index, 1);
    message.receiveCount++;
    if (queue.redrive && dlq && message.receiveCount > queue.redrive.maxReceiveCount) {
      message.availableAt = Math.max(message.availableAt, message.sentAt);
      dlq.visible.push(message);
      dlq.origin.set(message.id, queue.arn);
      continue;
    }
    queue.minute.received++;
    return message;
  }
}

/** The fleet's InService instances take and finish jobs between `from` and `to`. */
export function runWorkers(
  group: SimGroup,
  queue: SimQueue,
  dlq: SimQueue | undefined,
  from: number,
  to: number,
  random: () => number,
) {
  for (const instance of group.instances) {
    if (instance.state !== 'InService') continue;
    let t = Math.max(from, instance.readyAt);
    for (;;) {
      if (instance.job) {
        if (instance.job.endsAt > to) break;
        const { message, startedAt, endsAt } = instance.job;
        instance.job = undefined;
        t = endsAt;
        if (message.poison || random() < queue.transientFailureRate) {
          // Not deleted: visible again when the visibility timeout of this receive ends.
          message.invisibleUntil = startedAt + queue.visibilityTimeoutSeconds * 1000;
          queue.invisible.push(message);
        } else {
          queue.minute.deleted++;
        }
      }
      const message = receive(queue, dlq, to);
      if (!message) break;
      const startedAt = Math.max(t, message.availableAt);
      const [min, max] = PROCESSING_SECONDS[message.jobType];
      instance.job = { message, startedAt, endsAt: startedAt + between(random, min, max) * 1000 };
    }
  }
}

/** Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible). */
export function notVisibleCount(queue: SimQueue, groups: SimGroup[]): number {
  let busy = 0;
  for (const g of groups) {
    if (g.queueName !== queue.name || g.accountId !== queue.accountId || g.region !== queue.region) continue;
    busy += g.instances.filter(i => i.job).length;
  }
  return busy + queue.invisible.length;
}

/** Messages whose delivery is still ahead of them (sent in this step, not yet available). */
export function delayedCount(queue: SimQueue, at: number): number {
  return queue.visible.filter(m => m.availableAt > at && m.receiveCount === 0).length;
}

/** Moves DLQ messages back at the task's rate (SQS redrive). */
export function advanceMoveTask(
  task: SimMoveTask,
  dlq: SimQueue,
  queueByArn: (arn: string) => SimQueue | undefined,
  from: number,
  to: number,
  random: () => number,
  poisonRateOverride: number | undefined,
) {
  if (task.Status !== 'RUNNING') return;
  const budget = task.carry + (task.MaxNumberOfMessagesPerSecond * (to - from)) / 1000;
  const remaining = task.ApproximateNumberOfMessagesToMove - task.ApproximateNumberOfMessagesMoved;
  const count = Math.min(Math.floor(budget), remaining, dlq.visible.length);
  task.carry = budget - Math.floor(budget);
  for (const message of dlq.visible.splice(0, count)) {
    const destination = queueByArn(task.DestinationArn ?? dlq.origin.get(message.id) ?? '');
    dlq.origin.delete(message.id);
    if (!destination) continue;
    // A redrive follows a fix: moved jobs are retried as healthy unless a failure fault is on.
    message.receiveCount = 0;
    message.availableAt = to;
    message.poison = poisonRateOverride !== undefined && random() < poisonRateOverride;
    destination.visible.push(message);
    destination.minute.sent++;
  }
  task.ApproximateNumberOfMessagesMoved += count;
  if (
    task.ApproximateNumberOfMessagesMoved >= task.ApproximateNumberOfMessagesToMove ||
    dlq.visible.length === 0
  ) {
    task.Status = 'COMPLETED';
  }
}
