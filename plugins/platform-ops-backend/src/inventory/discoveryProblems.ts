import { Entity } from '@backstage/catalog-model';
import { InventoryProblem } from '@platformops/plugin-platform-ops-common';

/**
 * Catalog discovery (@platformops/plugin-catalog-backend-module-platform-ops) reports each
 * account and region on a Location entity of this type: what it could not add (a discovered
 * resource clashing with a hand-written entity) and whether its last run failed.
 */
export const DISCOVERY_REPORT_TYPE = 'platform-ops-discovery';
const PROBLEMS_ANNOTATION = 'platform-ops.io/discovery-problems';

/** The problems the discovery reports carry, as inventory problems. */
export function discoveryProblems(entities: Entity[]): InventoryProblem[] {
  return entities
    .filter(e => e.kind === 'Location' && e.spec?.type === DISCOVERY_REPORT_TYPE)
    .flatMap(e => {
      const raw = e.metadata.annotations?.[PROBLEMS_ANNOTATION];
      if (!raw) return [];
      try {
        const list: unknown = JSON.parse(raw);
        if (!Array.isArray(list)) return [];
        return list.flatMap(p =>
          p && typeof p.entityRef === 'string' && typeof p.message === 'string'
            ? [{ entityRef: p.entityRef, field: 'discovery', message: p.message }]
            : [],
        );
      } catch {
        return [{ entityRef: `location:default/${e.metadata.name}`, field: PROBLEMS_ANNOTATION, message: 'the discovery report is not valid JSON' }];
      }
    });
}
