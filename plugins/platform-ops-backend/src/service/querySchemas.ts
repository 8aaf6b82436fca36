import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** The largest page of a fleet or queue list: a page is what a table shows at once. */
export const MAX_LIST_PAGE = 500;

/** ?entityRef= of the fleet and queue reads. */
export const entityRefQuerySchema = z.object({ entityRef: entityRefSchema });
/** ?environment=&series=&offset=&limit=&needsAttention= of the fleet and queue lists. */
export const listQuerySchema = z.object({
  /** Lists send the table's fields (common's QueueListItem, FleetListItem) unless asked for the full reads, series and all. */
  series: z.enum(['last', 'full'], { errorMap: () => ({ message: 'series must be last or full' }) }).default('last'),
  environment: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'environment must be a catalog entity name')
    .optional(),
  /**
   * One page of the list (the views ask for the rows they show; at 10,000 queues the whole
   * list is megabytes every refresh). Without limit: the whole list, as before.
   */
  offset: z.coerce
    .number({ invalid_type_error: 'offset must be a number' })
    .int('offset must be a whole number')
    .min(0, 'offset must be 0 or more')
    .default(0),
  limit: z.coerce
    .number({ invalid_type_error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, `limit must be between 1 and ${MAX_LIST_PAGE}`)
    .max(MAX_LIST_PAGE, `limit must be between 1 and ${MAX_LIST_PAGE}`)
    .optional(),
  /**
   * Only the items the health strip shows (common's queueNeedsAttention/fleetNeedsAttention),
   * before paging: the strip's refresh then costs what needs attention, not the whole list.
   */
  needsAttention: z
    .literal('true', { errorMap: () => ({ message: 'needsAttention must be true (or left out for every item)' }) })
    .transform(() => true)
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
