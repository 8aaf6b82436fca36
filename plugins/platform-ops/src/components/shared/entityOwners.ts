import { Entity, parseEntityRef, RELATION_OWNED_BY, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * Who owns an entity, as full refs: the catalog's ownedBy relations when it has processed
 * them, else spec.owner (a bare name there means a group). These are the people to ask
 * when the permission policy ("owners only") refuses a change.
 */
export function entityOwners(entity: Entity): string[] {
  const related = (entity.relations ?? []).filter(r => r.type === RELATION_OWNED_BY).map(r => r.targetRef);
  if (related.length) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  try {
    return [stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group', defaultNamespace: entity.metadata.namespace ?? 'default' }))];
  } catch {
    return [];
  }
}

/** "resource:default/prod-gpu-fleet" -> "prod-gpu-fleet": how people name an entity. */
export function entityName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}
