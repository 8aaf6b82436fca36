/**
 * Replica lag of a healthy cross-region replica: a slow wave between 2 and 20 s with a little
 * per-minute jitter, a pure function of time (so CloudWatch can ask for any past minute and
 * get the same answer) and of a per-replica phase drawn once from the simulator's random.
 * Well under seed 004's 15-minute RPO, as it is in normal operation.
 */
const MIN_LAG_S = 2;
const MAX_LAG_S = 20;
const PERIOD_MS = 37 * 60 * 1000;

export function healthyReplicaLagSeconds(phase: number, now: Date): number {
  const t = now.getTime();
  const wave = 0.5 + 0.5 * Math.sin(2 * Math.PI * (t / PERIOD_MS + phase));
  const minute = Math.floor(t / 60000);
  // Cheap integer hash of (minute, phase): deterministic jitter without consuming `random`.
  const h =
    Math.imul(minute ^ Math.floor(phase * 0x7fffffff), 2654435761) >>> 0;
  const jitter = ((h % 1000) / 1000 - 0.5) * 3;
  const lag = MIN_LAG_S + (MAX_LAG_S - MIN_LAG_S) * wave + jitter;
  return Math.round(Math.min(MAX_LAG_S, Math.max(MIN_LAG_S, lag)) * 10) / 10;
}
