import {
  ChangeBatch,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
  RRType,
} from '@aws-sdk/client-route-53';
import { JsonObject } from '@backstage/types';
import { AwsActionStep, PreflightCheck, ReadAws, RunbookTarget, StepAws, StepCall, WaitUntilStep } from '../types';
import { check, globalControlPlane, guarded } from './common';
import { FailoverState, endpointOf, failoverState, serveFrom } from './route53Endpoints';

export const ROUTE53_CONTROL_PLANE_NOTE =
  "Route 53's control plane (the API that changes records) is in us-east-1";

export const ROUTE53_DATA_PLANE_ALTERNATIVE =
  'Data-plane alternative that does not need us-east-1: the failover records carry health checks, so Route 53 answers with the SECONDARY as soon as the PRIMARY health check fails (no API call); with Route 53 Application Recovery Controller, flip the routing control through a cluster endpoint in a healthy region.';

function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** Route 53 answers at most 300 record sets per ListResourceRecordSets page (API reference). */
export const ROUTE53_MAX_ITEMS_PER_PAGE = 300;

/** Where a ListResourceRecordSets page starts: Route 53's Next* answer of the previous page. */
export interface RecordListStart {
  StartRecordName: string;
  StartRecordType?: RRType;
  StartRecordIdentifier?: string;
}

export function listRecordsCall(
  target: RunbookTarget,
  start?: RecordListStart,
): StepCall<ListResourceRecordSetsCommand> {
  const record = target.environment.route53Record!;
  return {
    service: 'route53',
    location: globalControlPlane(target),
    command: new ListResourceRecordSetsCommand({
      HostedZoneId: record.hostedZoneId,
      ...(start ?? { StartRecordName: fqdn(record.recordName) }),
      // The query string `maxitems` (a string in the REST-XML model; the SDK v3 types it as a number).
      MaxItems: ROUTE53_MAX_ITEMS_PER_PAGE,
    }),
    plane: 'control',
    note: ROUTE53_CONTROL_PLANE_NOTE,
  };
}

/**
 * The records of the environment's name, as Route 53 has them now, over as many pages as
 * they take. Each next page starts where Route 53 said (NextRecordName/Type/Identifier ->
 * StartRecordName/Type/Identifier, the model's paginator). Route 53 lists in name order
 * (labels reversed), then type, so once the next page starts at another name, no later page
 * can hold a record of ours: reading on would page through the rest of the zone for nothing.
 */
export async function readRecords(aws: ReadAws | StepAws, target: RunbookTarget): Promise<ResourceRecordSet[]> {
  const name = fqdn(target.environment.route53Record!.recordName);
  const records: ResourceRecordSet[] = [];
  let start: RecordListStart | undefined;
  for (;;) {
    const out = await aws.send(listRecordsCall(target, start));
    records.push(...(out.ResourceRecordSets ?? []));
    if (!out.IsTruncated || !out.NextRecordName) return records;
    if (fqdn(out.NextRecordName) !== name) return records;
    start = {
      StartRecordName: out.NextRecordName,
      ...(out.NextRecordType ? { StartRecordType: out.NextRecordType } : {}),
      ...(out.NextRecordIdentifier ? { StartRecordIdentifier: out.NextRecordIdentifier } : {}),
    };
  }
}

/** The failover pair read against the catalog (throws InputError when they contradict it). */
export async function readFailoverState(aws: ReadAws | StepAws, target: RunbookTarget): Promise<FailoverState> {
  return failoverState(target, await readRecords(aws, target));
}

export function changeRecordsCall(
  target: RunbookTarget,
  changeBatch: ChangeBatch,
): StepCall<ChangeResourceRecordSetsCommand> {
  return {
    service: 'route53',
    location: globalControlPlane(target),
    command: new ChangeResourceRecordSetsCommand({
      HostedZoneId: target.environment.route53Record!.hostedZoneId,
      ChangeBatch: changeBatch,
    }),
    plane: 'control',
    note: ROUTE53_CONTROL_PLANE_NOTE,
  };
}

export function waitInSyncStep(
  target: RunbookTarget,
  id: string,
  after: string,
): WaitUntilStep {
  return {
    id,
    title: 'Wait until Route 53 has propagated the change (INSYNC)',
    kind: 'wait-until',
    dependsOn: [after],
    probe: outputs => {
      // No change was made (data-plane fallback, or already in the wanted state): nothing propagates.
      if (outputs[after]?.fallback || outputs[after]?.alreadyDone) return undefined;
      const changeInfo = outputs[after]?.ChangeInfo as JsonObject | undefined;
      return {
        service: 'route53',
        location: globalControlPlane(target),
        command: new GetChangeCommand({
          Id: (changeInfo?.Id as string | undefined) ?? `<ChangeInfo.Id from ${after}>`,
        }),
        plane: 'control',
        note: ROUTE53_CONTROL_PLANE_NOTE,
      };
    },
    until: out => {
      const status = (out as { ChangeInfo?: { Status?: string } }).ChangeInfo?.Status;
      return { done: status === 'INSYNC', detail: `change ${status ?? 'unknown'}` };
    },
    timeoutSeconds: 300,
    intervalSeconds: 10,
    controlPlaneFallback: 'the change was accepted; the health-check-driven failover records serve the DR endpoint meanwhile',
  };
}

