import {
  EnvironmentTier,
  GpuFleetResource,
  Inventory,
  QueueResource,
} from '@platformops/plugin-platform-ops-common';
import { hexId } from './random';
import { queueArn, queueUrl } from './sqsNames';
import { groupsFromTerraform, queuesFromTerraform } from './terraform/applyWorld';
import type { TerraformSeedSource } from './terraform/source';
import {
  ArrivalPattern,
  EnvironmentSeed,
  InstancesDistribution,
  SimGroup,
  SimQueue,
} from './world/types';

/**
 * Turns the inventory (the example catalog, or an adopter's) into the initial simulated
 * account: one Auto Scaling group per gpu-fleet and a queue + DLQ per queue resource, sized
 * by the environment tier from seed 004.
 */

interface TierPreset {
  min: number;
  max: number;
  desired: number;
  distribution: Pick<InstancesDistribution, 'OnDemandBaseCapacity' | 'OnDemandPercentageAboveBaseCapacity'>;
  arrival: { pattern: ArrivalPattern; perHour: number };
  poisonRate: number;
}

/** Seed 004 "Detailed Environment Configurations"; arrival rates sized to the fleets. */
export const TIER_PRESETS: Readonly<Record<EnvironmentTier, TierPreset>> = {
  // dev: 0-1 worker, on demand; a trickle of test jobs.
  dev: {
    min: 0,
    max: 1,
    desired: 1,
    distribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 100 },
    arrival: { pattern: 'steady', perHour: 6 },
    poisonRate: 0.03,
  },
  sandbox: {
    min: 1,
    max: 2,
    desired: 1,
    distribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 0 },
    arrival: { pattern: 'steady', perHour: 10 },
    poisonRate: 0.03,
  },
  // staging: 2-4 workers, 70 % spot; QA runs bursts of test jobs.
  staging: {
    min: 2,
    max: 4,
    desired: 2,
    distribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 30 },
    arrival: { pattern: 'bursts', perHour: 24 },
    poisonRate: 0.02,
  },
  // prod: 2-20 workers, 70 % spot; user traffic follows the day.
  prod: {
    min: 2,
    max: 20,
    desired: 4,
    distribution: { OnDemandBaseCapacity: 0, OnDemandPercentageAboveBaseCapacity: 30 },
    arrival: { pattern: 'diurnal', perHour: 130 },
    poisonRate: 0.008,
  },
};

/** Seed 004 worker instance types: T4 for image/audio, A10G for video. */
export const FLEET_INSTANCE_TYPES = ['g4dn.xlarge', 'g4dn.2xlarge', 'g5.xlarge'];

export interface WorldSeed {
  environments: EnvironmentSeed[];
  groups: SimGroup[];
  queues: SimQueue[];
}

export { queueArn, queueUrl } from './sqsNames';

/**
 * `terraform`: an environment whose synthesized Terraform is known gets exactly what it
 * declares (terraform/applyWorld.ts); the tier rules below are the fallback for catalogs
 * written by hand.
 */
