import { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { z } from 'zod';
import { route53Errors } from '../awsErrors';
import { id } from '../parseInput';
import { fqdn, HostedZoneState } from './route53Seed';

const recordSetSchema = z.object({
  Name: id,
  Type: z.enum([
    'A',
    'AAAA',
    'CAA',
    'CNAME',
    'DS',
    'MX',
    'NAPTR',
    'NS',
    'PTR',
    'SOA',
    'SPF',
    'SRV',
    'TXT',
  ]),
  SetIdentifier: id.optional(),
  Failover: z.enum(['PRIMARY', 'SECONDARY']).optional(),
  TTL: z.number().int().min(0).max(2147483647).optional(),
  ResourceRecords: z
    .array(z.object({ Value: id }))
    .min(1)
    .optional(),
  AliasTarget: z
    .object({
      HostedZoneId: id,
      DNSName: id,
      EvaluateTargetHealth: z.boolean(),
    })
    .optional(),
  HealthCheckId: id.optional(),
});

export const changeResourceRecordSetsInput = z.object({
  HostedZoneId: id,
  ChangeBatch: z.object({
    Comment: z.string().max(256).optional(),
    Changes: z
      .array(
        z.object({
          Action: z.enum(['CREATE', 'DELETE', 'UPSERT']),
          ResourceRecordSet: recordSetSchema,
        }),
      )
      .min(1, 'must contain at least one change'),
  }),
});

export type ChangeBatchInput = z.infer<typeof changeResourceRecordSetsInput>;

function describe(r: ResourceRecordSet): string {
  const setId = r.SetIdentifier ? `, set-identifier='${r.SetIdentifier}'` : '';
  return `[name='${fqdn(r.Name ?? '')}', type='${r.Type}'${setId}]`;
}

function sameRecord(a: ResourceRecordSet, b: ResourceRecordSet): boolean {
  return (
    fqdn(a.Name ?? '') === fqdn(b.Name ?? '') &&
    a.Type === b.Type &&
    (a.SetIdentifier ?? '') === (b.SetIdentifier ?? '')
  );
}

/** Stored form: names fully qualified, fields in the order AWS returns them. */
function normalise(r: ResourceRecordSet): ResourceRecordSet {
  return {
    Name: fqdn(r.Name ?? ''),
    Type: r.Type,
    ...(r.SetIdentifier !== undefined
      ? { SetIdentifier: r.SetIdentifier }
      : {}),
    ...(r.Failover !== undefined ? { Failover: r.Failover } : {}),
    ...(r.TTL !== undefined ? { TTL: r.TTL } : {}),
    ...(r.ResourceRecords
      ? { ResourceRecords: r.ResourceRecords.map(v => ({ Value: v.Value })) }
      : {}),
    ...(r.AliasTarget
      ? {
          AliasTarget: {
            HostedZoneId: r.AliasTarget.HostedZoneId,
            DNSName: fqdn(r.AliasTarget.DNSName ?? ''),
            EvaluateTargetHealth: r.AliasTarget.EvaluateTargetHealth,
          },
        }
      : {}),
    ...(r.HealthCheckId !== undefined
      ? { HealthCheckId: r.HealthCheckId }
      : {}),
  };
}

/**
 * Applies a change batch to a copy of the zone's records, the way Route 53 does: all changes
 * or none. Shape errors are InvalidInput; conflicts with the zone's content are
 * InvalidChangeBatch listing every problem. Returns the zone's records after the batch.
 */
export function applyChangeBatch(
  zone: HostedZoneState,
  batch: ChangeBatchInput['ChangeBatch'],
  healthCheckExists: (id: string) => boolean,
): ResourceRecordSet[] {
  const problems: string[] = [];
  let records = zone.records.map(r => ({ ...r }));

  for (const change of batch.Changes) {
    const input = change.ResourceRecordSet;
    const where = `Change with [Action=${change.Action}, Name=${
      input.Name
    }, Type=${input.Type}${
      input.SetIdentifier ? `, SetIdentifier=${input.SetIdentifier}` : ''
    }]`;
    const isAlias =
      input.AliasTarget !== undefined &&
      !input.ResourceRecords &&
      input.TTL === undefined;
    const isPlain =
      input.AliasTarget === undefined &&
      !!input.ResourceRecords &&
      input.TTL !== undefined;
    if (!isAlias && !isPlain) {
      throw route53Errors.invalidInput(
        `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords]] in ${where}`,
      );
    }
    if (input.Failover && !input.SetIdentifier) {
      throw route53Errors.invalidInput(
        `Invalid request: Missing field 'SetIdentifier' in ${where}`,
      );
    }
    const record = normalise(input);
    const name = record.Name!;
    if (name !== zone.name && !name.endsWith(`.${zone.name}`)) {
      problems.push(
        `RRSet with DNS name ${name} is not permitted in zone ${zone.name}`,
      );
      continue;
    }
    if (record.HealthCheckId && !healthCheckExists(record.HealthCheckId)) {
      problems.push(
        `The health check with id ${record.HealthCheckId} does not exist`,
      );
      continue;
    }
    const existing = records.find(r => sameRecord(r, record));
    if (change.Action === 'CREATE' && existing) {
      problems.push(
        `Tried to create resource record set ${describe(
          record,
        )} but it already exists`,
      );
    } else if (change.Action === 'DELETE') {
      if (!existing) {
        problems.push(
          `Tried to delete resource record set ${describe(
            record,
          )} but it was not found`,
        );
      } else if (
        JSON.stringify(normalise(existing)) !== JSON.stringify(record)
      ) {
        problems.push(
          `Tried to delete resource record set ${describe(
            record,
          )} but the values provided do not match the current values`,
        );
      } else if (
        record.Name === zone.name &&
        (record.Type === 'SOA' || record.Type === 'NS')
      ) {
        problems.push(
          `A HostedZone must contain at least one NS record and one SOA record for the zone itself`,
        );
      } else {
        records = records.filter(r => !sameRecord(r, record));
      }
    } else {
      records = [...records.filter(r => !sameRecord(r, record)), record];
    }
  }

  // Failover routing allows one PRIMARY and one SECONDARY per name and type (checked on the
  // result, so a batch that swaps the two roles is valid).
  const roles = new Map<string, number>();
  for (const r of records) {
    if (!r.Failover) continue;
    const key = `${r.Name} ${r.Type} ${r.Failover}`;
    roles.set(key, (roles.get(key) ?? 0) + 1);
  }
  for (const [key, count] of roles) {
    if (count > 1) {
      const [name, type, role] = key.split(' ');
      problems.push(
        `RRSet of type ${type} with DNS name ${name} has ${count} ${role} failover records; only one is allowed`,
      );
    }
  }

  if (problems.length > 0) throw route53Errors.invalidChangeBatch(problems);
  return records;
}
