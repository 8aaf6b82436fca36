import { registerAction } from './registerAction';
import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { ChangeActor } from '../changes/runPlannedChange';
import { guardFields, runGuardedChange } from './guardedChange';
import { toJson } from './toJson';
import { ActionDeps, GUARDED_CHANGE, READ_ONLY } from './types';

const startInput = z.object({
  runbookId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'runbookId must be a runbook id (see list-runbooks)'),
  entityRef: entityRefSchema.describe('Catalog ref of the environment or resource the runbook runs on'),
  mode: z
    .enum(['live', 'drill'])
    .default('drill')
    .describe('drill runs against the simulated account (safe); live acts on the real one'),
});

/** Runbooks for an entity and an execution's progress (read), runbook start (guarded change). */
export function registerRunbookActions(deps: ActionDeps) {
  const { actionsRegistry, runbooks, tokens, auditor } = deps;

  registerAction(actionsRegistry, {
    name: 'list-runbooks',
    title: 'Runbooks for an entity',
    description:
      'The DR runbooks that apply to a catalog entity (an environment or a resource in one), with their RTO/RPO targets, and its recent executions.',
    attributes: READ_ONLY,
    schema: {
      input: zod => zod.object({ entityRef: entityRefSchema }),
      output: zod =>
        zod.object({
          targetRef: zod.string(),
          environment: zod.string(),
          runbooks: zod.array(zod.object({ id: zod.string() }).passthrough()),
          executions: zod.array(zod.object({ id: zod.string() }).passthrough()),
        }),
    },
    action: async ({ input }) => {
      const { target, runbooks: applicable } = await runbooks.applicable(input.entityRef);
      const executions = await runbooks.list(target.entityRef, 10);
      return {
        output: {
          targetRef: target.entityRef,
          environment: target.environment.name,
          runbooks: applicable.map(d => ({
            id: d.id,
            title: d.title,
            description: d.description,
            rtoTargetMinutes: d.rtoTargetMinutes,
            ...(d.rpoTargetMinutes !== undefined ? { rpoTargetMinutes: d.rpoTargetMinutes } : {}),
          })),
          executions: executions.map(e => ({
            id: e.id,
            runbookId: e.runbookId,
            status: e.status,
            mode: e.mode,
            actor: e.actor,
            createdAt: e.createdAt,
          })),
        },
      };
    },
  });

  registerAction(actionsRegistry, {
    name: 'get-runbook-execution',
    title: "A runbook execution's progress",
    description: 'Status, steps (with their state and output), logs and elapsed time of a runbook execution, by its id.',
    attributes: READ_ONLY,
    schema: {
      input: zod => zod.object({ executionId: zod.string().uuid('executionId must be an execution id (UUID)') }),
      output: zod => zod.object({ execution: zod.object({}).passthrough() }),
    },
    action: async ({ input }) => ({ output: { execution: toJson(await runbooks.view(input.executionId)) } }),
  });

  registerAction(actionsRegistry, {
    name: 'start-runbook',
    title: 'Start a DR runbook',
    description:
      'Starts a runbook on an entity. DRY RUN by default: the answer holds the preflight checks, the plan (every step and its AWS calls) and a planToken. To start it, call again with the same input, a reason, the planToken and, for a live run in production, confirm: the environment name. Your own catalog permissions apply.',
    attributes: GUARDED_CHANGE,
    schema: {
      input: () => startInput.extend(guardFields),
      output: zod => zod.object({ dryRun: zod.boolean() }).passthrough(),
    },
    action: async ({ input, credentials }) => {
      const { reason, planToken, confirm, idempotencyKey, ...own } = input;
      const start = (actor: ChangeActor) =>
        runbooks.start({ ...own, confirm, envelope: actor.envelope, credentials: actor.credentials });
      return {
        output: await runGuardedChange(
          { tokens, auditor },
          {
            action: 'start-runbook',
            credentials,
            guard: { reason, planToken, confirm, idempotencyKey },
            input: own,
            // As the UI: a live run in production needs the environment's name typed back.
            confirmation: async () => {
              const target = await runbooks.resolveTarget(own.entityRef);
              return own.mode === 'live' && target.environment.tier === 'prod' ? target.environment.name : undefined;
            },
            dryRun: async actor => {
              const { dryRun: _dryRun, ...preview } = await start(actor);
              return toJson(preview);
            },
            apply: async actor => {
              const started = await start(actor);
              return toJson(started.dryRun ? started : { replayed: started.replayed, execution: started.execution });
            },
          },
        ),
      };
    },
  });
}
