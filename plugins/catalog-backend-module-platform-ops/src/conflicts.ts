import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { PLATFORM_OPS_ANNOTATIONS as A } from '@platformops/plugin-platform-ops-common';
import { Candidate } from './entities';

/** A discovered entity that was not added, and why (shown in the inventory problems). */
export interface DiscoveryConflict {
  entityRef: string;
  message: string;
}

export interface Reconciled {
  /** What this run emits. */
  entities: Entity[];
  /** Discovered resources a hand-written entity already declares (not emitted, not a problem). */
  declaredByHand: number;
  conflicts: DiscoveryConflict[];
}

/**
 * The AWS resource an entity stands for, from its annotations ("sqs:acct/region/name"), so
 * that a discovered resource already declared by hand, under whatever name, is not added a
 * second time. Resources without their own account/region take their environment's.
 */
function identity(entity: Entity, envLocation: (env: string) => string | undefined): string | undefined {
  const a = entity.metadata.annotations ?? {};
  const isEnvironment = entity.kind === 'Resource' && entity.spec?.type === 'environment';
  if (isEnvironment) {
    return a[A.accountId] && a[A.region]
      ? `environment:${a[A.accountId]}/${a[A.region]}/${entity.metadata.name}`
      : undefined;
  }
  const where =
    a[A.accountId] && a[A.region]
      ? `${a[A.accountId]}/${a[A.region]}`
      : envLocation(a[A.environment] ?? '');
  if (a[A.bucketName]) return `s3:${a[A.bucketName]}`; // bucket names are global
  if (!where) return undefined;
  if (a[A.ecsService]) return `ecs:${where}/${a[A.ecsService]}`;
  if (a[A.asgName]) return `asg:${where}/${a[A.asgName]}`;
  if (a[A.queueName]) return `sqs:${where}/${a[A.queueName]}`;
  if (a[A.dbInstanceId]) return `rds-db:${where}/${a[A.dbInstanceId]}`;
  if (a[A.dbClusterId]) return `rds-cluster:${where}/${a[A.dbClusterId]}`;
  if (a[A.cacheReplicationGroupId]) return `elasticache:${where}/${a[A.cacheReplicationGroupId]}`;
  return undefined;
}

function environmentLocations(entities: Entity[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entities) {
    const a = e.metadata.annotations ?? {};
    if (e.kind === 'Resource' && e.spec?.type === 'environment' && a[A.accountId] && a[A.region]) {
      out.set(e.metadata.name, `${a[A.accountId]}/${a[A.region]}`);
    }
  }
  return out;
}

/**
 * Keeps hand-written entities first. A discovered entity is left out when a hand-written
 * entity declares the same AWS resource (silently: it is already in the catalog), and left
 * out and reported when a hand-written entity has its name but declares something else. A
 * discovered resource whose environment clashes is left out with it: it would otherwise join
 * the wrong environment.
 */
export function reconcile(candidates: Candidate[], handWritten: Entity[]): Reconciled {
  const handEnvs = environmentLocations(handWritten);
  const discoveredEnvs = environmentLocations(candidates.filter(c => c.isEnvironment).map(c => c.entity));
  const handIdentities = new Set(
    handWritten.flatMap(e => identity(e, env => handEnvs.get(env)) ?? []),
  );
  const handRefs = new Map(handWritten.map(e => [stringifyEntityRef(e).toLowerCase(), e]));

  const entities: Entity[] = [];
  const conflicts: DiscoveryConflict[] = [];
  const clashingEnvs = new Set<string>();
  let declaredByHand = 0;
  // Environments first: their outcome decides their resources'.
  const ordered = [...candidates].sort((a, b) => Number(b.isEnvironment) - Number(a.isEnvironment));
  for (const c of ordered) {
    const ref = stringifyEntityRef(c.entity);
    const arn = c.entity.metadata.annotations?.['platform-ops.io/discovered-arn'];
    const what = arn ?? `environment tag value ${c.entity.metadata.annotations?.[A.costTag]}`;
    if (!c.isEnvironment && clashingEnvs.has(c.environment)) {
      conflicts.push({
        entityRef: ref,
        message: `discovered ${what} was not added: its environment "${c.environment}" clashes with a hand-written entity`,
      });
      continue;
    }
    const id = identity(c.entity, env => discoveredEnvs.get(env) ?? handEnvs.get(env));
    if (id && handIdentities.has(id)) {
      declaredByHand++;
      continue;
    }
    const existing = handRefs.get(ref.toLowerCase());
    if (existing) {
      if (c.isEnvironment) clashingEnvs.add(c.environment);
      const from = existing.metadata.annotations?.['backstage.io/managed-by-location'];
      conflicts.push({
        entityRef: ref,
        message: `discovered ${what} was not added: ${ref} already exists${from ? ` (from ${from})` : ''} and declares something else under that name; rename one of them`,
      });
      continue;
    }
    entities.push(c.entity);
  }
  return { entities, declaredByHand, conflicts };
}
