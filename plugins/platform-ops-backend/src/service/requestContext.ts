import {
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { z } from 'zod';
import { describeZodError } from '@platformops/plugin-platform-ops-common';

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
