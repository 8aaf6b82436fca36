import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult, ResourcePermission } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { randomUUID } from 'node:crypto';
import { markAudited } from './auditedErrors';
import { MutationStore } from './MutationStore';
import { AwsCallPreview, FieldChange, HistoryPage, HistoryQuery, MutationEnvelope, MutationRecord } from './types';

/**
 * Where a change came from, for the audit record only (IP, user agent): the HTTP request when
 * there is one. Opaque to services: they never read it, so they stay free of HTTP.
 */
export type AuditOrigin = AuditorServiceCreateEventOptions['request'];

export interface MutationRequest<R extends JsonObject> {
  /** kebab-case action id, e.g. fleet-set-desired-capacity. */
  action: string;
  permission: ResourcePermission<'catalog-entity'>;
  /** Catalog entity the change targets (authorization resource and history key). */
  targetRef: string;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  auditOrigin?: AuditOrigin;
  envelope: MutationEnvelope;
  input: JsonObject;
  /** The exact AWS calls the change will make; validation errors are thrown from here. */
  plan: () => Promise<AwsCallPreview[]>;
  /** Before -> after of what the change sets, known once `plan` has read the current state. */
  changes?: () => FieldChange[];
  /** Makes the change; runs only when authorised, not a dry-run and not a repeated key. */
  execute: () => Promise<R>;
}

export interface MutationOutcome {
  mutation: MutationRecord;
  /** True when the idempotency key had been seen: nothing was done again. */
  replayed: boolean;
}

/**
 * The one path every change takes: permission on the target entity, validation and plan
 * (dry-run), idempotency, audit events before and after, and a durable history row.
 */
export class MutationRunner {
  constructor(
    private readonly store: MutationStore,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
  ) {}

  async run<R extends JsonObject>(req: MutationRequest<R>): Promise<MutationOutcome> {
    // The audit event opens first, so a refusal (permission, validation, guardrail) is
    // recorded with its outcome too, not only the changes that went through.
    const auditEvent = await this.auditor.createEvent({
      eventId: req.action,
      severityLevel: req.envelope.dryRun ? 'low' : 'medium',
      request: req.auditOrigin,
      meta: {
        targetRef: req.targetRef,
        reason: req.envelope.reason,
        dryRun: req.envelope.dryRun,
        ...(req.envelope.idempotencyKey ? { idempotencyKey: req.envelope.idempotencyKey } : {}),
        input: req.input,
      },
    });
    let outcome: { mutation: MutationOutcome; meta: JsonObject };
    const claimed: { mutationId?: string } = {};
    try {
      outcome = await this.runAudited(req, claimed);
    } catch (error) {
      await auditEvent.fail({
        ...(claimed.mutationId ? { meta: { mutationId: claimed.mutationId } } : {}),
        error: error instanceof Error ? error : new Error(String(error)),
      });
      throw markAudited(error);
    }
    await auditEvent.success({ meta: outcome.meta });
    return outcome.mutation;
  }

  private async runAudited<R extends JsonObject>(
    req: MutationRequest<R>,
    claimed: { mutationId?: string },
  ): Promise<{ mutation: MutationOutcome; meta: JsonObject }> {
    const [decision] = await this.permissions.authorize(
      [{ permission: req.permission, resourceRef: req.targetRef }],
      { credentials: req.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `The permission policy refused ${req.permission.name} on ${req.targetRef} for you; ask an owner of that catalog entity to make the change, or to add you to its owning group`,
      );
    }

    const actor = req.credentials.principal.userEntityRef;
    // A dry-run never takes the key: the real change that follows it may reuse the key.
    const key = req.envelope.dryRun
      ? `dry-run:${randomUUID()}`
      : req.envelope.idempotencyKey ?? randomUUID();
    const previous = await this.store.findByKey(key);
    if (previous) {
      return { mutation: this.replay(previous, req), meta: { replayedMutationId: previous.id } };
    }

    const plan = await req.plan();
    const planMeta = plan as unknown as JsonObject[];
    const { created, record } = await this.store.claim({
      id: randomUUID(),
      idempotencyKey: key,
      action: req.action,
      targetRef: req.targetRef.toLowerCase(),
      actor,
      reason: req.envelope.reason,
      dryRun: req.envelope.dryRun,
      input: req.input,
      plan,
      changes: req.changes?.(),
      status: req.envelope.dryRun ? 'dry-run' : 'running',
      startedAt: new Date().toISOString(),
    });
    if (!created) {
      return { mutation: this.replay(record, req), meta: { replayedMutationId: record.id } };
    }
    claimed.mutationId = record.id;
    if (req.envelope.dryRun) {
      await this.store.finish(record.id, { status: 'dry-run' });
      return {
        mutation: { mutation: { ...record, status: 'dry-run' }, replayed: false },
        meta: { mutationId: record.id, plan: planMeta },
      };
    }

    try {
      const result = await req.execute();
      await this.store.finish(record.id, { status: 'succeeded', result });
      return {
        mutation: {
          mutation: { ...record, status: 'succeeded', result, finishedAt: new Date().toISOString() },
          replayed: false,
        },
        meta: { mutationId: record.id, plan: planMeta, result },
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.store.finish(record.id, { status: 'failed', error: message });
      throw error;
    }
  }

  /** A page of an entity's change history, newest first (see MutationStore.listForTarget). */
  history(targetRef: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    return this.store.listForTarget(targetRef, query);
  }

  /** The same key again: same answer, unless it is reused for a different change. */
  private replay(previous: MutationRecord, req: MutationRequest<JsonObject>): MutationOutcome {
    if (
      previous.action !== req.action ||
      previous.targetRef !== req.targetRef.toLowerCase() ||
      JSON.stringify(previous.input) !== JSON.stringify(req.input)
    ) {
      throw new ConflictError(
        `idempotencyKey ${previous.idempotencyKey} was already used for ${previous.action} on ${previous.targetRef} with other input; use a new key for a new change`,
      );
    }
    return { mutation: previous, replayed: true };
  }
}
