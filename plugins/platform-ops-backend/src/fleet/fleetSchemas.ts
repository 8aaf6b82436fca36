import {
  AUTO_SCALING_PROCESSES,
  controlCharacterMessage,
  entityRefSchema,
  explainCronRecurrence,
  noControlCharacters,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** Request bodies of the fleet changes (the envelope — reason, dryRun, idempotencyKey — is parsed apart). */

const entityRef = entityRefSchema;

const capacity = (field: string) =>
  z
    .number({ required_error: `${field} is required`, invalid_type_error: `${field} must be a number` })
    .int(`${field} must be a whole number of instances`)
    .min(0, `${field} must not be negative`)
    .max(10_000, `${field} must be at most 10000`);

export const setDesiredSchema = z.object({
  entityRef,
  desiredCapacity: capacity('desiredCapacity'),
});

export const setSizeSchema = z
  .object({ entityRef, minSize: capacity('minSize'), maxSize: capacity('maxSize') })
  .refine(v => v.minSize <= v.maxSize, {
    message: 'minSize must not be greater than maxSize',
    path: ['minSize'],
  });

export const spotShareSchema = z.object({
  entityRef,
  onDemandBaseCapacity: capacity('onDemandBaseCapacity'),
  onDemandPercentageAboveBaseCapacity: z
    .number({ required_error: 'onDemandPercentageAboveBaseCapacity is required' })
    .int('onDemandPercentageAboveBaseCapacity must be a whole percentage')
    .min(0, 'onDemandPercentageAboveBaseCapacity must be between 0 and 100')
    .max(100, 'onDemandPercentageAboveBaseCapacity must be between 0 and 100'),
});

export const processesSchema = z.object({
  entityRef,
  action: z.enum(['suspend', 'resume'], {
    errorMap: () => ({ message: 'action must be suspend or resume' }),
  }),
  processes: z
    .array(
      z.enum(AUTO_SCALING_PROCESSES, {
        errorMap: () => ({ message: `each process must be one of ${AUTO_SCALING_PROCESSES.join(', ')}` }),
      }),
    )
    .min(1, 'name at least one process')
    .refine(p => new Set(p).size === p.length, 'processes must not repeat'),
});

export const targetTrackingSchema = z.object({
  entityRef,
  /** How long a job may wait in the queue, in seconds. */
  acceptableLatencySeconds: z
    .number({ required_error: 'acceptableLatencySeconds is required' })
    .positive('acceptableLatencySeconds must be greater than 0')
    .max(86_400, 'acceptableLatencySeconds must be at most one day'),
  /** How long one worker takes per job, in seconds. */
  averageProcessingSeconds: z
    .number({ required_error: 'averageProcessingSeconds is required' })
    .positive('averageProcessingSeconds must be greater than 0')
    .max(86_400, 'averageProcessingSeconds must be at most one day'),
  /** Seconds a new instance needs before its metrics count (GPU model load). */
  estimatedInstanceWarmupSeconds: z.number().int().min(0).max(3600).default(300),
});

/**
 * A time zone as AWS's TimeZone takes it: an IANA name (Region/City, or UTC), 1-255
 * characters, that the runtime's tz database knows. UTC offsets such as +01:00, which Intl
 * would accept, are not IANA names.
 */
function isTimeZone(value: string): boolean {
  if (value.length > 255 || !/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    // Throws RangeError for a time zone the runtime does not know.
    return Boolean(new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

/** Scheduled action name as AWS limits it: 1-255 characters, no control characters. */
const scheduledActionName = (what: string) => {
  const label = what ? `name ${what}` : 'name';
  return z
    .string({ required_error: 'name is required', invalid_type_error: 'name must be a string' })
    .min(1, `${label} must not be empty`)
    .max(255, `${label} must be at most 255 characters`)
    .refine(noControlCharacters('name'), controlCharacterMessage('name'));
};

export const scheduledActionSchema = z
  .object({
    entityRef,
    name: scheduledActionName(''),
    recurrence: z
      .string({ required_error: 'recurrence is required (cron, e.g. "0 20 * * 1-5")', invalid_type_error: 'recurrence must be a string' })
      .superRefine((value, ctx) => {
        const why = explainCronRecurrence(value);
        if (why) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `recurrence "${value.slice(0, 60)}" is not an Auto Scaling cron expression: ${why} (e.g. "0 20 * * 1-5")`,
          });
        }
      })
      .transform(v => v.trim()),
    timeZone: z
      .string({ invalid_type_error: 'timeZone must be a string' })
      .refine(isTimeZone, 'timeZone must be an IANA time zone such as Europe/Paris')
      .optional(),
    minSize: capacity('minSize').optional(),
    maxSize: capacity('maxSize').optional(),
    desiredCapacity: capacity('desiredCapacity').optional(),
  })
  .refine(
    v => v.minSize !== undefined || v.maxSize !== undefined || v.desiredCapacity !== undefined,
    { message: 'set at least one of minSize, maxSize, desiredCapacity', path: ['desiredCapacity'] },
  )
  .refine(v => v.minSize === undefined || v.maxSize === undefined || v.minSize <= v.maxSize, {
    message: 'minSize must not be greater than maxSize',
    path: ['minSize'],
  })
  .refine(
    v =>
      v.desiredCapacity === undefined ||
      ((v.minSize === undefined || v.desiredCapacity >= v.minSize) &&
        (v.maxSize === undefined || v.desiredCapacity <= v.maxSize)),
    { message: 'desiredCapacity must be between minSize and maxSize', path: ['desiredCapacity'] },
  );

export const deleteScheduledActionSchema = z.object({
  entityRef,
  name: scheduledActionName('of the scheduled action to delete'),
});

