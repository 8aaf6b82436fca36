import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InventoryProblem } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/**
 * Reads and validates annotations of one entity, collecting every problem instead of
 * stopping at the first, so that the report names all that is wrong on an entity at once.
 */
export class AnnotationReader {
  readonly entityRef: string;
  readonly problems: InventoryProblem[] = [];

  constructor(readonly entity: Entity) {
    this.entityRef = stringifyEntityRef(entity);
  }

  /** Value of an optional annotation, validated when present. */
  optional<T>(annotation: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
    const raw = this.entity.metadata.annotations?.[annotation];
    if (raw === undefined || raw === '') return undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      this.report(
        annotation,
        `annotation ${annotation} is "${raw}": ${parsed.error.issues[0]?.message}`,
      );
      return undefined;
    }
    return parsed.data;
  }

  /** Value of a required annotation; a missing one is reported. */
  required<T>(annotation: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined {
    const raw = this.entity.metadata.annotations?.[annotation];
    if (raw === undefined || raw === '') {
      this.report(annotation, `annotation ${annotation} is missing`);
      return undefined;
    }
    return this.optional(annotation, schema);
  }

  report(field: string | undefined, message: string) {
    this.problems.push({ entityRef: this.entityRef, field, message });
  }
}
