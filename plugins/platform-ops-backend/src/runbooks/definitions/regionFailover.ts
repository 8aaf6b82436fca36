import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { PromoteReadReplicaCommand } from '@aws-sdk/client-rds';
import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  AwsLocation,
  BucketResource,
  DatabaseResource,
  EcsServiceResource,
  GpuFleetResource,
} from '@platformops/plugin-platform-ops-common';
import { ReadAws, RunbookDefinition, RunbookStep, RunbookTarget } from '../types';
import { check, drLocation, globalControlPlane, isEnvironmentTarget } from './common';
import { OriginMove, distributionDeployedStep, moveOriginStep, retargetBehaviours } from './cloudFrontSteps';
import { drFleetCapacity } from '../../fleet/drCapacity';
import { healthStep } from './ecsRollback';
import { describeReplica, replicaLagCheck } from './replicaChecks';
import {
  ROUTE53_CONTROL_PLANE_NOTE,
  ROUTE53_DATA_PLANE_ALTERNATIVE,
  healthCheckPreflight,
  plannedServeFrom,
  readFailoverState,
  servedByRegionSteps,
} from './route53';
import { endpointOf } from './route53Endpoints';
import { ecsCapacitySteps, groupCapacitySteps } from './capacitySteps';
import { conventionNote, drAsgName, drBucket as drBucketOf, drEcsService } from './drNames';
import { findDistribution } from './distributionByTags';

export { regionShort } from './drNames';

/** Seed 004: region failover targets. */
export const REGION_FAILOVER_RTO_MINUTES = 60;
export const REGION_FAILOVER_RPO_MINUTES = 15;

const CLOUDFRONT_ALTERNATIVE =
  'Data-plane alternative: an origin group with the DR bucket as secondary origin makes CloudFront edges fail over on 5xx/timeouts from the primary origin without any API call.';

/**
 * Where the DR copies live: as the catalog declares them, else by the Terraform modules'
 * convention (drNames.ts).
 */
export function drBucketName(bucket: BucketResource, drRegion: string): string {
  return drBucketOf(bucket, drRegion).name;
}

async function drGroupExists(aws: ReadAws, dr: AwsLocation, fleet: GpuFleetResource): Promise<boolean> {
  try {
    const out = await aws.send({ service: 'autoScaling', location: dr, command: new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [drAsgName(fleet).name] }), plane: 'control' });
    return (out.AutoScalingGroups ?? []).length > 0;
  } catch {
    return false;
  }
}

/**
 * Sends the distribution's traffic to the DR copy of the media bucket. Preferred: an origin
 * already declared in the DR region (Terraform adds it next to the primary), so only the
 * cache behaviours' target changes. Otherwise the primary origin's domain is rewritten to
 * the replicated bucket. Mutates `config`; says what it changed, or that nothing was left.
 */
export function pointAtDrOrigin(
  config: DistributionConfig,
  bucketName: string,
  drRegion: string,
  drDomain: string,
): OriginMove {
  const origins = config.Origins?.Items ?? [];
  const drOrigin = origins.find(o => o.DomainName?.includes(`.s3.${drRegion}.amazonaws.com`));
  if (drOrigin?.Id) return retargetBehaviours(config, { Id: drOrigin.Id, DomainName: drOrigin.DomainName });
  const primary = origins.find(o => o.DomainName?.startsWith(`${bucketName}.`));
  if (!primary) {
    if (origins.some(o => o.DomainName === drDomain)) return { alreadyDone: `origin already ${drDomain}`, description: '' };
    throw new Error(`the distribution has no origin on ${bucketName} and none in ${drRegion}`);
  }
  primary.DomainName = drDomain;
  return { description: `origin ${primary.Id} now ${drDomain}` };
}

function route53Comment(target: RunbookTarget, drRegion: string): string {
  return `platform-ops region-failover ${target.environment.name} to ${drRegion}`;
}

/**
 * The DR database: a replica to promote (lag within the RPO), or, after an earlier failover,
 * already a standalone writable instance: then the promotion is skipped, not refused, so the
 * runbook can be run again to finish a partial failover.
 */
