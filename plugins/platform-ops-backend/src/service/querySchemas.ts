import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** ?entityRef= of the fleet and queue reads. */
export const entityRefQuerySchema = z.object({ entityRef: entityRefSchema });
export const environmentQuerySchema = z.object({
  /** Lists send the table's fields (common's QueueListItem, FleetListItem) unless asked for the full reads, series and all. */
  series: z.enum(['last', 'full'], { errorMap: () => ({ message: 'series must be last or full' }) }).default('last'),
  environment: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'environment must be a catalog entity name')
    .optional(),
});

/** ?entityRef=&kind=&limit=&cursor= of every change history. */
export const historyQuerySchema = z.object({
  entityRef: entityRefSchema,
  kind: z
    .enum(['changes', 'dry-runs', 'all'], { errorMap: () => ({ message: 'kind must be changes, dry-runs or all' }) })
    .default('all'),
  limit: z.coerce
    .number({ invalid_type_error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be between 1 and 200')
    .max(200, 'limit must be between 1 and 200')
    .default(50),
  cursor: z.string().max(500, 'cursor is not a cursor this history returned').optional(),
});
