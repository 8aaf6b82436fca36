import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonObject, JsonValue } from '@backstage/types';
import { controlCharacterMessage, noControlCharacters } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { ChangeActor } from '../changes/runPlannedChange';
import { PlanTokens } from './planToken';

/**
 * What every guarded action takes besides its own input. The same rules as the UI's change
 * envelope (reason, idempotency key), plus the plan token and the production confirmation.
 */
export const guardFields = {
  reason: z
    .string({ required_error: 'reason is required: say why you make this change' })
    .trim()
    .min(3, 'reason is required: say why you make this change (at least 3 characters)')
    .max(500, 'reason must be at most 500 characters')
    .refine(noControlCharacters('reason'), controlCharacterMessage('reason'))
    .describe('Why the change is made: shown in the change history and the audit log.'),
  planToken: z
    .string()
    .max(1000)
    .optional()
    .describe('Leave out to dry-run. To apply, pass the planToken the dry-run of this exact change returned (valid 10 minutes, for you only).'),
  confirm: z
    .string()
    .max(200)
    .optional()
    .describe('Production only, when applying: the environment name, typed as a person would in the UI.'),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,128}$/, 'idempotencyKey must be 8-128 characters of A-Z a-z 0-9 . _ : -')
    .optional()
    .describe('When applying: the same key again returns the first answer instead of changing twice.'),
};

export interface GuardFields {
  reason: string;
  planToken?: string;
  confirm?: string;
  idempotencyKey?: string;
}

/** Changes are made for a person: a service token may read, never change. */
export function requireUser(credentials: BackstageCredentials): BackstageCredentials<BackstageUserPrincipal> {
  const principal = credentials.principal as { type?: string };
  if (principal.type !== 'user') {
    throw new NotAllowedError(
      'Platform Ops changes are made for a signed-in user: connect the MCP client with a user token, not a service or static token',
    );
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}

export interface GuardedChange<D extends JsonObject, A extends JsonObject> {
  /** Action name, part of what the token is bound to. */
  action: string;
  credentials: BackstageCredentials;
  guard: GuardFields;
  /** The change's own input (no reason/token/confirm/key): what the token is bound to. */
  input: { [key: string]: JsonValue | undefined };
  /**
   * The production environment's name when applying needs it typed as `confirm` (as the UI
   * asks a person to), else undefined. Resolving it also makes an unknown target a 404 first.
   */
  confirmation: () => Promise<string | undefined>;
  /** Runs the change as a dry-run through the service (permission, plan, audit, history). */
  dryRun: (actor: ChangeActor) => Promise<D>;
  /** Runs it for real through the same service path. */
  apply: (actor: ChangeActor) => Promise<A>;
}

/**
 * Dry-run by default; apply only with a token from this user's dry-run of this exact change
 * (and, for production, the typed environment name). Refused tokens are audited like any
 * refused change; everything else is audited by the MutationRunner the service goes through.
 */
export async function runGuardedChange<D extends JsonObject, A extends JsonObject>(
  deps: { tokens: PlanTokens; auditor: AuditorService },
  change: GuardedChange<D, A>,
): Promise<JsonObject & { dryRun: boolean }> {
  const credentials = requireUser(change.credentials);
  const user = credentials.principal.userEntityRef;
  const { reason, planToken, confirm, idempotencyKey } = change.guard;

  if (!planToken) {
    const confirmationRequired = await change.confirmation();
    const answer = await change.dryRun({ credentials, envelope: { reason, dryRun: true } });
    const token = deps.tokens.issue(user, change.action, change.input);
    return {
      dryRun: true,
      ...answer,
      ...token,
      ...(confirmationRequired ? { confirmationRequired } : {}),
      nextStep: `Nothing changed. To apply exactly this change, call this tool (${change.action}) again with the same input, a reason and planToken${
        confirmationRequired ? ` and confirm: "${confirmationRequired}" (a production environment)` : ''
      } before ${token.expiresAt}.`,
    };
  }

  const audit = await deps.auditor.createEvent({
    eventId: 'mcp-apply',
    severityLevel: 'medium',
    meta: { action: change.action, input: change.input as JsonObject, reason },
  });
  try {
    deps.tokens.verify(planToken, user, change.action, change.input);
    const required = await change.confirmation();
    if (required !== undefined && confirm !== required) {
      throw new InputError(
        `${required} is a production environment: pass confirm: "${required}" (its name) to apply${confirm ? ` (got "${confirm}")` : ''}`,
      );
    }
  } catch (error) {
    await audit.fail({ error: error instanceof Error ? error : new Error(String(error)) });
    throw error;
  }
  await audit.success();
  const answer = await change.apply({
    credentials,
    envelope: { reason, dryRun: false, ...(idempotencyKey ? { idempotencyKey } : {}) },
  });
  return { dryRun: false, ...answer };
}
