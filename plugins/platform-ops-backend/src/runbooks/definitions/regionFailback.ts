import { DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
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
import { healthStep } from './ecsRollback';
import { FailbackDatabase, failbackDatabaseSteps, resolveFailbackDatabase } from './failbackDatabase';
import { ecsCapacitySteps, groupCapacitySteps, setGroupCapacityCall, setTaskCountCall } from './capacitySteps';
import { failoverPairPreflight, healthCheckPreflight, plannedServeFrom, readFailoverState, servedByRegionSteps } from './route53';
import { findDistribution } from './distributionByTags';

/**
 * Region failback: the region failover undone once the primary region is back (DR region ->
 * primary region), built like it: each step names its end state and derives its calls from
 * AWS as it is when it runs, so a second run, or a run after a partial one, converges.
 *
 * Unlike a failover it is planned, not a disaster: it may take the time a cross-region read
 * replica takes to build (up to an hour for the platform's databases), and the moment writes
 * move back waits for a second person's approval, after the application's writes to the DR
 * database are stopped and the new primary has caught up (no write is lost).
 */
export const REGION_FAILBACK_RTO_MINUTES = 120;

function resourcesOf(target: RunbookTarget) {
  const resources = target.environment.resources;
  return {
    database: resources.find((r): r is DatabaseResource => r.kind === 'database' && Boolean(r.replicaId) && Boolean(r.dbInstanceId)),
    services: resources.filter((r): r is EcsServiceResource => r.kind === 'ecs-service'),
    fleets: resources.filter((r): r is GpuFleetResource => r.kind === 'gpu-fleet'),
    bucket: resources.find((r): r is BucketResource => r.kind === 'bucket'),
  };
}

interface RegionFailbackResolved {
  /** Null: the primary writes and the DR database replicates from it; nothing to move back. */
  database: FailbackDatabase | null;
  /** Task count per ECS service in the primary region: what the DR side runs now, at least. */
  ecsDesired: Record<string, number>;
  /** Instances per GPU fleet in the primary region; absent: no group there. */
  fleetDesired: Record<string, number>;
  /** Fleets whose DR group exists (scaled back to zero at the end). */
  drFleets: string[];
  changeBatch: JsonObject | null;
  /** The distribution moved back: declared, or found by its tags at start (distributionByTags.ts). */
  distributionId?: string | null;
}

async function group(aws: ReadAws, location: AwsLocation, name: string) {
  const out = await aws.send({ service: 'autoScaling', location, command: new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }), plane: 'control' });
  return out.AutoScalingGroups?.[0];
}

async function desiredTasks(aws: ReadAws, location: AwsLocation, svc: EcsServiceResource): Promise<number> {
  const out = await aws.send({ service: 'ecs', location, command: new DescribeServicesCommand({ cluster: svc.cluster, services: [svc.service] }), plane: 'control' });
  return out.services?.[0]?.desiredCount ?? 0;
}

/**
 * Sends the distribution's traffic back to the primary region's bucket: to the origin in the
 * primary region when there is one (cache behaviours re-targeted), otherwise the origin a
 * failover rewrote to the DR bucket gets the primary bucket's domain again. Mutates `config`.
 */
export function pointAtPrimaryOrigin(
  config: DistributionConfig,
  bucketName: string,
  primaryRegion: string,
  drRegion: string,
): OriginMove {
  const origins = config.Origins?.Items ?? [];
  const primaryDomain = `${bucketName}.s3.${primaryRegion}.amazonaws.com`;
  const home = origins.find(o => o.DomainName?.includes(`.s3.${primaryRegion}.amazonaws.com`));
  if (home?.Id) return retargetBehaviours(config, { Id: home.Id, DomainName: home.DomainName });
  // No origin in the primary region: a failover rewrote the primary origin to the DR bucket.
  const rewritten = origins.find(o => o.DomainName?.includes(`.s3.${drRegion}.amazonaws.com`));
  if (!rewritten) throw new Error(`the distribution has no origin in ${primaryRegion} nor in ${drRegion}`);
  rewritten.DomainName = primaryDomain;
  return { description: `origin ${rewritten.Id} now ${primaryDomain}` };
}

function route53Comment(target: RunbookTarget): string {
  return `platform-ops region-failback ${target.environment.name} to ${target.environment.location.region}`;
}

