import { registerAction } from './registerAction';
import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { redriveSchema as redriveInput } from '../queues/redriveSchema';
import { applyAnswer } from './fleetActions';
import { guardFields, runGuardedChange } from './guardedChange';
import { toJson } from './toJson';
import { ActionDeps, GUARDED_CHANGE, READ_ONLY } from './types';


/** Queue backlog and DLQ depth (read), DLQ redrive (guarded change). */
export function registerQueueActions(deps: ActionDeps) {
  const { actionsRegistry, queues, queueChanges, tokens, auditor } = deps;

  registerAction(actionsRegistry, {
    name: 'get-queue',
    title: 'Queue backlog and dead-letter depth',
    description:
      'Status of an SQS job queue by catalog entity ref: visible, in-flight and delayed messages (the backlog), the dead-letter queue and its depth, alarms, the fleets draining it, and recent metrics.',
    attributes: READ_ONLY,
    schema: {
      input: z2 => z2.object({ entityRef: entityRefSchema.describe('Catalog ref of the queue, e.g. resource:default/staging-jobs-queue') }),
      output: z2 => z2.object({ queue: z2.object({}).passthrough() }),
    },
    action: async ({ input }) => ({ output: { queue: toJson(await queues.byEntity(input.entityRef)) } }),
  });

  registerAction(actionsRegistry, {
    name: 'redrive-dlq',
    title: "Redrive a queue's dead-letter queue",
    description:
      "Moves the messages of a queue's dead-letter queue back to it (SQS StartMessageMoveTask). DRY RUN by default, returning the exact AWS call and a planToken; apply by calling again with the same input, a reason, the planToken (and confirm: the environment name for production).",
    attributes: GUARDED_CHANGE,
    schema: {
      input: () => redriveInput.extend(guardFields),
      output: z2 => z2.object({ dryRun: z2.boolean() }).passthrough(),
    },
    action: async ({ input, credentials }) => {
      const { reason, planToken, confirm, idempotencyKey, ...own } = input;
      return {
        output: await runGuardedChange(
          { tokens, auditor },
          {
            action: 'redrive-dlq',
            credentials,
            guard: { reason, planToken, confirm, idempotencyKey },
            input: own,
            confirmation: async () => {
              const { environment } = await queueChanges.resolve(own.entityRef);
              return environment.tier === 'prod' ? environment.name : undefined;
            },
            dryRun: async actor => {
              const { mutation } = await queueChanges.redrive(own, actor);
              return { mutationId: mutation.id, plan: toJson(mutation.plan) };
            },
            apply: async actor => applyAnswer(await queueChanges.redrive(own, actor)),
          },
        ),
      };
    },
  });
}
