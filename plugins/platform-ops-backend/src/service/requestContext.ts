import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { z } from 'zod';
import {
  controlCharacterMessage,
  describeZodError,
  freeTextBodySchema,
  noControlCharacters,
} from '@platformops/plugin-platform-ops-common';
import { ChangeActor } from '../changes/runPlannedChange';
import { MutationEnvelope } from '../changes/types';

/** Credentials of the signed-in user making a request (mutations need a user). */
export function userCredentials(
  httpAuth: HttpAuthService,
  req: Request,
): Promise<BackstageCredentials<BackstageUserPrincipal>> {
  return httpAuth.credentials(req, { allow: ['user'] });
}

/** Parses a request part with a zod schema; failures are 400s naming every bad field. */
export function parseOrThrow<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** What every mutating request body carries besides its own input. */
export const mutationEnvelopeSchema = z.object({
  reason: z
    .string({ required_error: 'reason is required: say why you make this change' })
    .trim()
    .min(3, 'reason is required: say why you make this change (at least 3 characters)')
    .max(500, 'reason must be at most 500 characters')
    // NUL would reach PostgreSQL (which refuses it) and the audit log: a 400, before both.
    .refine(noControlCharacters('reason'), controlCharacterMessage('reason')),
  dryRun: z.boolean({ invalid_type_error: 'dryRun must be true or false' }).default(false),
  idempotencyKey: z
    .string({ invalid_type_error: 'idempotencyKey must be a string' })
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'idempotencyKey must be 8-128 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
});

/** Parses the mutation envelope of a body; a bad one is a 400 that says what is wrong. */
export function parseEnvelope(body: unknown): MutationEnvelope {
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new InputError('request body must be a JSON object (with reason, and dryRun / idempotencyKey when wanted)');
  }
  // One rule for every free-text field of the body, not only the envelope's own.
  const text = freeTextBodySchema.safeParse(body);
  if (!text.success) throw new InputError(describeZodError(text.error));
  const parsed = mutationEnvelopeSchema.safeParse(body ?? {});
  if (!parsed.success) {
    // "field: message", so a wrong type names its field too ("dryRun: Expected boolean ...").
    throw new InputError(describeZodError(parsed.error));
  }
  return parsed.data;
}

/**
 * Parses a change request body: its envelope and its own input together, so one 400 names
 * every bad field of both (nothing is resolved, planned or sent before this passes).
 */
export function parseChangeBody<T extends z.ZodTypeAny>(schema: T, body: unknown, what: string): z.infer<T> {
  const problems: string[] = [];
  try {
    parseEnvelope(body);
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) problems.push(describeZodError(parsed.error));
  if (problems.length) throw new InputError(`Invalid ${what}: ${[...new Set(problems)].join('; ')}`);
  return parsed.data;
}

/**
 * The actor of a change request: the signed-in user (401/403 otherwise), the envelope
 * (reason, dry-run, idempotency key) and the request itself for the audit record.
 */
export async function changeActor(httpAuth: HttpAuthService, req: Request): Promise<ChangeActor> {
  const envelope = parseEnvelope(req.body);
  const credentials = await userCredentials(httpAuth, req);
  return { credentials, envelope, auditOrigin: req };
}
