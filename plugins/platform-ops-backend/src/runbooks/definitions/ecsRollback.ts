import {
  DescribeServicesCommand,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { InputError } from '@backstage/errors';
import { EcsServiceResource } from '@platformops/plugin-platform-ops-common';
import { HttpCheckStep, ReadAws, RunbookDefinition, RunbookStep, StepCall } from '../types';
import { check, ecsService, guarded } from './common';

function describeCall(svc: EcsServiceResource): StepCall<DescribeServicesCommand> {
  return {
    service: 'ecs',
    location: svc.location,
    command: new DescribeServicesCommand({ cluster: svc.cluster, services: [svc.service] }),
    plane: 'control',
  };
}

/** ".../task-definition/video-api:5" -> { family: video-api, revision: 5 } */
export function parseTaskDefinition(arn: string): { family: string; revision: number } {
  const match = /task-definition\/([^:]+):(\d+)$/.exec(arn);
  if (!match) throw new InputError(`Cannot read family and revision from task definition ${arn}`);
  return { family: match[1], revision: Number(match[2]) };
}

/** Safety stop for a family that never ends paging (a misbehaving endpoint). */
const MAX_PAGES = 100;

/**
 * Every ACTIVE revision of a task definition family, across all pages.
 *
 * AWS (ECS API Reference, ListTaskDefinitions): results come in pages of at most
 * `maxResults` (1-100) with a `nextToken` while more remain; `familyPrefix` is the full family
 * name; by default only ACTIVE task definitions are listed, and the status must stay the same
 * on every page. `sort` orders by family then revision, but nothing here relies on it: an
 * emulator may ignore it, and one page may not reach the revision we need (more than a page
 * of failed deploys registered after the running revision). So every page is read and the
 * order is computed here.
 */
export async function listFamilyRevisions(
  aws: ReadAws,
  svc: EcsServiceResource,
  family: string,
): Promise<Array<{ arn: string; revision: number }>> {
  const revisions: Array<{ arn: string; revision: number }> = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const out = await aws.send({
      service: 'ecs',
      location: svc.location,
      command: new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', maxResults: 100, ...(nextToken ? { nextToken } : {}) }),
      plane: 'control',
    });
    for (const arn of out.taskDefinitionArns ?? []) {
      const parsed = parseTaskDefinition(arn);
      // familyPrefix is documented as the full family name; still, never mix families.
      if (parsed.family === family) revisions.push({ arn, revision: parsed.revision });
    }
    nextToken = out.nextToken;
    if (!nextToken) return revisions;
  }
  throw new Error(`ListTaskDefinitions for ${family} returned more than ${MAX_PAGES} pages; giving up`);
}

/**
 * End state of the rollback: the service on the highest ACTIVE revision below the one it
 * runs, computed here from every page.
 */
export function highestBelow(
  revisions: Array<{ arn: string; revision: number }>,
  current: number,
): string | undefined {
  let best: { arn: string; revision: number } | undefined;
  for (const r of revisions) {
    if (r.revision < current && (!best || r.revision > best.revision)) best = r;
  }
  return best?.arn;
}

async function findPrevious(
  aws: ReadAws,
  svc: EcsServiceResource,
): Promise<{ current: string; previous?: string }> {
  const service = (await aws.send(describeCall(svc))).services?.[0];
  if (!service?.taskDefinition) {
    throw new InputError(`ECS service ${svc.cluster}/${svc.service} was not found in ${svc.location.region}`);
  }
  const current = parseTaskDefinition(service.taskDefinition);
  const revisions = await listFamilyRevisions(aws, svc, current.family);
  return { current: service.taskDefinition, previous: highestBelow(revisions, current.revision) };
}

/** Seed 003's /health and /health/detailed of a health URL ending in /health. */
export function healthUrls(healthUrl: string): string[] {
  const base = healthUrl.replace(/\/health\/?$/, '');
  return [`${base}/health`, `${base}/health/detailed`];
}

export function healthStep(svc: EcsServiceResource, id: string, dependsOn: string[], location = svc.location): HttpCheckStep | undefined {
  if (!svc.healthUrl) return undefined;
  return {
    id,
    title: `Check ${svc.service} /health and /health/detailed`,
    kind: 'http-check',
    dependsOn,
    urls: healthUrls(svc.healthUrl),
    simulatedFrom: { location, cluster: svc.cluster, service: svc.service },
  };
}

/**
 * ECS rollback (seed 003): UpdateService to the previous task definition revision with a
 * forced new deployment, wait for the deployment to settle, check /health. The previous
 * revision is read at start and stored, so a resumed run rolls back to the same one; the
 * update is skipped when the service already runs it.
 */
export const ecsRollbackRunbook: RunbookDefinition = {
  id: 'ecs-rollback',
  title: 'ECS rollback to the previous task definition',
  description:
    'Points the ECS service at the previous task definition revision, forces a new deployment and waits until it is stable and healthy.',
  rtoTargetMinutes: 15,
  appliesTo: target => Boolean(ecsService(target)),

  async preflight(target, aws) {
    const svc = ecsService(target)!;
    return [
      await guarded('previous-task-definition', 'A previous task definition revision exists', async () => {
        const { current, previous } = await findPrevious(aws, svc);
        return check(
          'previous-task-definition',
          'A previous task definition revision exists',
          Boolean(previous),
          previous ? `current ${current}, rollback to ${previous}` : `no ACTIVE revision of the family is lower than the running ${current}`,
        );
      }),
    ];
  },

  async resolve(target, aws) {
    const svc = ecsService(target)!;
    const { current, previous } = await findPrevious(aws, svc);
    if (!previous) throw new InputError(`${svc.cluster}/${svc.service} has no task definition revision before ${current}`);
    return { current, previous };
  },

  steps(target, resolved): RunbookStep[] {
    const svc = ecsService(target)!;
    const previous = resolved.previous as string;
    const health = healthStep(svc, 'health', ['wait-stable']);
    return [
      {
        id: 'rollback',
        title: `Update ${svc.service} to ${previous.split('/').pop()} and force a new deployment`,
        kind: 'aws-action',
        dependsOn: [],
        calls: [
          {
            service: 'ecs',
            location: svc.location,
            command: new UpdateServiceCommand({
              cluster: svc.cluster,
              service: svc.service,
              taskDefinition: previous,
              forceNewDeployment: true,
            }),
            plane: 'control',
          },
        ],
        alreadyDone: async aws => {
          const service = (await aws.send(describeCall(svc))).services?.[0];
          return service?.taskDefinition === previous ? `the service already runs ${previous}` : undefined;
        },
      },
      {
        id: 'wait-stable',
        title: 'Wait until the deployment is complete',
        kind: 'wait-until',
        dependsOn: ['rollback'],
        probe: () => describeCall(svc),
        until: out => {
          const s = (out as { services?: Array<{ taskDefinition?: string; runningCount?: number; desiredCount?: number; deployments?: unknown[] }> }).services?.[0];
          const done = s?.taskDefinition === previous && (s.deployments?.length ?? 0) <= 1 && (s.runningCount ?? 0) >= (s.desiredCount ?? 1);
          return { done, detail: `${s?.runningCount ?? 0}/${s?.desiredCount ?? 0} running, ${s?.deployments?.length ?? 0} deployment(s), on ${s?.taskDefinition?.split('/').pop()}` };
        },
        timeoutSeconds: 20 * 60,
        intervalSeconds: 15,
      },
      ...(health ? [health] : []),
    ];
  },
};
