import { AuditorService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { findControlCharacter, controlCharacterMessage } from '@platformops/plugin-platform-ops-common';
import { Request, Response } from 'express';
import { isAudited } from '../changes/auditedErrors';

/**
 * Every mutating route goes through here. Before anything else the whole body is checked for
 * control characters (one rule for every free-text field: a 400 naming the field, before
 * anything is planned, sent or stored). A request refused before the change runner opened
 * its audit event (bad body, unknown entity, no user) still leaves an audit event, failed,
 * so the audit log shows every attempt with its outcome, never a dangling one.
 */
export function auditedRoute(
  auditor: AuditorService | undefined,
  eventId: string,
  handler: (req: Request, res: Response) => Promise<void>,
) {
  return async (req: Request, res: Response) => {
    try {
      const field = findControlCharacter(req.body);
      if (field) throw new InputError(controlCharacterMessage(field));
      await handler(req, res);
    } catch (error) {
      if (auditor && !isAudited(error)) {
        await auditRejection(auditor, eventId, req, error);
      }
      throw error;
    }
  };
}

/** One failed audit event for a refused request; never hides the refusal itself. */
async function auditRejection(auditor: AuditorService, eventId: string, req: Request, error: unknown) {
  const meta = { rejected: true, path: req.path };
  const failure = { error: error instanceof Error ? error : new Error(String(error)) };
  try {
    const event = await auditor.createEvent({ eventId, severityLevel: 'low', request: req, meta });
    await event.fail(failure);
  } catch {
    // The auditor resolves the actor from the request: with no valid credentials (the 401
    // being refused) it cannot, so the attempt is recorded without the request's actor.
    const event = await auditor.createEvent({ eventId, severityLevel: 'low', meta: { ...meta, unauthenticated: true } });
    await event.fail(failure);
  }
}
