import { registerAction } from './registerAction';
import { JsonObject } from '@backstage/types';
import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { MutationOutcome } from '../changes/MutationRunner';
import { setDesiredSchema, spotShareSchema } from '../fleet/fleetSchemas';
import { guardFields, runGuardedChange } from './guardedChange';
import { toJson } from './toJson';
import { ActionDeps, GUARDED_CHANGE, READ_ONLY } from './types';

/** What a dry-run of a planned change answers: the exact AWS calls and what they set. */
function dryRunAnswer({ mutation }: MutationOutcome): JsonObject {
  return {
    mutationId: mutation.id,
    plan: toJson(mutation.plan),
    changes: toJson(mutation.changes ?? []),
  };
}

/** What an applied change answers: its history row's id and status, and AWS's request ids. */
export function applyAnswer({
  mutation,
  replayed,
}: MutationOutcome): JsonObject {
  return {
    mutationId: mutation.id,
    status: mutation.status,
    replayed,
    plan: toJson(mutation.plan),
    ...(mutation.result ? { result: mutation.result } : {}),
  };
}

/** Fleet status and recommendation (read), desired capacity and spot share (guarded changes). */
export function registerFleetActions(deps: ActionDeps) {
  const { actionsRegistry, fleets, fleetChanges, tokens, auditor } = deps;
  const prodConfirmation = async (entityRef: string) => {
    const { environment } = await fleets.resolve(entityRef);
    return environment.tier === 'prod' ? environment.name : undefined;
  };

  registerAction(actionsRegistry, {
    name: 'get-fleet',
    title: 'GPU fleet status and recommendation',
    description:
      'Status of a GPU fleet (EC2 Auto Scaling group) by catalog entity ref: desired/min/max, instances in service and pending, spot share, scaling activities, hourly cost, the backlog of the queue it drains and the recommended desired capacity.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefSchema.describe(
            'Catalog ref of the fleet, e.g. resource:default/staging-gpu-fleet',
          ),
        }),
      output: z => z.object({ fleet: z.object({}).passthrough() }),
    },
    action: async ({ input }) => ({
      output: { fleet: toJson(await fleets.byEntity(input.entityRef)) },
    }),
  });

  /** A fleet change as a guarded action: dry run by default, applied with its plan token. */
  const registerFleetChange = <
    S extends typeof setDesiredSchema | typeof spotShareSchema,
  >(action: {
    name: string;
    title: string;
    description: string;
    schema: S;
    kind: 'desired-capacity' | 'spot-share';
  }) =>
    registerAction(actionsRegistry, {
      name: action.name,
      title: action.title,
      description: action.description,
      attributes: GUARDED_CHANGE,
      schema: {
        input: () => action.schema.extend(guardFields),
        output: z => z.object({ dryRun: z.boolean() }).passthrough(),
      },
      action: async ({ input, credentials }) => {
        const { reason, planToken, confirm, idempotencyKey, ...own } = input;
        const change = (actor: Parameters<typeof fleetChanges.change>[2]) =>
          fleetChanges.change(action.kind, own as never, actor);
        return {
          output: await runGuardedChange(
            { tokens, auditor },
            {
              action: action.name,
              credentials,
              guard: { reason, planToken, confirm, idempotencyKey },
              input: own,
              confirmation: () => prodConfirmation(own.entityRef),
              dryRun: async actor => dryRunAnswer(await change(actor)),
              apply: async actor => applyAnswer(await change(actor)),
            },
          ),
        };
      },
    });

  registerFleetChange({
    name: 'scale-fleet',
    title: 'Scale a GPU fleet (desired capacity)',
    description:
      'Sets the desired capacity of a GPU fleet. Without planToken it is a DRY RUN: nothing changes, the answer lists the exact AWS calls and a planToken. To apply, call again with the same input, a reason and that planToken (and confirm: the environment name for production). Your own catalog permissions apply.',
    schema: setDesiredSchema,
    kind: 'desired-capacity',
  });

  registerFleetChange({
    name: 'set-fleet-spot-share',
    title: 'Change the spot share of a GPU fleet',
    description:
      'Sets the on-demand base capacity and the on-demand percentage above it (the rest runs on spot). DRY RUN by default, returning the exact AWS calls and a planToken; apply by calling again with the same input, a reason, the planToken (and confirm: the environment name for production).',
    schema: spotShareSchema,
    kind: 'spot-share',
  });
}
