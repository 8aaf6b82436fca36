import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/**
 * A DLQ redrive request, for the HTTP route and the AI-agent action alike: SQS accepts 1-500
 * messages per second; without a rate it moves them as fast as it allows.
 */
export const redriveSchema = z.object({
  entityRef: entityRefSchema.describe('Catalog ref of the queue whose dead-letter queue to redrive'),
  maxNumberOfMessagesPerSecond: z
    .number()
    .int('maxNumberOfMessagesPerSecond must be a whole number')
    .min(1, 'maxNumberOfMessagesPerSecond must be between 1 and 500')
    .max(500, 'maxNumberOfMessagesPerSecond must be between 1 and 500')
    .optional(),
});