export const regionFailbackRunbook: RunbookDefinition = {
  id: 'region-failback',
  title: 'Region failback',
  description:
    'Brings a region failover back once the primary region is healthy: a new primary database replicated from the DR one and promoted after approval, capacity up in the primary region, Route 53 and CloudFront back to it, then the DR region back to pilot light (ECS and GPU at zero, a read replica of the new primary). Safe to run again: it continues from what AWS shows.',
  rtoTargetMinutes: REGION_FAILBACK_RTO_MINUTES,
  rpoTargetMinutes: 0,
  appliesTo: target =>
    isEnvironmentTarget(target) &&
    Boolean(target.environment.drRegion) &&
    Boolean(resourcesOf(target).database),

  async preflight(target, aws) {
    const primary = target.environment.location;
    const dr = drLocation(target);
    const { database, fleets } = resourcesOf(target);
    const checks = [];
    try {
      await aws.send({ service: 'rds', location: primary, command: new DescribeDBInstancesCommand({}), plane: 'control' });
      checks.push(check('primary-region', `${primary.region} answers`, true, 'its RDS API answered'));
    } catch (error) {
      checks.push(check('primary-region', `${primary.region} answers`, false, `its RDS API did not answer (${(error as Error).message}): fail back once the region is healthy`));
      return checks;
    }
    try {
      const db = await resolveFailbackDatabase(aws, primary, dr, { primaryId: database!.dbInstanceId!, drId: database!.replicaId! });
      checks.push(
        check(
          'database',
          'Which database takes the writes',
          true,
          db
            ? `${db.drId} in ${dr.region} does: a read replica of it is created in ${primary.region} as ${db.primaryId} and promoted after approval`
            : `${database!.dbInstanceId} in ${primary.region} does, and ${database!.replicaId} replicates from it: the database steps change nothing`,
        ),
      );
    } catch (error) {
      checks.push(check('database', 'Which database takes the writes', false, (error as Error).message));
    }
    if (target.environment.route53Record) {
      const { checks: pair, state } = await failoverPairPreflight(aws, target, primary.region);
      checks.push(...pair);
      if (state) checks.push(await healthCheckPreflight(aws, target, state.byRegion[primary.region], `primary (${primary.region})`));
    }
    for (const fleet of fleets) {
      const exists = Boolean(await group(aws, primary, fleet.asgName).catch(() => undefined));
      checks.push(check(`asg-${fleet.name}`, `GPU Auto Scaling group ${fleet.asgName} exists in ${primary.region}`, exists, exists ? 'will be scaled back up' : `not found: GPU capacity for ${fleet.name} is skipped`, 'warn'));
    }
    return checks;
  },

  async resolve(target, aws) {
    const primary = target.environment.location;
    const dr = drLocation(target);
    const { database, services, fleets } = resourcesOf(target);
    const ecsDesired: Record<string, number> = {};
    for (const svc of services) {
      const [home, away] = await Promise.all([desiredTasks(aws, svc.location, svc), desiredTasks(aws, dr, svc).catch(() => 0)]);
      ecsDesired[svc.entityRef] = Math.max(home, away, 1);
    }
    const fleetDesired: Record<string, number> = {};
    const drFleets: string[] = [];
    for (const fleet of fleets) {
      const [home, away] = await Promise.all([
        group(aws, fleet.location, fleet.asgName).catch(() => undefined),
        group(aws, dr, fleet.asgName).catch(() => undefined),
      ]);
      if (away) drFleets.push(fleet.entityRef);
      if (!home) continue;
      // What the DR side runs now, within the primary group's own bounds.
      fleetDesired[fleet.entityRef] = Math.min(home.MaxSize ?? Infinity, Math.max(home.DesiredCapacity ?? 0, away?.DesiredCapacity ?? 0, home.MinSize ?? 0));
    }
    let changeBatch: JsonObject | null = null;
    if (target.environment.route53Record) {
      changeBatch = plannedServeFrom(await readFailoverState(aws, target), primary.region, route53Comment(target));
    }
    const resolved: RegionFailbackResolved = {
      database: await resolveFailbackDatabase(aws, primary, dr, { primaryId: database!.dbInstanceId!, drId: database!.replicaId! }),
      ecsDesired,
      fleetDesired,
      drFleets,
      changeBatch,
      distributionId: (await findDistribution(aws, target)).id ?? null,
    };
    return resolved as unknown as JsonObject;
  },

  steps(target, resolvedJson): RunbookStep[] {
    // Partial when planned without AWS (a graph check): every field has a safe default.
    const resolved = resolvedJson as unknown as Partial<RegionFailbackResolved>;
    const primary = target.environment.location;
    const dr = drLocation(target);
    const { services, fleets, bucket } = resourcesOf(target);
    const steps: RunbookStep[] = [
      {
        id: 'declare',
        title: 'Start the failback',
        kind: 'note',
        dependsOn: [],
        message: `Failing ${target.environment.name} back from ${dr.region} to ${primary.region}. Traffic stays on ${dr.region} until the approval; the new primary database must have caught up first.`,
      },
    ];

    const db = resolved.database ? failbackDatabaseSteps(resolved.database, primary, dr, { declare: 'declare' }) : undefined;
    const beforeApproval: string[] = [];
    if (db) {
      steps.push(...db.beforeApproval);
      beforeApproval.push(db.ready);
    }

    for (const svc of services) {
      const desired = resolved.ecsDesired?.[svc.entityRef] ?? 1;
      steps.push(
        ...ecsCapacitySteps({
          name: svc.name,
          title: `Bring ${svc.service} in ${primary.region} up to ${desired} tasks`,
          location: svc.location,
          region: primary.region,
          ecs: svc,
          desired,
        }),
      );
      beforeApproval.push(`wait-${svc.name}`);
    }
    for (const fleet of fleets.filter(f => resolved.fleetDesired?.[f.entityRef] !== undefined)) {
      const desired = resolved.fleetDesired![fleet.entityRef];
      steps.push(
        ...groupCapacitySteps({
          name: fleet.name,
          title: `Bring ${fleet.asgName} in ${primary.region} up to ${desired} GPU instances`,
          location: fleet.location,
          region: primary.region,
          group: fleet.asgName,
          capacity: { DesiredCapacity: desired },
        }),
      );
      beforeApproval.push(`wait-${fleet.name}`);
    }

    steps.push({
      id: 'approve-cutover',
      title: `Approve moving writes and traffic back to ${primary.region}`,
      kind: 'approval',
      dependsOn: beforeApproval.length ? beforeApproval : ['declare'],
      prompt: db
        ? `Stop the application's writes to ${resolved.database!.drId} in ${dr.region} (maintenance mode), check that ${resolved.database!.primaryId}'s replica lag is at zero, then approve: ${resolved.database!.primaryId} is promoted and traffic moves back to ${primary.region}.`
        : `Capacity is up in ${primary.region}: approve to move traffic back to it.`,
    });
    const trafficAfter = ['approve-cutover'];
    if (db) {
      steps.push(...db.cutover('approve-cutover'));
      trafficAfter.push(db.writable);
    }

    const verifyAfter: string[] = [...trafficAfter];
    if (target.environment.route53Record) {
      steps.push(
        ...servedByRegionSteps(target, {
          id: 'route53-to-primary',
          region: primary.region,
          dependsOn: trafficAfter,
          planned: resolved.changeBatch,
          comment: route53Comment(target),
        }),
      );
      verifyAfter.push('route53-insync');
    }

    const distributionId = target.environment.cloudFrontDistributionId ?? resolved.distributionId;
    if (distributionId && bucket) {
      const cf = globalControlPlane(target);
      steps.push(
        moveOriginStep({
          id: 'cloudfront-to-primary',
          title: `CloudFront ${distributionId}: origin back to ${bucket.bucketName} in ${primary.region}`,
          dependsOn: ['approve-cutover'],
          cf,
          distributionId,
          plannedConfig: 'DistributionConfig from GetDistributionConfig, origin moved back to the primary region',
          plannedChange: `the cache behaviours sent back to its origin in ${primary.region}`,
          move: config => pointAtPrimaryOrigin(config, bucket.bucketName, primary.region, dr.region),
        }),
        distributionDeployedStep({ after: 'cloudfront-to-primary', cf, distributionId }),
      );
      verifyAfter.push('cloudfront-deployed');
    }

    const healthSteps = services
      .map(svc => healthStep(svc, `verify-${svc.name}`, verifyAfter))
      .filter((s): s is NonNullable<typeof s> => Boolean(s));
    if (healthSteps.length) steps.push(...healthSteps);
    else steps.push({ id: 'verify', title: 'Verify', kind: 'note', dependsOn: verifyAfter, message: 'No health URL declared: verify the application by hand.' });
    const verified = healthSteps.length ? healthSteps.map(s => s.id) : ['verify'];

    // The DR side back to pilot light, once the primary region serves.
    for (const svc of services) {
      steps.push({
        id: `pilot-light-${svc.name}`,
        title: `${svc.service} in ${dr.region} back to pilot light (0 tasks)`,
        kind: 'aws-action',
        dependsOn: verified,
        calls: [setTaskCountCall(dr, dr.region, svc, 0)],
      });
    }
    for (const fleet of fleets.filter(f => (resolved.drFleets ?? []).includes(f.entityRef))) {
      steps.push({
        id: `pilot-light-${fleet.name}`,
        title: `${fleet.asgName} in ${dr.region} back to pilot light (0 instances)`,
        kind: 'aws-action',
        dependsOn: verified,
        calls: [setGroupCapacityCall(dr, dr.region, fleet.asgName, { MinSize: 0, DesiredCapacity: 0 })],
      });
    }
    if (db) {
      steps.push(...db.pilotLight(verified));
      const d = resolved.database!;
      steps.push({
        id: 'set-aside-note',
        title: 'Instances kept for review',
        kind: 'note',
        dependsOn: [db.done],
        message: `Kept, not deleted: ${d.primaryId}-${d.setAsideSuffix} in ${primary.region} (the old primary, stale since the failover) and ${d.drId}-${d.setAsideSuffix} in ${dr.region} (the database that served during the failover), where they existed. Delete them once nothing is missing.`,
      });
    }
    return steps;
  },
};

