import {
  ChangeResourceRecordSetsCommandOutput,
  GetChangeCommandOutput,
  GetHealthCheckCommandOutput,
  GetHealthCheckStatusCommandOutput,
  HealthCheckRegion,
  ListHostedZonesCommandOutput,
  ListResourceRecordSetsCommandOutput,
} from '@aws-sdk/client-route-53';
import {
  AwsLocation,
  Inventory,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { route53Errors } from '../awsErrors';
import type { TerraformSeedSource } from '../../terraform/source';
import { DrServiceModel } from '../DrServiceModel';
import { globalKey } from '../naming';
import { id, parseInput } from '../parseInput';
import { randomId } from '../timeline';
import { DR_DURATIONS, drawMs, healthCheckConfigFor } from '../durations';
import { applyChangeBatch, changeResourceRecordSetsInput } from './changeBatch';
import {
  fqdn,
  HostedZoneState,
  Route53State,
  seedRoute53,
} from './route53Seed';

type Out<T> = Omit<T, '$metadata'>;

/** Route 53's record types (RRType in the API reference). */
const RR_TYPES = ['SOA', 'A', 'TXT', 'NS', 'CNAME', 'MX', 'NAPTR', 'PTR', 'SRV', 'SPF', 'AAAA', 'CAA', 'DS', 'TLSA', 'SSHFP', 'SVCB', 'HTTPS'] as const;

/**
 * ListResourceRecordSets as the API reference describes it: a type without a name is
 * InvalidInput, pages hold at most 300 record sets. An identifier only makes sense after a
 * name and type (it continues a truncated page inside one name and type), so one without
 * them is refused too.
 */
const listRecordsInput = z
  .object({
    HostedZoneId: id,
    StartRecordName: id.optional(),
    StartRecordType: z.enum(RR_TYPES).optional(),
    StartRecordIdentifier: id.max(128).optional(),
    MaxItems: z.coerce.number().int().min(1).max(300).optional(),
  })
  .refine(i => !i.StartRecordType || i.StartRecordName, {
    message: 'The input is not valid: StartRecordType requires StartRecordName',
    path: ['StartRecordType'],
  })
  .refine(i => !i.StartRecordIdentifier || (i.StartRecordName && i.StartRecordType), {
    message: 'The input is not valid: StartRecordIdentifier requires StartRecordName and StartRecordType',
    path: ['StartRecordIdentifier'],
  });
const getChangeInput = z.object({ Id: id });
const healthCheckInput = z.object({ HealthCheckId: id });

/** Where Route 53's health checkers probe from (a subset of AWS's checker regions). */
const CHECKER_REGIONS: HealthCheckRegion[] = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-northeast-1',
  'sa-east-1',
];

interface ChangeState {
  id: string;
  accountId: string;
  status: 'PENDING' | 'INSYNC';
  submittedAt: Date;
  comment?: string;
}

export interface Route53ModelOptions {
  inventory: Inventory;
  random: () => number;
  isRegionDown?: (region: string) => boolean;
  terraform?: TerraformSeedSource;
}

