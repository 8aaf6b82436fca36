import { JsonObject } from '@backstage/types';

/**
 * Service answers are plain JSON-serialisable records typed by their own interfaces; the
 * actions registry wants JsonObject. One cast, here, instead of one per action.
 */
export function toJson<T extends object>(value: T): JsonObject {
  return value as unknown as JsonObject;
}
