import { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { Inventory } from '@platformops/plugin-platform-ops-common';
import { globalKey } from '../naming';
import { randomId } from '../timeline';
import { applyRoute53 } from '../../terraform/applyDr';
import type { TerraformSeedSource } from '../../terraform/source';

/** Canonical hosted zone ids of Application Load Balancers per region (AWS's published list). */
const ALB_ZONE_IDS: Record<string, string> = {
  'us-east-1': 'Z35SXDOTRQ7X7K',
  'us-east-2': 'Z3AADJGX6KTTL2',
  'us-west-1': 'Z368ELLRRE2KJ0',
  'us-west-2': 'Z1H1FL5HABSF5',
  'eu-west-1': 'Z32O12XQLNTSW2',
  'eu-central-1': 'Z215JYRZR1TBD5',
};

export interface HostedZoneState {
  id: string;
  accountId: string;
  /** Fully qualified, lower case, with the trailing dot. */
  name: string;
  callerReference: string;
  records: ResourceRecordSet[];
}

export interface HealthCheckState {
  id: string;
  accountId: string;
  /** Region of the endpoint it probes: its checks fail while that region is down. */
  targetRegion: string;
  fqdn: string;
  callerReference: string;
}

export interface Route53State {
  zones: Map<string, HostedZoneState>;
  healthChecks: Map<string, HealthCheckState>;
}

/** Route 53 names are case-insensitive and fully qualified: compare them in this form. */
export function fqdn(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

export function albZoneId(region: string): string {
  return ALB_ZONE_IDS[region] ?? ALB_ZONE_IDS['us-east-1'];
}

function uuid(random: () => number): string {
  const hex = '0123456789abcdef';
  return [8, 4, 4, 4, 12].map(n => randomId(random, n, hex)).join('-');
}

/**
 * One public hosted zone per environment route53Record, holding the environment's failover
 * pair: PRIMARY -> the ALB in the primary region, SECONDARY -> the DR ALB, each with a health
 * check probing /health in its region (Route 53 fails over on the primary's check).
 */
export function seedRoute53(
  inventory: Inventory,
  random: () => number,
  terraform?: TerraformSeedSource,
): Route53State {
  const zones = new Map<string, HostedZoneState>();
  const healthChecks = new Map<string, HealthCheckState>();

  for (const env of inventory.environments) {
    const applied = terraform?.(env);
    if (applied) {
      applyRoute53({ zones, healthChecks }, applied, random);
      continue;
    }
    if (!env.route53Record) continue;
    const { accountId, region } = env.location;
    const recordName = fqdn(env.route53Record.recordName);
    const labels = recordName.split('.').filter(Boolean);
    const zoneName = `${
      labels.length > 2 ? labels.slice(1).join('.') : labels.join('.')
    }.`;
    const zoneId = env.route53Record.hostedZoneId;
    const key = globalKey(accountId, zoneId);
    const zone: HostedZoneState = zones.get(key) ?? {
      id: zoneId,
      accountId,
      name: zoneName,
      callerReference: `platform-ops-${env.name}`,
      records: [
        {
          Name: zoneName,
          Type: 'NS',
          TTL: 172800,
          ResourceRecords: [1, 2, 3, 4].map(n => ({
            Value: `ns-${100 * n + Math.floor(random() * 99)}.awsdns-${
              10 + n
            }.org.`,
          })),
        },
        {
          Name: zoneName,
          Type: 'SOA',
          TTL: 900,
          ResourceRecords: [
            {
              Value:
                'ns-101.awsdns-11.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400',
            },
          ],
        },
      ],
    };
    zones.set(key, zone);

    const sites: {
      region: string;
      role: 'PRIMARY' | 'SECONDARY';
      setId: string;
    }[] = [{ region, role: 'PRIMARY', setId: `primary-${region}` }];
    if (env.drRegion) {
      sites.push({
        region: env.drRegion,
        role: 'SECONDARY',
        setId: `secondary-${env.drRegion}`,
      });
    }
    for (const site of sites) {
      const check: HealthCheckState = {
        id: uuid(random),
        accountId,
        targetRegion: site.region,
        fqdn: `${env.name}-alb-${site.region}.${zoneName.slice(0, -1)}`,
        callerReference: `platform-ops-${env.name}-${site.region}`,
      };
      healthChecks.set(globalKey(accountId, check.id), check);
      const albId = 1000000000 + Math.floor(random() * 899999999);
      zone.records.push({
        Name: recordName,
        Type: 'A',
        SetIdentifier: site.setId,
        Failover: site.role,
        AliasTarget: {
          HostedZoneId: albZoneId(site.region),
          DNSName: `dualstack.${env.name}-alb-${albId}.${site.region}.elb.amazonaws.com.`,
          EvaluateTargetHealth: true,
        },
        HealthCheckId: check.id,
      });
    }
  }
  return { zones, healthChecks };
}