export function seedWorld(
  inventory: Inventory,
  startMs: number,
  random: () => number,
  terraform?: TerraformSeedSource,
): WorldSeed {
  const environments: EnvironmentSeed[] = [];
  const groups: SimGroup[] = [];
  const queues: SimQueue[] = [];

  for (const env of inventory.environments) {
    const preset = TIER_PRESETS[env.tier];
    environments.push({
      name: env.name,
      tier: env.tier,
      accountId: env.location.accountId,
      region: env.location.region,
      costTag: env.costTag,
    });
    const applied = terraform?.(env);
    if (applied) {
      const drains = (asgName: string) => {
        const fleet = env.resources.find((r): r is GpuFleetResource => r.kind === 'gpu-fleet' && (r.asgName === asgName || r.drAsgName === asgName));
        return env.resources.find((r): r is QueueResource => r.kind === 'queue' && r.entityRef === fleet?.drainsQueue)?.queueName;
      };
      queues.push(...queuesFromTerraform(applied, startMs, preset));
      groups.push(...groupsFromTerraform(applied, env.costTag, startMs, random, drains));
      continue;
    }

    for (const resource of env.resources) {
      if (resource.kind === 'queue') {
        queues.push(...seedQueues(resource, env.name, preset, startMs));
      }
    }
    for (const resource of env.resources) {
      if (resource.kind === 'gpu-fleet') {
        const drained = env.resources.find(
          (r): r is QueueResource => r.kind === 'queue' && r.entityRef === resource.drainsQueue,
        );
        groups.push(seedGroup(resource, env.name, env.costTag, preset, startMs, random, drained));
        if (env.drRegion) {
          // Pilot light (seed 004 DR): the same group in the DR region at zero instances, so
          // the region failover runbook has capacity to bring up there.
          const standby = seedGroup(
            { ...resource, location: { ...resource.location, region: env.drRegion } },
            env.name,
            env.costTag,
            preset,
            startMs,
            random,
            undefined,
          );
          groups.push({ ...standby, minSize: 0, desired: 0 });
        }
      }
    }
  }
  return { environments, groups, queues };
}

function seedQueues(
  resource: QueueResource,
  environment: string,
  preset: TierPreset,
  startMs: number,
): SimQueue[] {
  const { accountId, region } = resource.location;
  const base = (name: string): SimQueue => ({
    name,
    arn: queueArn(region, accountId, name),
    url: queueUrl(region, accountId, name),
    accountId,
    region,
    environment,
    createdAt: startMs - 200 * 86_400_000,
    visibilityTimeoutSeconds: 300,
    retentionSeconds: 345_600,
    isDeadLetterQueue: false,
    poisonRate: 0,
    transientFailureRate: 0,
    visible: [],
    invisible: [],
    origin: new Map(),
    moveTasks: [],
    minute: { sent: 0, received: 0, deleted: 0 },
  });
  const main = base(resource.queueName);
  main.arrival = { ...preset.arrival };
  main.poisonRate = preset.poisonRate;
  main.transientFailureRate = 0.02;
  if (!resource.dlqName) return [main];
  // Seed 004: DLQ after 3 receives, DLQ retention 14 days.
  const dlq = { ...base(resource.dlqName), isDeadLetterQueue: true, retentionSeconds: 1_209_600 };
  main.redrive = { deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 };
  return [main, dlq];
}

function seedGroup(
  resource: GpuFleetResource,
  environment: string,
  costTag: string,
  preset: TierPreset,
  startMs: number,
  random: () => number,
  drained: QueueResource | undefined,
): SimGroup {
  const { accountId, region } = resource.location;
  const id = hexId(random, 17);
  return {
    name: resource.asgName,
    arn: `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:${hexId(random, 8)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 4)}-${hexId(random, 12)}:autoScalingGroupName/${resource.asgName}`,
    accountId,
    region,
    environment,
    costTag,
    createdAt: startMs - 120 * 86_400_000,
    minSize: preset.min,
    maxSize: preset.max,
    desired: preset.desired,
    // Seed 000: 600 s cooldown "allow time for job completion".
    defaultCooldown: 600,
    availabilityZones: [`${region}a`, `${region}b`],
    launchTemplate: {
      LaunchTemplateId: `lt-${id}`,
      LaunchTemplateName: `${resource.asgName}-lt`,
      Version: '$Latest',
    },
    instanceTypes: [...FLEET_INSTANCE_TYPES],
    distribution: {
      OnDemandAllocationStrategy: 'prioritized',
      SpotAllocationStrategy: 'capacity-optimized',
      ...preset.distribution,
    },
    instances: [],
    suspended: new Map(),
    policies: new Map(),
    scheduled: new Map(),
    activities: [],
    queueName: drained?.queueName,
  };
}
