import { Config, ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { fleetLimitsFor } from '@platformops/platform-ops-guardrails';
import {
  FleetGuardrail,
  FleetScalingRule,
  PlatformEnvironment,
} from '@platformops/plugin-platform-ops-common';

/** Seeds 000 and 004: 10/25/50 messages -> 1/2/4 workers, up above 100, down below 20, 10 min empty. */
export const DEFAULT_SCALING_RULE: FleetScalingRule = {
  steps: [
    { messages: 10, workers: 1 },
    { messages: 25, workers: 2 },
    { messages: 50, workers: 4 },
  ],
  scaleUpAbove: 100,
  scaleDownBelow: 20,
  scaleInAfterEmptyMinutes: 10,
};

export interface FleetSettings {
  cacheTtlMs: number;
  ruleFor(fleetName: string): FleetScalingRule;
  guardrailFor(environment: Pick<PlatformEnvironment, 'name' | 'tier'>): FleetGuardrail;
}

function readRule(config: Config | undefined, base: FleetScalingRule): FleetScalingRule {
  if (!config) return base;
  const steps = config.getOptionalConfigArray('steps')?.map(step => ({
    messages: step.getNumber('messages'),
    workers: step.getNumber('workers'),
  }));
  return {
    steps: steps ? [...steps].sort((a, b) => a.messages - b.messages) : base.steps,
    scaleUpAbove: config.getOptionalNumber('scaleUpAbove') ?? base.scaleUpAbove,
    scaleDownBelow: config.getOptionalNumber('scaleDownBelow') ?? base.scaleDownBelow,
    scaleInAfterEmptyMinutes:
      config.getOptionalNumber('scaleInAfterEmptyMinutes') ?? base.scaleInAfterEmptyMinutes,
  };
}

/** Reads `platformOps.fleet` and `platformOps.guardrails` (see config.d.ts). */
export function readFleetSettings(config: Config): FleetSettings {
  const fleet = config.getOptionalConfig('platformOps.fleet');
  const defaultRule = readRule(fleet?.getOptionalConfig('rules.default'), DEFAULT_SCALING_RULE);
  const guardrails = config.getOptionalConfig('platformOps.guardrails.environments');
  return {
    cacheTtlMs: (fleet?.getOptionalNumber('cacheSeconds') ?? 10) * 1000,
    ruleFor: fleetName => {
      // Entity names may not be valid config keys (e.g. "env-1-gpu"): read the map raw.
      const own = fleet?.getOptional<JsonObject>('rules.fleets')?.[fleetName];
      return own && typeof own === 'object' && !Array.isArray(own)
        ? readRule(new ConfigReader(own), defaultRule)
        : defaultRule;
    },
    guardrailFor: environment => {
      const raw = guardrails?.getOptional<JsonObject>()?.[environment.name];
      const own = raw && typeof raw === 'object' && !Array.isArray(raw) ? new ConfigReader(raw) : undefined;
      // Tier defaults and the config key live in the one guardrail policy; config only raises.
      return fleetLimitsFor(environment, {
        maxGpuInstances: own?.getOptionalNumber('maxGpuInstances'),
        maxHourlyUsd: own?.getOptionalNumber('maxHourlyUsd'),
      });
    },
  };
}
