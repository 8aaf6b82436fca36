import { BackstageCredentials, BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { AwsGateway } from '../aws/types';
import { AuditOrigin, MutationOutcome, MutationRunner } from './MutationRunner';
import { FieldChange, MutationEnvelope, PlannedCall } from './types';

/** Who makes a change and why: what every caller (HTTP route, action, test) passes in. */
export interface ChangeActor {
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  envelope: MutationEnvelope;
  /** For the audit record only (the HTTP request when there is one). */
  auditOrigin?: AuditOrigin;
}

export interface ChangeSpec {
  action: string;
  permission: ResourcePermission<'catalog-entity'>;
  targetRef: string;
  /** The validated input, recorded in history and compared on idempotent replays. */
  input: JsonObject;
  /** Checks that need AWS state, then the exact calls; throws 4xx on bad input. */
  plan: () => Promise<{
    calls: PlannedCall[];
    location: { accountId: string; region: string };
    /** Before -> after of what the change sets, for the history row. */
    changes?: FieldChange[];
  }>;
  /** After the calls succeeded: invalidate caches, add to the result. */
  after?: (outputs: unknown[]) => Promise<JsonObject> | JsonObject;
}

/**
 * Runs a fleet or queue change through the MutationRunner: the plan is computed once and
 * is both the dry-run's answer (gateway.preview) and what execute sends, in order.
 */
export async function runPlannedChange(
  deps: { runner: MutationRunner; gateway: AwsGateway },
  actor: ChangeActor,
  spec: ChangeSpec,
): Promise<MutationOutcome> {
  let planned: Awaited<ReturnType<ChangeSpec['plan']>> | undefined;
  return deps.runner.run({
    action: spec.action,
    permission: spec.permission,
    targetRef: spec.targetRef,
    credentials: actor.credentials,
    auditOrigin: actor.auditOrigin,
    envelope: actor.envelope,
    input: spec.input,
    plan: async () => {
      planned = await spec.plan();
      const { calls, location } = planned;
      return calls.map(c => deps.gateway.preview(location, c.service, c.command));
    },
    changes: () => planned?.changes ?? [],
    execute: async () => {
      const { calls, location } = planned!;
      const outputs: unknown[] = [];
      for (const call of calls) {
        outputs.push(await deps.gateway.send(location, call.service, call.command));
      }
      const extra = spec.after ? await spec.after(outputs) : {};
      // AWS's request ids, so a history row can be matched with CloudTrail and AWS support.
      const awsRequestIds = outputs.flatMap(o => {
        const id = (o as { $metadata?: { requestId?: string } } | undefined)?.$metadata?.requestId;
        return id ? [id] : [];
      });
      return { calls: calls.length, awsRequestIds, ...extra };
    },
  });
}