async function drDatabaseChecks(aws: ReadAws, dr: AwsLocation, replicaId: string) {
  try {
    const instance = (await aws.send(describeReplica(dr, replicaId))).DBInstances?.[0];
    if (instance && !instance.ReadReplicaSourceDBInstanceIdentifier && instance.DBInstanceStatus === 'available') {
      return [
        check('replica-exists', `DR database ${replicaId} in ${dr.region}`, true, `already promoted (an earlier failover): standalone and available, the promotion step changes nothing`),
      ];
    }
  } catch {
    // replicaLagCheck below reports the read failure.
  }
  return replicaLagCheck(aws, dr, replicaId, REGION_FAILOVER_RPO_MINUTES);
}

function resourcesOf(target: RunbookTarget) {
  const resources = target.environment.resources;
  return {
    database: resources.find((r): r is DatabaseResource => r.kind === 'database' && Boolean(r.replicaId)),
    services: resources.filter((r): r is EcsServiceResource => r.kind === 'ecs-service'),
    fleets: resources.filter((r): r is GpuFleetResource => r.kind === 'gpu-fleet'),
    bucket: resources.find((r): r is BucketResource => r.kind === 'bucket'),
  };
}

interface RegionFailoverResolved {
  /** Desired task count per ECS service and instance count per fleet in the DR region. */
  ecsDesired: Record<string, number>;
  fleetDesired: Record<string, number>;
  /**
   * The Route 53 change as planned at start (null when traffic is already on DR, or when
   * the records could not be read); the step recomputes it from the records when it runs.
   */
  changeBatch: JsonObject | null;
  /** False when Route 53's control plane could not be read at start: the data plane fails over. Absent in runs planned before this field existed (then: changeBatch !== null). */
  route53Readable?: boolean;
  drBucket: string | null;
  /** The distribution the CloudFront step moves: declared, or found by its tags at start (distributionByTags.ts). */
  distributionId?: string | null;
  /** Why no distribution was found by its tags (the lookup failed, none or several match). */
  distributionLookup?: string;
}

const DEFAULT_DR_CAPACITY = 2;

