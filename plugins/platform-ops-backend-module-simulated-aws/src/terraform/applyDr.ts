import { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { DbInstanceState, RdsState } from '../dr/rds/rdsSeed';
import { EcsState, serviceKey, steadyDeployment } from '../dr/ecs/ecsSeed';
import { fqdn, HostedZoneState, Route53State } from '../dr/route53/route53Seed';
import { arn, az, globalKey, regionalKey } from '../dr/naming';
import { randomId } from '../dr/timeline';
import { TerraformSeeds } from './seeds';

/*
 * The DR side of an environment (RDS, ECS, Route 53) as its Terraform declares it, written
 * into the DR models' state. Ids AWS assigns (resource ids, health check ids, endpoints) are
 * drawn from the simulator's generator like the rest of the estate.
 */

const DAY_MS = 24 * 3600 * 1000;

export function applyRds(state: RdsState, seeds: TerraformSeeds, random: () => number, now: Date) {
  const createdAt = new Date(now.getTime() - 30 * DAY_MS);
  const suffix = randomId(random, 12, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const byId = new Map<string, DbInstanceState>();
  // Sources first, so a replica finds the ARN of what it follows.
  const ordered = [...seeds.dbInstances].sort((a, b) => Number(Boolean(a.replicaOf)) - Number(Boolean(b.replicaOf)));
  for (const db of ordered) {
    const location = { accountId: db.accountId, region: db.region };
    const instance: DbInstanceState = {
      id: db.id,
      arn: arn('rds', location, `db:${db.id}`),
      location,
      instanceClass: db.instanceClass,
      multiAz: db.multiAz,
      availabilityZone: az(db.region, 0),
      secondaryAvailabilityZone: db.multiAz ? az(db.region, 1) : undefined,
      status: 'available',
      replicaArns: [],
      // A read replica keeps no automated backups until it is promoted.
      backupRetentionPeriod: db.replicaOf ? 0 : db.backupRetentionPeriod,
      endpoint: `${db.id}.${suffix}.${db.region}.rds.amazonaws.com`,
      resourceId: `db-${randomId(random, 26)}`,
      createdAt,
    };
    const source = db.replicaOf ? byId.get(`${db.replicaOf.region}/${db.replicaOf.id}`) : undefined;
    if (source) {
      instance.sourceArn = source.arn;
      source.replicaArns.push(instance.arn);
    }
    byId.set(`${db.region}/${db.id}`, instance);
    state.instances.set(regionalKey(location, db.id), instance);
  }
}

/**
 * `deploymentHistory`: the environment has been live since before the simulated history
 * starts, so its application was deployed a few times after Terraform registered revision 1
 * (by its CI, not by Terraform): the primary region's services run the latest of 3-6
 * revisions, and a rollback has a previous one. An environment applied while the world runs
 * (a template just published it) has revision 1 only.
 */
export function applyEcs(state: EcsState, seeds: TerraformSeeds, random: () => number, now: Date, deploymentHistory = false) {
  const since = new Date(now.getTime() - DAY_MS);
  for (const cluster of seeds.ecsClusters) {
    const location = { accountId: cluster.accountId, region: cluster.region };
    state.clusters.set(regionalKey(location, cluster.name), { name: cluster.name, arn: arn('ecs', location, `cluster/${cluster.name}`), location });
  }
  // Terraform registers revision 1 of each family; later deployments add revisions.
  for (const td of seeds.taskDefinitions) {
    const location = { accountId: td.accountId, region: td.region };
    state.taskDefinitions.push({
      family: td.family,
      revision: 1,
      arn: arn('ecs', location, `task-definition/${td.family}:1`),
      location,
      image: td.image,
      registeredAt: since,
    });
  }
  const deployed = new Map<string, number>();
  if (deploymentHistory) {
    for (const svc of seeds.ecsServices.filter(s => s.region === seeds.environment.region)) {
      const location = { accountId: svc.accountId, region: svc.region };
      const first = state.taskDefinitions.find(t => t.family === svc.taskDefinitionFamily && t.location.region === svc.region && t.location.accountId === svc.accountId);
      if (!first || deployed.has(`${svc.region}/${svc.taskDefinitionFamily}`)) continue;
      const revisions = 3 + Math.floor(random() * 4);
      deployed.set(`${svc.region}/${svc.taskDefinitionFamily}`, revisions);
      const repository = first.image.replace(/:[^:/]+$/, '');
      for (let revision = 2; revision <= revisions; revision++) {
        state.taskDefinitions.push({
          family: svc.taskDefinitionFamily,
          revision,
          arn: arn('ecs', location, `task-definition/${svc.taskDefinitionFamily}:${revision}`),
          location,
          image: `${repository}:1.${revision}.0`,
          registeredAt: new Date(now.getTime() - ((revisions - revision + 1) * DAY_MS) / revisions),
        });
      }
    }
  }
  for (const svc of seeds.ecsServices) {
    const location = { accountId: svc.accountId, region: svc.region };
    const revision = deployed.get(`${svc.region}/${svc.taskDefinitionFamily}`) ?? 1;
    const taskDefinitionArn = arn('ecs', location, `task-definition/${svc.taskDefinitionFamily}:${revision}`);
    state.services.set(serviceKey(location, svc.cluster, svc.name), {
      name: svc.name,
      arn: arn('ecs', location, `service/${svc.cluster}/${svc.name}`),
      clusterName: svc.cluster,
      clusterArn: arn('ecs', location, `cluster/${svc.cluster}`),
      location,
      desired: svc.desired,
      deployments: [steadyDeployment(random, taskDefinitionArn, svc.desired, since)],
      events: [],
      createdAt: since,
    });
  }
}

/** The zone a record lives in: its name minus the first label (the zone is a Terraform input). */
function zoneNameOf(recordName: string): string {
  const labels = fqdn(recordName).split('.').filter(Boolean);
  return `${labels.length > 2 ? labels.slice(1).join('.') : labels.join('.')}.`;
}

export function applyRoute53(state: Route53State, seeds: TerraformSeeds, random: () => number) {
  const hex = '0123456789abcdef';
  const checkIds = new Map<string, string>();
  for (const check of seeds.healthChecks) {
    const id = [8, 4, 4, 4, 12].map(n => randomId(random, n, hex)).join('-');
    checkIds.set(check.reference, id);
    state.healthChecks.set(globalKey(check.accountId, id), {
      id,
      accountId: check.accountId,
      targetRegion: check.targetRegion,
      fqdn: check.fqdn,
      callerReference: check.reference,
    });
  }
  for (const record of seeds.records) {
    const key = globalKey(record.accountId, record.hostedZoneId);
    const name = zoneNameOf(record.name);
    const zone: HostedZoneState = state.zones.get(key) ?? {
      id: record.hostedZoneId,
      accountId: record.accountId,
      name,
      callerReference: `platform-ops-${seeds.environment.name}`,
      records: [
        { Name: name, Type: 'NS', TTL: 172800, ResourceRecords: [1, 2, 3, 4].map(n => ({ Value: `ns-${100 * n}.awsdns-${10 + n}.org.` })) },
        { Name: name, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-100.awsdns-11.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }] },
      ],
    };
    state.zones.set(key, zone);
    const set: ResourceRecordSet = {
      Name: fqdn(record.name),
      Type: record.type as ResourceRecordSet['Type'],
      SetIdentifier: record.setIdentifier,
      Failover: record.failover,
      AliasTarget: record.alias
        ? { HostedZoneId: record.alias.hostedZoneId, DNSName: `dualstack.${record.alias.dnsName}.`, EvaluateTargetHealth: record.alias.evaluateTargetHealth }
        : undefined,
      HealthCheckId: record.healthCheck ? checkIds.get(record.healthCheck) : undefined,
    };
    zone.records.push(Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as ResourceRecordSet);
  }
}
