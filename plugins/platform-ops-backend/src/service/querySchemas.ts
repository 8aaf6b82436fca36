import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** ?entityRef= of the fleet and queue reads. */
export const entityRefQuerySchema = z.object({ entityRef: entityRefSchema });
export const environmentQuerySchema = z.object({
  /** Lists send the last point of each series unless asked for the full hour. */
  series: z.enum(['last', 'full'], { errorMap: () => ({ message: 'series must be last or full' }) }).default('last'),
  environment: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'environment must be a catalog entity name')
    .optional(),
});
