import { Config } from '@backstage/config';
import { RunbookDefinition } from './types';

export interface RunbookSettings {
  leaseMs: number;
  pollIntervalMs: number;
  workerConcurrency: number;
  /** Per runbook id, minutes: overrides the shipped RTO targets. */
  rtoTargetsMinutes: Record<string, number>;
  workerEnabled: boolean;
}

/** platformOps.runbooks (config.d.ts documents each key). */
export function readRunbookSettings(config: Config): RunbookSettings {
  const c = config.getOptionalConfig('platformOps.runbooks');
  const rto = c?.getOptionalConfig('rtoTargetsMinutes');
  return {
    leaseMs: (c?.getOptionalNumber('leaseSeconds') ?? 60) * 1000,
    pollIntervalMs: (c?.getOptionalNumber('pollIntervalSeconds') ?? 2) * 1000,
    workerConcurrency: c?.getOptionalNumber('workerConcurrency') ?? 4,
    rtoTargetsMinutes: Object.fromEntries((rto?.keys() ?? []).map(k => [k, rto!.getNumber(k)])),
    workerEnabled: c?.getOptionalBoolean('worker') ?? true,
  };
}

/** The shipped definitions with the configured RTO targets. */
export function withRtoTargets(
  definitions: ReadonlyMap<string, RunbookDefinition>,
  targets: Record<string, number>,
): ReadonlyMap<string, RunbookDefinition> {
  return new Map(
    [...definitions].map(([id, d]) => [id, targets[id] ? { ...d, rtoTargetMinutes: targets[id] } : d]),
  );
}