export const regionFailoverRunbook: RunbookDefinition = {
  id: 'region-failover',
  title: 'Region failover',
  description:
    "The platform's six-step region failover, as a graph: declare, promote the DR read replica, bring up ECS and GPU capacity in the DR region, Route 53 to the DR ALB, CloudFront origin to the DR bucket, verify. Every step calls the DR region or a global service, never the failed region.",
  rtoTargetMinutes: REGION_FAILOVER_RTO_MINUTES,
  rpoTargetMinutes: REGION_FAILOVER_RPO_MINUTES,
  appliesTo: target =>
    isEnvironmentTarget(target) &&
    Boolean(target.environment.drRegion) &&
    Boolean(resourcesOf(target).database),

  async preflight(target, aws) {
    const dr = drLocation(target);
    const { database, services, fleets, bucket } = resourcesOf(target);
    const checks = await drDatabaseChecks(aws, dr, database!.replicaId!);
    checks.push(
      check('dr-capacity', 'DR capacity declared', services.length + fleets.length > 0, `${services.length} ECS service(s), ${fleets.length} GPU fleet(s) to bring up in ${dr.region}`, 'warn'),
    );
    for (const fleet of fleets) {
      const exists = await drGroupExists(aws, dr, fleet);
      const drName = drAsgName(fleet);
      checks.push(
        check(
          `dr-asg-${fleet.name}`,
          `GPU Auto Scaling group ${drName.name} exists in ${dr.region}`,
          exists,
          (exists
            ? 'will be scaled up by the runbook'
            : `not found: the runbook skips GPU capacity for ${fleet.name}; create the DR group with Terraform (pilot light at 0) so a failover can scale it`) +
            conventionNote(drName, 'platform-ops.io/dr-asg-name'),
          'warn',
        ),
      );
    }
    if (target.environment.route53Record) {
      let state: Awaited<ReturnType<typeof readFailoverState>> | undefined;
      try {
        state = await readFailoverState(aws, target);
      } catch (error) {
        if (error instanceof InputError) {
          // Records that contradict the catalog: refuse, nobody can say which side is DR.
          checks.push(check('route53', 'Route 53 failover records match the catalog', false, error.message));
        } else {
          checks.push(check('route53', 'Route 53 failover records readable', false, `${ROUTE53_CONTROL_PLANE_NOTE} and did not answer (${(error as Error).message}); the health-check-driven failover records still fail over on the data plane`, 'warn'));
        }
      }
      if (state) {
        checks.push(await healthCheckPreflight(aws, target, state.byRegion[dr.region], `DR (${dr.region})`));
        const albName = target.environment.dr?.albName;
        if (albName) {
          // An ALB's DNS name is "<name>-<id>.<region>.elb.amazonaws.com".
          const endpoint = endpointOf(state.byRegion[dr.region]);
          const onAlb = endpoint.replace(/^dualstack\./, '').startsWith(`${albName.toLowerCase()}-`);
          checks.push(check('dr-alb', `DR record targets load balancer ${albName}`, onAlb, onAlb ? `${endpoint}` : `the ${dr.region} record targets ${endpoint}, not the declared ${albName} (annotation platform-ops.io/dr-alb-name)`, 'warn'));
        }
        if (state.servedBy === dr.region) {
          checks.push(check('route53-served', `Traffic not already on ${dr.region}`, false, `already served by the ${dr.region} endpoint (an earlier failover): the Route 53 step changes nothing`, 'warn'));
        }
      }
    }
    if (target.environment.cloudFrontDistributionId && !bucket) {
      checks.push(check('bucket', 'Media bucket declared', false, 'no bucket resource: the CloudFront step is skipped', 'warn'));
    }
    if (!target.environment.cloudFrontDistributionId && target.environment.dr?.cloudFrontDistributionTags) {
      const found = await findDistribution(aws, target);
      checks.push(check('cloudfront', 'CloudFront distribution found by its tags', Boolean(found.id), found.id ? found.detail : `${found.detail}: the CloudFront step is skipped`, 'warn'));
    }
    return checks;
  },

  /** Reads what the DR side needs; every read tolerates the primary region being down. */
  async resolve(target, aws) {
    const dr = drLocation(target);
    const { services, fleets, bucket } = resourcesOf(target);
    const ecsDesired: Record<string, number> = {};
    for (const svc of services) {
      try {
        const s = (await aws.send({ service: 'ecs', location: svc.location, command: new DescribeServicesCommand({ cluster: svc.cluster, services: [svc.service] }), plane: 'control' })).services?.[0];
        ecsDesired[svc.entityRef] = Math.max(s?.desiredCount ?? 0, 1);
      } catch {
        ecsDesired[svc.entityRef] = DEFAULT_DR_CAPACITY; // primary region down: the DR default
      }
    }
    const fleetDesired: Record<string, number> = {};
    for (const fleet of fleets) {
      // Only fleets whose Auto Scaling group exists in the DR region can be scaled there.
      if (!(await drGroupExists(aws, dr, fleet))) continue;
      try {
        const g = (await aws.send({ service: 'autoScaling', location: fleet.location, command: new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [fleet.asgName] }), plane: 'control' })).AutoScalingGroups?.[0];
        const instanceTypes = (g?.MixedInstancesPolicy?.LaunchTemplate?.Overrides ?? []).flatMap(o => (o.InstanceType ? [o.InstanceType] : []));
        // The one guardrail policy caps (never refuses) the DR capacity: a failover must not
        // be refused in a disaster, nor scale past the environment's limits.
        fleetDesired[fleet.entityRef] = drFleetCapacity(target.environment, Math.max(g?.DesiredCapacity ?? 0, 1), { instanceTypes }).desired;
      } catch {
        fleetDesired[fleet.entityRef] = drFleetCapacity(target.environment, DEFAULT_DR_CAPACITY).desired;
      }
    }
    let changeBatch: JsonObject | null = null;
    let route53Readable = false;
    if (target.environment.route53Record) {
      let state: Awaited<ReturnType<typeof readFailoverState>> | undefined;
      try {
        state = await readFailoverState(aws, target);
      } catch (error) {
        if (error instanceof InputError) throw error; // contradicts the catalog: refuse
        state = undefined; // control plane down: the data plane fails over
      }
      if (state) {
        route53Readable = true;
        changeBatch = plannedServeFrom(state, dr.region, route53Comment(target, dr.region));
      }
    }
    const resolved: RegionFailoverResolved = {
      ecsDesired,
      fleetDesired,
      changeBatch,
      route53Readable,
      drBucket: bucket ? drBucketName(bucket, dr.region) : null,
      ...(await findDistribution(aws, target).then(found => ({ distributionId: found.id ?? null, distributionLookup: found.detail }))),
    };
    return resolved as unknown as JsonObject;
  },

  steps(target, resolvedJson): RunbookStep[] {
    const resolved = resolvedJson as unknown as RegionFailoverResolved;
    const dr = drLocation(target);
    const { database, services, fleets, bucket } = resourcesOf(target);
    const replicaId = database!.replicaId!;
    const steps: RunbookStep[] = [
      {
        id: 'declare',
        title: 'Declare the disaster',
        kind: 'note',
        dependsOn: [],
        message: `Disaster declared for ${target.environment.name}: failing over from ${target.environment.location.region} to ${dr.region}. The RTO clock starts now (target ${REGION_FAILOVER_RTO_MINUTES} min, RPO ${REGION_FAILOVER_RPO_MINUTES} min).`,
      },
      {
        id: 'promote-replica',
        title: `Promote ${replicaId} in ${dr.region}`,
        kind: 'aws-action',
        dependsOn: ['declare'],
        calls: [{ service: 'rds', location: dr, command: new PromoteReadReplicaCommand({ DBInstanceIdentifier: replicaId }), plane: 'control', note: `RDS API of the DR region ${dr.region}` }],
        alreadyDone: async aws => {
          const instance = (await aws.send(describeReplica(dr, replicaId))).DBInstances?.[0];
          if (instance?.DBInstanceStatus === 'modifying') return 'the promotion is already in progress';
          if (instance && !instance.ReadReplicaSourceDBInstanceIdentifier) return `${replicaId} is no longer a replica (already promoted)`;
          return undefined;
        },
      },
      {
        id: 'wait-database',
        title: 'Wait until the promoted database accepts writes',
        kind: 'wait-until',
        dependsOn: ['promote-replica'],
        probe: () => describeReplica(dr, replicaId),
        until: out => {
          const i = (out as { DBInstances?: Array<{ DBInstanceStatus?: string; ReadReplicaSourceDBInstanceIdentifier?: string }> }).DBInstances?.[0];
          return { done: i?.DBInstanceStatus === 'available' && !i.ReadReplicaSourceDBInstanceIdentifier, detail: `status ${i?.DBInstanceStatus}${i?.ReadReplicaSourceDBInstanceIdentifier ? ', still a replica' : ''}` };
        },
        timeoutSeconds: 30 * 60,
        intervalSeconds: 15,
      },
    ];

    const readyForTraffic = ['wait-database'];
    for (const svc of services) {
      const desired = resolved.ecsDesired[svc.entityRef] ?? DEFAULT_DR_CAPACITY;
      const drSvc = drEcsService(svc);
      steps.push(
        ...ecsCapacitySteps({
          name: svc.name,
          title: `Bring up ${drSvc.service} in ${dr.region} (${desired} tasks)`,
          location: dr,
          region: dr.region,
          ecs: drSvc,
          desired,
          noteProbe: true,
        }),
      );
      readyForTraffic.push(`wait-${svc.name}`);
    }

    const capacity: string[] = [];
    for (const fleet of fleets.filter(f => resolved.fleetDesired[f.entityRef] !== undefined)) {
      const desired = resolved.fleetDesired[fleet.entityRef];
      const drGroup = drAsgName(fleet).name;
      steps.push(
        ...groupCapacitySteps({
          name: fleet.name,
          title: `Bring up ${drGroup} in ${dr.region} (${desired} GPU instances)`,
          location: dr,
          region: dr.region,
          group: drGroup,
          // The DR group idles at 0 (pilot light): its floor moves up with it.
          capacity: { MinSize: desired, DesiredCapacity: desired },
          noteProbe: true,
        }),
      );
      capacity.push(`wait-${fleet.name}`);
    }

    const verifyAfter = [...capacity];
    if (target.environment.route53Record) {
      if (resolved.route53Readable ?? resolved.changeBatch !== null) {
        // End state: traffic served by the DR region's endpoint. Derived from the records
        // when the step runs: after an earlier failover it is a no-op, never a swap back.
        steps.push(
          ...servedByRegionSteps(target, {
            id: 'route53-to-dr',
            region: dr.region,
            dependsOn: readyForTraffic,
            planned: resolved.changeBatch,
            comment: route53Comment(target, dr.region),
            controlPlaneFallback: 'while the primary region is down its endpoint fails its health check, so Route 53 already answers with the DR endpoint',
          }),
        );
        verifyAfter.push('route53-insync');
      } else {
        steps.push({
          id: 'route53-to-dr',
          title: `Route 53: rely on health-check failover to ${dr.region}`,
          kind: 'note',
          dependsOn: readyForTraffic,
          message: `${ROUTE53_CONTROL_PLANE_NOTE} and could not be read at start: the failover records' health checks move traffic to the SECONDARY (DR) endpoint on the data plane.`,
          alternative: ROUTE53_DATA_PLANE_ALTERNATIVE,
        });
        verifyAfter.push('route53-to-dr');
      }
    } else {
      verifyAfter.push(...readyForTraffic);
    }

    // Runs planned before distributionId was resolved carry only the catalog's id.
    const distributionId = target.environment.cloudFrontDistributionId ?? resolved.distributionId;
    if (distributionId && bucket && resolved.drBucket) {
      const cf = globalControlPlane(target);
      const drBucket = resolved.drBucket;
      const drDomain = `${drBucket}.s3.${dr.region}.amazonaws.com`;
      steps.push(
        moveOriginStep({
          id: 'cloudfront-to-dr',
          title: `CloudFront ${distributionId}: origin to ${drBucket}`,
          dependsOn: ['declare'],
          cf,
          distributionId,
          plannedConfig: 'DistributionConfig from GetDistributionConfig, origin moved to the DR region',
          plannedChange: `the cache behaviours sent to its origin in ${dr.region} (or, without one, the origin on ${bucket.bucketName} pointed at ${drDomain})`,
          move: config => pointAtDrOrigin(config, bucket.bucketName, dr.region, drDomain),
          alternative: CLOUDFRONT_ALTERNATIVE,
          controlPlaneFallback: 'an origin group with the DR bucket as secondary origin fails over at the edge',
        }),
        distributionDeployedStep({
          after: 'cloudfront-to-dr',
          cf,
          distributionId,
          controlPlaneFallback: 'the update was accepted; edges pick it up as they deploy',
        }),
      );
      verifyAfter.push('cloudfront-deployed');
    } else if (bucket && resolved.drBucket && target.environment.dr?.cloudFrontDistributionTags) {
      // Declared by its tags but not found at start (e.g. us-east-1, where the Tagging API
      // lists CloudFront, is down): the origin group still fails over at the edge.
      steps.push({
        id: 'cloudfront-to-dr',
        title: `CloudFront: rely on the origin group's failover to ${resolved.drBucket}`,
        kind: 'note',
        dependsOn: ['declare'],
        message: `The distribution could not be found: ${resolved.distributionLookup ?? 'not looked up'}. Its origin group sends requests to the DR bucket when the primary origin fails.`,
        alternative: CLOUDFRONT_ALTERNATIVE,
      });
      verifyAfter.push('cloudfront-to-dr');
    }

    const healthSteps = services
      .map(svc => {
        // The health check probes the DR copy of the service.
        const { cluster, service } = drEcsService(svc);
        return healthStep({ ...svc, cluster, service }, `verify-${svc.name}`, verifyAfter, dr);
      })
      .filter((s): s is NonNullable<typeof s> => Boolean(s));
    if (healthSteps.length) steps.push(...healthSteps);
    else {
      steps.push({ id: 'verify', title: 'Verify', kind: 'note', dependsOn: verifyAfter, message: 'No health URL declared: verify the application by hand.' });
    }
    return steps;
  },
};