/** The SDK and the console write ids as "/hostedzone/Z123" or "Z123": accept both. */
function bareId(value: string): string {
  return value.replace(/^\/?(hostedzone|change|healthcheck)\//, '');
}

/** Orders records as Route 53 lists them: by name with labels reversed, then type, then set id. */
function listingKey(r: {
  Name?: string;
  Type?: string;
  SetIdentifier?: string;
}): string {
  // AWS sorts "com.example.www." with its trailing dot: "www-a" (a "-", 45) comes before
  // "www" ("." is 46), which a key without the dot would get the other way round.
  const reversed = `${fqdn(r.Name ?? '')
    .split('.')
    .filter(Boolean)
    .reverse()
    .join('.')}.`;
  return `${reversed}\u0000${r.Type ?? ''}\u0000${r.SetIdentifier ?? ''}`;
}

/** Orders strings by code unit, as the < and > operators do (not by locale). */
function compareKeys(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * Route 53 (global): hosted zones with the environments' failover records, atomic change
 * batches that propagate (PENDING -> INSYNC in about a minute), and health checks whose
 * checkers see the probed region's outage.
 */
export class Route53Model extends DrServiceModel {
  readonly service = 'route53' as const;
  private readonly state: Route53State;

  /** Takes in the records of an environment added to the running world (a shared zone gains them). */
  absorb(added: Route53Model): void {
    for (const [key, zone] of added.state.zones) {
      const existing = this.state.zones.get(key);
      if (existing) existing.records.push(...zone.records);
      else this.state.zones.set(key, zone);
    }
    for (const [k, v] of added.state.healthChecks) if (!this.state.healthChecks.has(k)) this.state.healthChecks.set(k, v);
  }
  private readonly changes = new Map<string, ChangeState>();
  private readonly random: () => number;
  private readonly isRegionDown: (region: string) => boolean;

  protected readonly handlers = {
    ListHostedZones: (_i: Record<string, unknown>, l: AwsLocation) =>
      this.listZones(l),
    ListResourceRecordSets: (i: Record<string, unknown>, l: AwsLocation) =>
      this.listRecords(i, l),
    ChangeResourceRecordSets: (
      i: Record<string, unknown>,
      l: AwsLocation,
      n: Date,
    ) => this.changeRecords(i, l, n),
    GetChange: (i: Record<string, unknown>, l: AwsLocation) =>
      this.getChange(i, l),
    GetHealthCheck: (i: Record<string, unknown>, l: AwsLocation) =>
      this.getHealthCheck(i, l),
    GetHealthCheckStatus: (
      i: Record<string, unknown>,
      l: AwsLocation,
      n: Date,
    ) => this.getHealthCheckStatus(i, l, n),
  };

  constructor(options: Route53ModelOptions) {
    super();
    this.random = options.random;
    this.isRegionDown = options.isRegionDown ?? (() => false);
    this.state = seedRoute53(options.inventory, options.random, options.terraform);
  }

  private listZones(location: AwsLocation): Out<ListHostedZonesCommandOutput> {
    const zones = [...this.state.zones.values()].filter(
      zone => zone.accountId === location.accountId,
    );
    return {
      HostedZones: zones.map(zone => ({
        Id: `/hostedzone/${zone.id}`,
        Name: zone.name,
        CallerReference: zone.callerReference,
        Config: { PrivateZone: false },
        ResourceRecordSetCount: zone.records.length,
      })),
      IsTruncated: false,
      MaxItems: 100,
      Marker: undefined,
    };
  }

  private listRecords(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<ListResourceRecordSetsCommandOutput> {
    const args = parseInput(
      listRecordsInput,
      input,
      route53Errors.invalidInput,
    );
    const zone = this.zone(args.HostedZoneId, location);
    const maxItems = args.MaxItems ?? 300;
    const sorted = [...zone.records].sort((a, b) =>
      compareKeys(listingKey(a), listingKey(b)),
    );
    const start = args.StartRecordName
      ? listingKey({
          Name: args.StartRecordName,
          Type: args.StartRecordType,
          SetIdentifier: args.StartRecordIdentifier,
        })
      : '';
    const from = sorted.filter(r => listingKey(r) >= start);
    const page = from.slice(0, maxItems);
    const next = from[maxItems];
    return {
      ResourceRecordSets: page.map(r => structuredClone(r)),
      IsTruncated: next !== undefined,
      MaxItems: maxItems,
      ...(next
        ? {
            NextRecordName: next.Name,
            NextRecordType: next.Type,
            ...(next.SetIdentifier
              ? { NextRecordIdentifier: next.SetIdentifier }
              : {}),
          }
        : {}),
    };
  }

  private changeRecords(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<ChangeResourceRecordSetsCommandOutput> {
    const args = parseInput(
      changeResourceRecordSetsInput,
      input,
      route53Errors.invalidInput,
    );
    const zone = this.zone(args.HostedZoneId, location);
    zone.records = applyChangeBatch(zone, args.ChangeBatch, hc =>
      this.state.healthChecks.has(globalKey(zone.accountId, hc)),
    );
    const change: ChangeState = {
      id: `C${randomId(this.random, 20)}`,
      accountId: zone.accountId,
      status: 'PENDING',
      submittedAt: now,
      comment: args.ChangeBatch.Comment,
    };
    this.changes.set(globalKey(change.accountId, change.id), change);
    // AWS: changes generally reach all authoritative servers within 60 seconds.
    this.timeline.schedule(
      now.getTime() + drawMs(this.random, DR_DURATIONS.route53Propagation),
      () => {
        change.status = 'INSYNC';
      },
    );
    return { ChangeInfo: toChangeInfo(change) };
  }

  private getChange(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<GetChangeCommandOutput> {
    const changeId = bareId(
      parseInput(getChangeInput, input, route53Errors.invalidInput).Id,
    );
    const change = this.changes.get(globalKey(location.accountId, changeId));
    if (!change) throw route53Errors.noSuchChange(changeId);
    return { ChangeInfo: toChangeInfo(change) };
  }

  private getHealthCheck(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<GetHealthCheckCommandOutput> {
    const check = this.healthCheck(input, location);
    return {
      HealthCheck: {
        Id: check.id,
        CallerReference: check.callerReference,
        HealthCheckConfig: {
          Type: 'HTTPS',
          FullyQualifiedDomainName: check.fqdn,
          ResourcePath: '/health',
          Port: 443,
          RequestInterval: healthCheckConfigFor(check.id).requestInterval,
          FailureThreshold: healthCheckConfigFor(check.id).failureThreshold,
        },
        HealthCheckVersion: 1,
      },
    };
  }

  private getHealthCheckStatus(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<GetHealthCheckStatusCommandOutput> {
    const check = this.healthCheck(input, location);
    const down = this.isRegionDown(check.targetRegion);
    return {
      HealthCheckObservations: CHECKER_REGIONS.map((region, index) => ({
        Region: region,
        IPAddress: `15.177.${index * 8 + 2}.${(index * 37) % 250}`,
        StatusReport: {
          Status: down
            ? 'Failure: Connection timed out. The endpoint or the internet connection is down, or requests are being blocked by your firewall.'
            : 'Success: HTTP Status Code 200, OK',
          // Checkers probe every 30 s, each on its own offset.
          CheckedTime: new Date(now.getTime() - ((index * 4000) % 30000)),
        },
      })),
    };
  }

  private healthCheck(input: Record<string, unknown>, location: AwsLocation) {
    const checkId = bareId(
      parseInput(healthCheckInput, input, route53Errors.invalidInput)
        .HealthCheckId,
    );
    const check = this.state.healthChecks.get(
      globalKey(location.accountId, checkId),
    );
    if (!check) throw route53Errors.noSuchHealthCheck(checkId);
    return check;
  }

  /** Route 53 is global: a zone is found by the account, whatever the client's region. */
  private zone(hostedZoneId: string, location: AwsLocation): HostedZoneState {
    const zoneId = bareId(hostedZoneId);
    const zone = this.state.zones.get(globalKey(location.accountId, zoneId));
    if (!zone) throw route53Errors.noSuchHostedZone(zoneId);
    return zone;
  }
}

function toChangeInfo(change: ChangeState) {
  return {
    Id: `/change/${change.id}`,
    Status: change.status,
    SubmittedAt: change.submittedAt,
    ...(change.comment !== undefined ? { Comment: change.comment } : {}),
  };
}
