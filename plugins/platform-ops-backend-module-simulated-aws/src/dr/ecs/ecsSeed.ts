import {
  AwsLocation,
  EcsServiceResource,
  EnvironmentTier,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { arn, regionalKey } from '../naming';
import { randomId } from '../timeline';
import { applyEcs } from '../../terraform/applyDr';
import type { TerraformSeedSource } from '../../terraform/source';

/** Running tasks of a service per tier (seed 004: dev 1, staging 2-4, prod 4-10). */
const DESIRED_TASKS: Record<EnvironmentTier, number> = {
  dev: 1,
  sandbox: 1,
  staging: 2,
  prod: 4,
};

const DAY_MS = 24 * 3600 * 1000;

export interface TaskDefinitionState {
  family: string;
  revision: number;
  arn: string;
  location: AwsLocation;
  image: string;
  registeredAt: Date;
}

/** Tasks of a deployment move linearly from `from` to `to` between startAt and endAt. */
export interface Ramp {
  from: number;
  to: number;
  startAt: number;
  endAt: number;
}

export interface DeploymentState {
  id: string;
  taskDefinitionArn: string;
  desired: number;
  ramp: Ramp;
  status: 'PRIMARY' | 'ACTIVE';
  rolloutState: 'IN_PROGRESS' | 'COMPLETED';
  rolloutStateReason: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EcsServiceState {
  name: string;
  arn: string;
  clusterName: string;
  clusterArn: string;
  location: AwsLocation;
  desired: number;
  /** Newest first: deployments[0] is the PRIMARY one. */
  deployments: DeploymentState[];
  events: { id: string; createdAt: Date; message: string }[];
  createdAt: Date;
}

export interface EcsState {
  clusters: Map<string, { name: string; arn: string; location: AwsLocation }>;
  services: Map<string, EcsServiceState>;
  /** Every registered revision of every family, in every region. */
  taskDefinitions: TaskDefinitionState[];
}

export function serviceKey(
  location: AwsLocation,
  cluster: string,
  service: string,
) {
  return regionalKey(location, `${cluster}/${service}`);
}

/** A completed deployment holding `count` tasks since long ago. */
export function steadyDeployment(
  random: () => number,
  taskDefinitionArn: string,
  count: number,
  since: Date,
): DeploymentState {
  return {
    id: `ecs-svc/${randomId(random, 19, '0123456789')}`,
    taskDefinitionArn,
    desired: count,
    ramp: { from: count, to: count, startAt: 0, endAt: 0 },
    status: 'PRIMARY',
    rolloutState: 'COMPLETED',
    rolloutStateReason: 'ECS deployment completed.',
    createdAt: since,
    updatedAt: since,
  };
}

/**
 * The ECS estate of the catalog's Components: each service in its cluster running the latest
 * of 3-6 task definition revisions (so a rollback target exists), and the same cluster and
 * services in the environment's DR region at desiredCount 0 (pilot light), whose task
 * definitions are registered there too.
 */
export function seedEcs(
  inventory: Inventory,
  random: () => number,
  now: Date,
  terraform?: TerraformSeedSource,
  deploymentHistory = false,
): EcsState {
  const state: EcsState = {
    clusters: new Map(),
    services: new Map(),
    taskDefinitions: [],
  };
  const revisionsOf = new Map<string, number>();

  for (const env of inventory.environments) {
    const applied = terraform?.(env);
    if (applied) {
      applyEcs(state, applied, random, now, deploymentHistory);
      continue;
    }
    const services = env.resources.filter(
      (r): r is EcsServiceResource => r.kind === 'ecs-service',
    );
    for (const svc of services) {
      const sites = [
        { location: svc.location, desired: DESIRED_TASKS[env.tier] },
      ];
      if (env.drRegion) {
        sites.push({
          location: { ...svc.location, region: env.drRegion },
          desired: 0,
        });
      }
      const revisions =
        revisionsOf.get(svc.service) ?? 3 + Math.floor(random() * 4);
      revisionsOf.set(svc.service, revisions);

      for (const site of sites) {
        const { location } = site;
        const clusterArn = arn('ecs', location, `cluster/${svc.cluster}`);
        state.clusters.set(regionalKey(location, svc.cluster), {
          name: svc.cluster,
          arn: clusterArn,
          location,
        });
        const familyKnown = state.taskDefinitions.some(
          t =>
            t.family === svc.service &&
            regionalKey(t.location, '') === regionalKey(location, ''),
        );
        if (!familyKnown) {
          for (let revision = 1; revision <= revisions; revision++) {
            state.taskDefinitions.push({
              family: svc.service,
              revision,
              arn: arn(
                'ecs',
                location,
                `task-definition/${svc.service}:${revision}`,
              ),
              location,
              image: `${location.accountId}.dkr.ecr.${svc.location.region}.amazonaws.com/${svc.service}:1.${revision}.0`,
              registeredAt: new Date(
                now.getTime() - (revisions - revision + 1) * 7 * DAY_MS,
              ),
            });
          }
        }
        const latest = arn(
          'ecs',
          location,
          `task-definition/${svc.service}:${revisions}`,
        );
        const since = new Date(now.getTime() - 7 * DAY_MS);
        state.services.set(serviceKey(location, svc.cluster, svc.service), {
          name: svc.service,
          arn: arn('ecs', location, `service/${svc.cluster}/${svc.service}`),
          clusterName: svc.cluster,
          clusterArn,
          location,
          desired: site.desired,
          deployments: [steadyDeployment(random, latest, site.desired, since)],
          events: [],
          createdAt: new Date(now.getTime() - 180 * DAY_MS),
        });
      }
    }
  }
  return state;
}
