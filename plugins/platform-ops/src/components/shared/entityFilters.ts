import { Entity } from '@backstage/catalog-model';
import { PLATFORM_OPS_ANNOTATIONS, PlatformResourceType } from '@platformops/plugin-platform-ops-common';

/** True for a Resource entity of the given spec.type(s). @public */
export function isPlatformResource(...types: PlatformResourceType[]) {
  return (entity: Entity) =>
    entity.kind.toLowerCase() === 'resource' &&
    types.includes(entity.spec?.type as PlatformResourceType);
}

/** True for a Component that declares an ECS service. @public */
export function isEcsServiceComponent(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'component' &&
    Boolean(entity.metadata.annotations?.[PLATFORM_OPS_ANNOTATIONS.ecsService])
  );
}

/** Entities that get the Operations tab: platform Resources, Systems and ECS Components. @public */
export function hasOperations(entity: Entity): boolean {
  return (
    isPlatformResource('environment', 'gpu-fleet', 'queue', 'database', 'cache', 'bucket')(entity) ||
    entity.kind.toLowerCase() === 'system' ||
    isEcsServiceComponent(entity)
  );
}
