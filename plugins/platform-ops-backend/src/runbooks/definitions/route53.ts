import {
  ChangeBatch,
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { JsonObject } from '@backstage/types';
import { PreflightCheck, ReadAws, RunbookTarget, StepCall, WaitUntilStep } from '../types';
import { check, globalControlPlane, guarded } from './common';

export const ROUTE53_CONTROL_PLANE_NOTE =
  "Route 53's control plane (the API that changes records) is in us-east-1";

export const ROUTE53_DATA_PLANE_ALTERNATIVE =
  'Data-plane alternative that does not need us-east-1: the failover records carry health checks, so Route 53 answers with the SECONDARY as soon as the PRIMARY health check fails (no API call); with Route 53 Application Recovery Controller, flip the routing control through a cluster endpoint in a healthy region.';

function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

export function listRecordsCall(target: RunbookTarget): StepCall<ListResourceRecordSetsCommand> {
  const record = target.environment.route53Record!;
  return {
    service: 'route53',
    location: globalControlPlane(target),
    command: new ListResourceRecordSetsCommand({
      HostedZoneId: record.hostedZoneId,
      StartRecordName: fqdn(record.recordName),
      MaxItems: 10,
    }),
    plane: 'control',
    note: ROUTE53_CONTROL_PLANE_NOTE,
  };
}

export async function readFailoverPair(
  aws: ReadAws,
  target: RunbookTarget,
): Promise<{ primary?: ResourceRecordSet; secondary?: ResourceRecordSet }> {
  const name = fqdn(target.environment.route53Record!.recordName);
  const out = await aws.send(listRecordsCall(target));
  const records = (out.ResourceRecordSets ?? []).filter(r => fqdn(r.Name ?? '') === name);
  return {
    primary: records.find(r => r.Failover === 'PRIMARY'),
    secondary: records.find(r => r.Failover === 'SECONDARY'),
  };
}

/**
 * Swaps what the PRIMARY and SECONDARY failover records point at (alias target or values,
 * with the health check that probes that endpoint), so traffic goes to the former
 * secondary. UPSERT with explicit values: sending it twice leaves the same records, so the
 * step is idempotent.
 */
export function swapChangeBatch(
  primary: ResourceRecordSet,
  secondary: ResourceRecordSet,
  comment: string,
): ChangeBatch {
  const endpoint = (r: ResourceRecordSet) => ({
    ...(r.AliasTarget ? { AliasTarget: r.AliasTarget } : {}),
    ...(r.ResourceRecords ? { ResourceRecords: r.ResourceRecords, TTL: r.TTL } : {}),
    ...(r.HealthCheckId ? { HealthCheckId: r.HealthCheckId } : {}),
  });
  const keep = (r: ResourceRecordSet) => ({
    Name: r.Name,
    Type: r.Type,
    SetIdentifier: r.SetIdentifier,
    Failover: r.Failover,
  });
  return {
    Comment: comment,
    Changes: [
      { Action: 'UPSERT', ResourceRecordSet: { ...keep(primary), ...endpoint(secondary) } },
      { Action: 'UPSERT', ResourceRecordSet: { ...keep(secondary), ...endpoint(primary) } },
    ],
  };
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
      if (outputs[after]?.fallback) return undefined; // no change was made: nothing propagates
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
