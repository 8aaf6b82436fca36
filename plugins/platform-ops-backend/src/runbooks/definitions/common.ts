import { InputError } from '@backstage/errors';
import {
  AwsLocation,
  CacheResource,
  DatabaseResource,
  EcsServiceResource,
  QueueResource,
} from '@platformops/plugin-platform-ops-common';
import { PreflightCheck, RunbookTarget } from '../types';

/**
 * Route 53 and CloudFront are global services whose control planes (the APIs that change
 * records and distributions) live in us-east-1; only their data planes (DNS answers, health
 * checkers, edge locations) are spread over all regions.
 */
export const GLOBAL_CONTROL_PLANE_REGION = 'us-east-1';

export function globalControlPlane(target: RunbookTarget): AwsLocation {
  return { accountId: target.environment.location.accountId, region: GLOBAL_CONTROL_PLANE_REGION };
}

export function primaryLocation(target: RunbookTarget): AwsLocation {
  return target.resource?.location ?? target.environment.location;
}

/** The environment's DR region in its own account; a runbook needing one checks it applies. */
export function drLocation(target: RunbookTarget): AwsLocation {
  const region = target.environment.drRegion;
  if (!region) throw new InputError(`${target.environment.name} has no DR region (annotation platform-ops.io/dr-region)`);
  return { accountId: target.environment.location.accountId, region };
}

export function isEnvironmentTarget(target: RunbookTarget): boolean {
  return target.resource === undefined;
}

export function database(target: RunbookTarget): DatabaseResource | undefined {
  return target.resource?.kind === 'database' ? target.resource : undefined;
}

export function cache(target: RunbookTarget): CacheResource | undefined {
  return target.resource?.kind === 'cache' ? target.resource : undefined;
}

export function queue(target: RunbookTarget): QueueResource | undefined {
  return target.resource?.kind === 'queue' ? target.resource : undefined;
}

export function ecsService(target: RunbookTarget): EcsServiceResource | undefined {
  return target.resource?.kind === 'ecs-service' ? target.resource : undefined;
}

export function check(
  id: string,
  title: string,
  ok: boolean,
  detail: string,
  severity: 'fail' | 'warn' = 'fail',
): PreflightCheck {
  return { id, title, status: ok ? 'pass' : severity, detail };
}

/** A preflight read that AWS refused becomes a failed check, not a 500. */
export async function guarded(
  id: string,
  title: string,
  run: () => Promise<PreflightCheck>,
  severity: 'fail' | 'warn' = 'fail',
): Promise<PreflightCheck> {
  try {
    return await run();
  } catch (error) {
    return { id, title, status: severity, detail: `Could not check: ${(error as Error).message}` };
  }
}

/** SQS ARN from location and name (the inventory carries names and URLs). */
export function sqsArn(location: AwsLocation, name: string): string {
  return `arn:aws:sqs:${location.region}:${location.accountId}:${name}`;
}

/**
 * A value only known when the step runs (an ETag, a configuration read just before), shown in
 * the plan as "<where it comes from>". The contract test checks the rest of a planned input
 * against AWS's model and the value itself in the command the step sends.
 */
export function runTimeValue<T>(source: string): T {
  return `<${source}>` as unknown as T;
}
