import { ChangeBatch, ResourceRecordSet } from '@aws-sdk/client-route-53';
import { InputError } from '@backstage/errors';
import { RunbookTarget } from '../types';

/*
 * Route 53 failover records, read by what they point at, never by their position.
 *
 * AWS semantics (Route 53 Developer Guide, "Failover routing" and "Values specific for
 * failover records"): of the two records sharing a name and type, Route 53 answers with the
 * PRIMARY while its health check (or, for an alias with EvaluateTargetHealth, its target)
 * is healthy, and with the SECONDARY otherwise. "Traffic served by region R" therefore means:
 * the PRIMARY record points at R's endpoint, and the SECONDARY at the other one. Each
 * endpoint keeps its own health check: it probes that endpoint, so it moves with it.
 *
 * Swapping PRIMARY and SECONDARY blindly is not a failover: run after a previous failover it
 * moves traffic back. Here the endpoint of a region is found by the region in its target
 * (an ALB's DNS name is "<name>-<id>.<region>.elb.amazonaws.com"), the change is derived from
 * the records as they are now, and a record set that is already in the wanted state is left
 * alone.
 */

const REGION_LABEL = /(?:^|\.)([a-z]{2}(?:-gov)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d)(?:\.|$)/;

function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

/** What a record points at: the alias target's DNS name, or its values. */
export function endpointOf(record: ResourceRecordSet): string {
  if (record.AliasTarget?.DNSName) return record.AliasTarget.DNSName.toLowerCase().replace(/\.$/, '');
  return (record.ResourceRecords ?? []).map(r => r.Value ?? '').join(', ');
}

/** The AWS region an endpoint lives in, read from its DNS name; undefined when it has none. */
export function regionOfEndpoint(record: ResourceRecordSet): string | undefined {
  const names = record.AliasTarget?.DNSName
    ? [record.AliasTarget.DNSName]
    : (record.ResourceRecords ?? []).map(r => r.Value ?? '');
  for (const name of names) {
    const match = REGION_LABEL.exec(name.toLowerCase().replace(/\.$/, ''));
    if (match) return match[1];
  }
  return undefined;
}

/** The environment's failover records, each endpoint tied to the region it serves. */
export interface FailoverState {
  primary: ResourceRecordSet;
  secondary: ResourceRecordSet;
  /** The record whose target is in each region: the catalog's primary and DR regions. */
  byRegion: Record<string, ResourceRecordSet>;
  /** The region whose endpoint the PRIMARY record points at: where traffic goes. */
  servedBy: string;
}

/**
 * Reads the failover pair against the catalog: one endpoint in the environment's region, one
 * in its DR region. Anything else is refused with what was found, so nobody "fails over" on
 * records nobody understands.
 */
export function failoverState(target: RunbookTarget, records: ResourceRecordSet[]): FailoverState {
  const record = target.environment.route53Record!;
  const name = fqdn(record.recordName);
  const home = target.environment.location.region;
  const dr = target.environment.drRegion;
  const pair = records.filter(r => fqdn(r.Name ?? '') === name && r.Failover);
  const primary = pair.find(r => r.Failover === 'PRIMARY');
  const secondary = pair.find(r => r.Failover === 'SECONDARY');
  if (!primary || !secondary) {
    throw new InputError(
      `${record.recordName} has no PRIMARY/SECONDARY failover pair in hosted zone ${record.hostedZoneId} (found ${pair.map(r => r.Failover).join(', ') || 'none'})`,
    );
  }
  // The catalog may name the pair (annotation route53-set-identifiers): other records are
  // someone else's, and failing over on them would move traffic nobody asked to move.
  const declared = target.environment.dr?.setIdentifiers;
  if (declared && (primary.SetIdentifier !== declared.primary || secondary.SetIdentifier !== declared.secondary)) {
    throw new InputError(
      `The failover records of ${record.recordName} are ${primary.SetIdentifier} (PRIMARY) and ${secondary.SetIdentifier} (SECONDARY), but the catalog declares ${declared.primary} and ${declared.secondary} (annotation platform-ops.io/route53-set-identifiers). Fix the records (or the catalog) before moving traffic; nothing was changed.`,
    );
  }
  if (!dr) throw new InputError(`${target.environment.name} has no DR region in the catalog: cannot tell which endpoint is the DR one`);
  const regionOf = (r: ResourceRecordSet) => regionOfEndpoint(r);
  const found = `PRIMARY -> ${endpointOf(primary)} (${regionOf(primary) ?? 'no region in its name'}), SECONDARY -> ${endpointOf(secondary)} (${regionOf(secondary) ?? 'no region in its name'})`;
  const byRegion: Record<string, ResourceRecordSet> = {};
  for (const r of [primary, secondary]) {
    const region = regionOf(r);
    if (region) byRegion[region] = r;
  }
  if (!byRegion[home] || !byRegion[dr]) {
    throw new InputError(
      `The failover records of ${record.recordName} contradict the catalog, which says ${target.environment.name} runs in ${home} with DR in ${dr}: ${found}. Fix the records (or the catalog) before moving traffic; nothing was changed.`,
    );
  }
  return { primary, secondary, byRegion, servedBy: regionOf(primary)! };
}

/**
 * The change that makes `region` serve traffic, or why none is needed. The PRIMARY record
 * takes the endpoint (and its health check) of `region`, the SECONDARY the other one; the
 * records keep their names, types and set identifiers. UPSERT with explicit values: sent
 * twice, it leaves the same records.
 */
export function serveFrom(
  state: FailoverState,
  region: string,
  comment: string,
): { alreadyServedBy: string } | { changeBatch: ChangeBatch; description: string } {
  const wanted = state.byRegion[region];
  if (!wanted) throw new InputError(`no failover record points at an endpoint in ${region}`);
  if (state.servedBy === region) {
    return { alreadyServedBy: `traffic is already served by the ${region} endpoint ${endpointOf(wanted)} (PRIMARY record)` };
  }
  const other = wanted === state.primary ? state.secondary : state.primary;
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
    changeBatch: {
      Comment: comment,
      Changes: [
        { Action: 'UPSERT', ResourceRecordSet: { ...keep(state.primary), ...endpoint(wanted) } },
        { Action: 'UPSERT', ResourceRecordSet: { ...keep(state.secondary), ...endpoint(other) } },
      ],
    },
    description: `PRIMARY -> ${endpointOf(wanted)} (${region}), SECONDARY -> ${endpointOf(other)}`,
  };
}
