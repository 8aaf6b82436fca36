import {
  Deployment,
  DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommandOutput,
  ListTaskDefinitionsCommandOutput,
  Service,
  TaskDefinition,
  UpdateServiceCommandOutput,
} from '@aws-sdk/client-ecs';
import {
  AwsLocation,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { ecsErrors } from '../awsErrors';
import type { TerraformSeedSource } from '../../terraform/source';
import { DrServiceModel } from '../DrServiceModel';
import { regionalKey } from '../naming';
import { id, parseInput } from '../parseInput';
import { randomId, randomMs } from '../timeline';
import { DR_DURATIONS, drawMs } from '../durations';
import {
  DeploymentState,
  EcsServiceState,
  EcsState,
  Ramp,
  seedEcs,
  serviceKey,
  TaskDefinitionState,
} from './ecsSeed';

type Out<T> = Omit<T, '$metadata'>;

const describeServicesInput = z.object({
  cluster: id.optional(),
  services: z.array(id).min(1).max(10),
});
const listTaskDefinitionsInput = z.object({
  familyPrefix: id.optional(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']).optional(),
  sort: z.enum(['ASC', 'DESC']).optional(),
  maxResults: z.number().int().min(1).max(100).optional(),
  nextToken: id.optional(),
});
const describeTaskDefinitionInput = z.object({ taskDefinition: id });
const updateServiceInput = z.object({
  cluster: id.optional(),
  service: id,
  taskDefinition: id.optional(),
  desiredCount: z.number().int().min(0).optional(),
  forceNewDeployment: z.boolean().optional(),
});

/** Tasks running at `now` on a ramp. */
function running(ramp: Ramp, now: number): number {
  if (now <= ramp.startAt) return ramp.from;
  if (now >= ramp.endAt) return ramp.to;
  const share = (now - ramp.startAt) / (ramp.endAt - ramp.startAt);
  return Math.round(ramp.from + (ramp.to - ramp.from) * share);
}

/** Last path segment of an ARN or a bare name ("arn:...:service/c/s" -> "s"). */
function nameOf(value: string): string {
  return value.startsWith('arn:') ? value.split('/').pop() ?? value : value;
}

/**
 * ECS: services with task definition revisions and deployments. UpdateService with a new task
 * definition (or forceNewDeployment) starts a deployment whose tasks come up over 1-2 minutes
 * while the old ones drain, and whose rollout completes after 2-3 minutes; a desiredCount
 * change alone scales the current deployment, as ECS does.
 */
export class EcsModel extends DrServiceModel {
  readonly service = 'ecs' as const;
  private readonly state: EcsState;

  /** Takes in the clusters and services of an environment added to the running world. */
  absorb(added: EcsModel): void {
    for (const [k, v] of added.state.clusters) if (!this.state.clusters.has(k)) this.state.clusters.set(k, v);
    for (const [k, v] of added.state.services) if (!this.state.services.has(k)) this.state.services.set(k, v);
    this.state.taskDefinitions.push(...added.state.taskDefinitions);
  }
  private readonly random: () => number;

  protected readonly handlers = {
    DescribeServices: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.describeServices(i, l, n),
    ListTaskDefinitions: (i: Record<string, unknown>, l: AwsLocation) =>
      this.listTaskDefinitions(i, l),
    DescribeTaskDefinition: (i: Record<string, unknown>, l: AwsLocation) =>
      this.describeTaskDefinition(i, l),
    UpdateService: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.updateService(i, l, n),
  };

  constructor(options: {
    inventory: Inventory;
    random: () => number;
    now: Date;
    terraform?: TerraformSeedSource;
    /** The environments have been live a while: their services were deployed since the apply. */
    deploymentHistory?: boolean;
  }) {
    super();
    this.random = options.random;
    this.state = seedEcs(options.inventory, options.random, options.now, options.terraform, options.deploymentHistory);
  }

  private describeServices(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<DescribeServicesCommandOutput> {
    const args = parseInput(
      describeServicesInput,
      input,
      ecsErrors.invalidParameter,
    );
    const cluster = this.cluster(args.cluster, location);
    const found: Service[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const requested of args.services) {
      const svc = this.state.services.get(
        serviceKey(location, cluster.name, nameOf(requested)),
      );
      if (svc) found.push(toService(svc, now.getTime()));
      else {
        failures.push({
          arn: requested.startsWith('arn:')
            ? requested
            : `arn:aws:ecs:${location.region}:${location.accountId}:service/${cluster.name}/${requested}`,
          reason: 'MISSING',
        });
      }
    }
    return { services: found, failures };
  }

  private listTaskDefinitions(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<ListTaskDefinitionsCommandOutput> {
    const args = parseInput(
      listTaskDefinitionsInput,
      input,
      ecsErrors.invalidParameter,
    );
    // Every simulated revision stays ACTIVE (nobody deregisters them here).
    const matching =
      args.status && args.status !== 'ACTIVE'
        ? []
        : this.taskDefinitionsIn(location)
            .filter(
              t => !args.familyPrefix || t.family.startsWith(args.familyPrefix),
            )
            .sort(
              (a, b) =>
                a.family.localeCompare(b.family) || a.revision - b.revision,
            );
    if (args.sort === 'DESC') matching.reverse();
    const start = args.nextToken ? Number(args.nextToken) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw ecsErrors.invalidParameter('Invalid nextToken.');
    }
    const max = args.maxResults ?? 100;
    const page = matching.slice(start, start + max);
    return {
      taskDefinitionArns: page.map(t => t.arn),
      ...(start + max < matching.length
        ? { nextToken: String(start + max) }
        : {}),
    };
  }

  private describeTaskDefinition(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<DescribeTaskDefinitionCommandOutput> {
    const args = parseInput(
      describeTaskDefinitionInput,
      input,
      ecsErrors.invalidParameter,
    );
    const td = this.taskDefinition(args.taskDefinition, location);
    if (!td) throw ecsErrors.client('Unable to describe task definition.');
    return { taskDefinition: toTaskDefinition(td), tags: [] };
  }

  private updateService(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<UpdateServiceCommandOutput> {
    const args = parseInput(
      updateServiceInput,
      input,
      ecsErrors.invalidParameter,
    );
    const cluster = this.cluster(args.cluster, location);
    const svc = this.state.services.get(
      serviceKey(location, cluster.name, nameOf(args.service)),
    );
    if (!svc) throw ecsErrors.serviceNotFound();
    const td = args.taskDefinition
      ? this.taskDefinition(args.taskDefinition, location)
      : undefined;
    if (args.taskDefinition && !td) {
      throw ecsErrors.invalidParameter('TaskDefinition not found.');
    }

    const t = now.getTime();
    const desired = args.desiredCount ?? svc.desired;
    const primary = svc.deployments[0];
    const changesTaskDefinition =
      td !== undefined && td.arn !== primary.taskDefinitionArn;

    if (changesTaskDefinition || args.forceNewDeployment) {
      const tasksUpAt = t + randomMs(this.random, 60, 120);
      const completeAt = Math.max(
        t + randomMs(this.random, 120, 180),
        tasksUpAt + 15000,
      );
      const deployment: DeploymentState = {
        id: `ecs-svc/${randomId(this.random, 19, '0123456789')}`,
        taskDefinitionArn: td?.arn ?? primary.taskDefinitionArn,
        desired,
        ramp: { from: 0, to: desired, startAt: t + 10000, endAt: tasksUpAt },
        status: 'PRIMARY',
        rolloutState: 'IN_PROGRESS',
        rolloutStateReason: 'ECS deployment ecs-svc in progress.',
        createdAt: now,
        updatedAt: now,
      };
      for (const old of svc.deployments) {
        old.status = 'ACTIVE';
        old.desired = 0;
        // Old tasks drain as the new ones pass their health checks (minimumHealthyPercent 100).
        old.ramp = {
          from: running(old.ramp, t),
          to: 0,
          startAt: t + 20000,
          endAt: tasksUpAt + 15000,
        };
        old.updatedAt = now;
      }
      svc.deployments.unshift(deployment);
      this.timeline.schedule(completeAt, () => {
        if (svc.deployments[0] !== deployment) return; // superseded by a later deployment
        svc.deployments = [deployment];
        deployment.rolloutState = 'COMPLETED';
        deployment.rolloutStateReason = 'ECS deployment completed.';
        deployment.updatedAt = new Date(completeAt);
        this.event(
          svc,
          completeAt,
          `(service ${svc.name}) (deployment ${deployment.id}) deployment completed.`,
        );
        this.event(
          svc,
          completeAt,
          `(service ${svc.name}) has reached a steady state.`,
        );
      });
    } else if (args.desiredCount !== undefined) {
      primary.desired = desired;
      primary.ramp = {
        from: running(primary.ramp, t),
        to: desired,
        startAt: t + 5000,
        endAt: t + drawMs(this.random, DR_DURATIONS.ecsTasksFromPilotLight),
      };
      primary.updatedAt = now;
    }
    svc.desired = desired;
    return { service: toService(svc, t) };
  }

  private event(svc: EcsServiceState, at: number, message: string) {
    svc.events.unshift({
      id: randomId(this.random, 8).toLowerCase(),
      createdAt: new Date(at),
      message,
    });
    svc.events.splice(100);
  }

  private cluster(value: string | undefined, location: AwsLocation) {
    const name = nameOf(value ?? 'default');
    const cluster = this.state.clusters.get(regionalKey(location, name));
    if (!cluster) throw ecsErrors.clusterNotFound();
    return cluster;
  }

  private taskDefinitionsIn(location: AwsLocation): TaskDefinitionState[] {
    return this.state.taskDefinitions.filter(
      t =>
        t.location.accountId === location.accountId &&
        t.location.region === location.region,
    );
  }

  /** "family" (latest revision), "family:revision" or the full ARN, in `location`. */
  private taskDefinition(value: string, location: AwsLocation) {
    const [family, revision] = nameOf(value).split(':');
    const revisions = this.taskDefinitionsIn(location).filter(
      t => t.family === family,
    );
    if (revision === undefined) {
      return revisions.sort((a, b) => b.revision - a.revision)[0];
    }
    return revisions.find(t => String(t.revision) === revision);
  }
}

function toDeployment(d: DeploymentState, t: number): Deployment {
  const run = running(d.ramp, t);
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: d.desired,
    runningCount: run,
    pendingCount: Math.max(0, d.desired - run),
    failedTasks: 0,
    launchType: 'FARGATE',
    platformVersion: '1.4.0',
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

function toService(svc: EcsServiceState, t: number): Service {
  const deployments = svc.deployments.map(d => toDeployment(d, t));
  return {
    serviceArn: svc.arn,
    serviceName: svc.name,
    clusterArn: svc.clusterArn,
    status: 'ACTIVE',
    desiredCount: svc.desired,
    runningCount: deployments.reduce(
      (sum, d) => sum + (d.runningCount ?? 0),
      0,
    ),
    pendingCount: deployments.reduce(
      (sum, d) => sum + (d.pendingCount ?? 0),
      0,
    ),
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    taskDefinition: svc.deployments[0].taskDefinitionArn,
    deploymentConfiguration: {
      maximumPercent: 200,
      minimumHealthyPercent: 100,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    },
    deployments,
    events: svc.events.map(e => ({ ...e })),
    createdAt: svc.createdAt,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
  };
}

function toTaskDefinition(td: TaskDefinitionState): TaskDefinition {
  return {
    taskDefinitionArn: td.arn,
    family: td.family,
    revision: td.revision,
    status: 'ACTIVE',
    containerDefinitions: [
      {
        name: td.family,
        image: td.image,
        essential: true,
        portMappings: [
          { containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
        ],
        healthCheck: {
          command: [
            'CMD-SHELL',
            'curl -f http://localhost:8080/health || exit 1',
          ],
          interval: 30,
          timeout: 5,
          retries: 3,
        },
      },
    ],
    cpu: '1024',
    memory: '2048',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    compatibilities: ['EC2', 'FARGATE'],
    registeredAt: td.registeredAt,
  };
}
