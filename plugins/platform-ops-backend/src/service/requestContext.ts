import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { z } from 'zod';
import { describeZodError } from '@platformops/plugin-platform-ops-common';
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
    .max(500, 'reason must be at most 500 characters'),
  dryRun: z.boolean().default(false),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'idempotencyKey must be 8-128 characters of A-Z a-z 0-9 . _ : -')
    .optional(),
});

/** Parses the mutation envelope of a body; a bad one is a 400 that says what is wrong. */
export function parseEnvelope(body: unknown): MutationEnvelope {
  const parsed = mutationEnvelopeSchema.safeParse(body ?? {});
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map(i => i.message).join('; '));
  }
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
