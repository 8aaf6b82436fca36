import { hexId } from '../random';
import { queueArn, queueUrl } from '../sqsNames';
import { ArrivalPattern, SimGroup, SimQueue } from '../world/types';
import { TerraformSeeds } from './seeds';

/*
 * The fleet side of an environment (Auto Scaling groups, SQS queues) as its Terraform
 * declares them. What Terraform cannot say, the simulated traffic, comes from the tier: jobs
 * arrive on the primary region's queues only (the DR copies wait for a failover).
 */

export function groupsFromTerraform(
  seeds: TerraformSeeds,
  costTag: string,
  startMs: number,
  random: () => number,
  /** Queue each group drains, by group name (the catalog's drains-queue). */
  drainedQueue: (asgName: string) => string | undefined,
): SimGroup[] {
  return seeds.autoScalingGroups.map(g => {
    const uuid = [8, 4, 4, 4, 12].map(n => hexId(random, n)).join('-');
    const group: SimGroup = {
      name: g.name,
      arn: `arn:aws:autoscaling:${g.region}:${g.accountId}:autoScalingGroup:${uuid}:autoScalingGroupName/${g.name}`,
      accountId: g.accountId,
      region: g.region,
      environment: seeds.environment.name,
      costTag,
      createdAt: startMs,
      minSize: g.minSize,
      maxSize: g.maxSize,
      desired: g.desired,
      defaultCooldown: g.defaultCooldown,
      availabilityZones: [`${g.region}a`, `${g.region}b`],
      launchTemplate: { LaunchTemplateId: `lt-${hexId(random, 17)}`, LaunchTemplateName: `${g.name}-lt`, Version: '$Latest' },
      instanceTypes: [...g.instanceTypes],
      distribution: {
        OnDemandAllocationStrategy: 'prioritized',
        SpotAllocationStrategy: g.spotAllocationStrategy,
        OnDemandBaseCapacity: g.onDemandBaseCapacity,
        OnDemandPercentageAboveBaseCapacity: g.onDemandPercentageAboveBaseCapacity,
      },
      instances: [],
      suspended: new Map(),
      policies: new Map(),
      scheduled: new Map(),
      activities: [],
      queueName: drainedQueue(g.name),
    };
    for (const p of seeds.scalingPolicies.filter(s => s.groupName === g.name && s.region === g.region && s.accountId === g.accountId)) {
      const policyUuid = [8, 4, 4, 4, 12].map(n => hexId(random, n)).join('-');
      group.policies.set(p.name, {
        PolicyName: p.name,
        PolicyARN: `arn:aws:autoscaling:${g.region}:${g.accountId}:scalingPolicy:${policyUuid}:autoScalingGroupName/${g.name}:policyName/${p.name}`,
        PolicyType: 'TargetTrackingScaling',
        Enabled: true,
        ...(p.estimatedInstanceWarmup === undefined ? {} : { EstimatedInstanceWarmup: p.estimatedInstanceWarmup }),
        TargetTrackingConfiguration: {
          CustomizedMetricSpecification: { Metrics: p.metrics.map(m => ({ ...m })) },
          TargetValue: p.targetValue,
          DisableScaleIn: p.disableScaleIn,
        },
      });
    }
    return group;
  });
}

/** The simulated load on an environment's primary queues (not AWS configuration: traffic). */
export interface QueueTraffic {
  arrival: { pattern: ArrivalPattern; perHour: number };
  poisonRate: number;
}

export function queuesFromTerraform(seeds: TerraformSeeds, startMs: number, traffic: QueueTraffic | undefined): SimQueue[] {
  const deadLetterNames = new Set(seeds.queues.flatMap(q => (q.redrive ? [`${q.region}/${q.redrive.deadLetterQueueName}`] : [])));
  return seeds.queues.map(q => {
    const isDeadLetterQueue = deadLetterNames.has(`${q.region}/${q.name}`);
    const load = !isDeadLetterQueue && q.region === seeds.environment.region ? traffic : undefined;
    const queue: SimQueue = {
      name: q.name,
      arn: queueArn(q.region, q.accountId, q.name),
      url: queueUrl(q.region, q.accountId, q.name),
      accountId: q.accountId,
      region: q.region,
      environment: seeds.environment.name,
      createdAt: startMs,
      visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
      retentionSeconds: q.retentionSeconds,
      isDeadLetterQueue,
      poisonRate: load?.poisonRate ?? 0,
      transientFailureRate: load ? 0.02 : 0,
      visible: [],
      invisible: [],
      origin: new Map(),
      moveTasks: [],
      minute: { sent: 0, received: 0, deleted: 0 },
    };
    if (load) queue.arrival = { ...load.arrival };
    if (q.redrive) {
      queue.redrive = {
        deadLetterTargetArn: queueArn(q.region, q.accountId, q.redrive.deadLetterQueueName),
        maxReceiveCount: q.redrive.maxReceiveCount,
      };
    }
    return queue;
  });
}