/**
 * The step that makes `region` serve the environment's traffic (end state: the PRIMARY
 * failover record points at the endpoint in `region`). It reads the records when it runs,
 * not when the run was planned, and derives the change from them: run twice, after a partial
 * run or after a previous failover, it converges and never moves traffic back; records that
 * contradict the catalog fail the step with what was found, and nothing is changed.
 */
export function serveFromStep(
  target: RunbookTarget,
  options: {
    id: string;
    title: string;
    region: string;
    dependsOn: string[];
    /** The change as planned at start, for the dry-run; the step recomputes it. */
    planned: ChangeBatch | null;
    comment: string;
    controlPlaneFallback?: string;
  },
): AwsActionStep {
  const { id, title, region, dependsOn, planned, comment, controlPlaneFallback } = options;
  return {
    id,
    title,
    kind: 'aws-action',
    dependsOn,
    calls: [listRecordsCall(target), ...(planned ? [changeRecordsCall(target, planned)] : [])],
    alternative: ROUTE53_DATA_PLANE_ALTERNATIVE,
    ...(controlPlaneFallback ? { controlPlaneFallback } : {}),
    act: async aws => {
      const state = await readFailoverState(aws, target);
      const change = serveFrom(state, region, comment);
      if ('alreadyServedBy' in change) return { alreadyDone: change.alreadyServedBy };
      const out = await aws.send(changeRecordsCall(target, change.changeBatch));
      return {
        ChangeInfo: { Id: out.ChangeInfo?.Id ?? null, Status: out.ChangeInfo?.Status ?? null },
        change: change.description,
      };
    },
  };
}

/**
 * The region failover's and failback's Route 53 steps: `region`'s ALB serves the record
 * (serveFromStep, id `id`), then the change propagates (route53-insync).
 */
export function servedByRegionSteps(
  target: RunbookTarget,
  options: {
    id: string;
    region: string;
    dependsOn: string[];
    /** The change planned at start (a resolved run's JSON); null or absent: none planned. */
    planned: JsonObject | null | undefined;
    comment: string;
    controlPlaneFallback?: string;
  },
): [AwsActionStep, WaitUntilStep] {
  const { id, region, planned, ...rest } = options;
  return [
    serveFromStep(target, {
      id,
      title: `Route 53: ${target.environment.route53Record!.recordName} served by the ${region} ALB`,
      region,
      planned: (planned as unknown as ChangeBatch | null | undefined) ?? null,
      ...rest,
    }),
    waitInSyncStep(target, 'route53-insync', id),
  ];
}

/** The change that makes `region` serve traffic, as a run's resolved JSON; null when it already does. */
export function plannedServeFrom(state: FailoverState, region: string, comment: string): JsonObject | null {
  const change = serveFrom(state, region, comment);
  return 'changeBatch' in change ? (change.changeBatch as unknown as JsonObject) : null;
}

/** Preflight: the pair matches the catalog, and where traffic goes now. */
export async function failoverPairPreflight(
  aws: ReadAws,
  target: RunbookTarget,
  towards: string,
): Promise<{ checks: PreflightCheck[]; state?: FailoverState }> {
  const title = 'Failover records match the catalog (one endpoint in each region)';
  let state: FailoverState;
  try {
    state = await readFailoverState(aws, target);
  } catch (error) {
    return { checks: [check('failover-pair', title, false, (error as Error).message)] };
  }
  const served = endpointOf(state.byRegion[state.servedBy]);
  return {
    state,
    checks: [
      check('failover-pair', title, true, `traffic is served by ${state.servedBy} (${served})`),
      check(
        'traffic-target',
        `Traffic not already on ${towards}`,
        state.servedBy !== towards,
        state.servedBy === towards
          ? `already served by the ${towards} endpoint: the run changes nothing and says so`
          : `moves from ${state.servedBy} to ${towards}`,
        'warn',
      ),
    ],
  };
}

/** Health of the endpoint traffic will move to, from Route 53's health checkers. */

export async function healthCheckPreflight(
  aws: ReadAws,
  target: RunbookTarget,
  record: ResourceRecordSet | undefined,
  label: string,
): Promise<PreflightCheck> {
  const title = `Health check of the ${label} endpoint`;
  if (!record?.HealthCheckId) {
    return check('health-check', title, false, `the ${label} record has no health check: Route 53 cannot fail over on its own`, 'warn');
  }
  return guarded('health-check', title, async () => {
    const out = await aws.send({
      service: 'route53',
      location: globalControlPlane(target),
      command: new GetHealthCheckStatusCommand({ HealthCheckId: record.HealthCheckId }),
      plane: 'control',
      note: ROUTE53_CONTROL_PLANE_NOTE,
    });
    const observations = out.HealthCheckObservations ?? [];
    const healthy = observations.filter(o => o.StatusReport?.Status?.startsWith('Success')).length;
    return check(
      'health-check',
      title,
      observations.length > 0 && healthy * 2 > observations.length,
      `${healthy}/${observations.length} Route 53 health checkers report healthy (${record.HealthCheckId})`,
    );
  }, 'warn');
}
