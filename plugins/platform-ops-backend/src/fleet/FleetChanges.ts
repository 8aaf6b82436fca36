import {
  FleetChangeAction,
  fleetScalePermission,
  fleetScalingPolicyPermission,
  FleetStatus,
  QueueResource,
} from '@platformops/plugin-platform-ops-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { MutationOutcome, MutationRunner } from '../changes/MutationRunner';
import { ChangeActor, runPlannedChange } from '../changes/runPlannedChange';
import { HistoryQuery, PlannedCall } from '../changes/types';
import { InventoryService } from '../inventory/InventoryService';
import {
  planDeleteScheduledAction,
  planProcesses,
  planScheduledAction,
  planSetDesired,
  planSetSize,
  planSpotShare,
  planTargetTracking,
  previewTargetTracking,
} from './fleetCommands';
import {
  deleteScheduledActionSchema,
  processesSchema,
  scheduledActionSchema,
  setDesiredSchema,
  setSizeSchema,
  spotShareSchema,
  targetTrackingSchema,
} from './fleetSchemas';
import { fleetFieldChanges } from './fieldChanges';
import { FleetService } from './FleetService';

/** One kind of fleet change: its id, permission, input schema, AWS calls and extra answer. */
export interface FleetChangeKind<S extends z.ZodTypeAny = z.ZodTypeAny> {
  /** kebab-case action id in history and audit, e.g. fleet-set-desired-capacity. */
  action: string;
  permission: ResourcePermission<'catalog-entity'>;
  /** What the input must look like; callers validate with it before calling `change`. */
  schema: S;
  plan: (fleet: FleetStatus, input: z.infer<S>, inventory: InventoryService) => PlannedCall[] | Promise<PlannedCall[]>;
  extra?: (fleet: FleetStatus, input: z.infer<S>) => JsonObject;
}

/** Checks a kind against its own schema, then forgets the schema type (the table is uniform). */
const kind = <S extends z.ZodTypeAny>(k: FleetChangeKind<S>): FleetChangeKind =>
  k as unknown as FleetChangeKind;

/** Every fleet change, by the name the API uses for it (POST /fleets/<name>). */
export const FLEET_CHANGES = {
  'desired-capacity': kind({
    action: 'fleet-set-desired-capacity',
    permission: fleetScalePermission,
    schema: setDesiredSchema,
    plan: planSetDesired,
  }),
  size: kind({ action: 'fleet-set-size', permission: fleetScalePermission, schema: setSizeSchema, plan: planSetSize }),
  'spot-share': kind({
    action: 'fleet-set-spot-share',
    permission: fleetScalePermission,
    schema: spotShareSchema,
    plan: planSpotShare,
  }),
  processes: kind({ action: 'fleet-processes', permission: fleetScalePermission, schema: processesSchema, plan: planProcesses }),
  'scheduled-actions': kind({
    action: 'fleet-put-scheduled-action',
    permission: fleetScalePermission,
    schema: scheduledActionSchema,
    plan: planScheduledAction,
  }),
  'scheduled-actions/delete': kind({
    action: 'fleet-delete-scheduled-action',
    permission: fleetScalePermission,
    schema: deleteScheduledActionSchema,
    plan: planDeleteScheduledAction,
  }),
  'target-tracking': kind({
    action: 'fleet-put-backlog-policy',
    permission: fleetScalingPolicyPermission,
    schema: targetTrackingSchema,
    plan: async (status, input, inventory) => {
      const { resource } = status.backlog
        ? await inventory.getResource(status.backlog.queueRef)
        : { resource: undefined };
      return planTargetTracking(status, (resource as QueueResource | undefined)?.queueName, input);
    },
    extra: (status, input) => ({ preview: previewTargetTracking(status, input) as unknown as JsonObject }),
  }),
} satisfies Record<FleetChangeAction, FleetChangeKind>;

/**
 * Makes fleet changes: resolves the fleet, plans the exact AWS calls from its current status
 * (the dry-run answer), and runs them through the change runner (permission, idempotency,
 * audit, history), then drops the environment's cached status. No HTTP here: routes and
 * actions call it alike.
 */
export class FleetChanges {
  constructor(
    private readonly deps: {
      fleets: FleetService;
      inventory: InventoryService;
      runner: MutationRunner;
      gateway: AwsGateway;
    },
  ) {}

  /**
   * `input` must have passed `FLEET_CHANGES[name].schema`. `actor` may be a function: it is
   * called once the fleet is known, so an unknown fleet is a 404 before any credential check.
   */
  async change(
    name: FleetChangeAction,
    input: { entityRef: string },
    actor: ChangeActor | (() => Promise<ChangeActor>),
  ): Promise<MutationOutcome & { preview?: JsonObject }> {
    const spec = FLEET_CHANGES[name];
    const { fleets, inventory, runner, gateway } = this.deps;
    const { environment, fleet } = await fleets.resolve(input.entityRef);
    let status: FleetStatus | undefined;
    const outcome = await runPlannedChange({ runner, gateway }, typeof actor === 'function' ? await actor() : actor, {
      action: spec.action,
      permission: spec.permission,
      targetRef: fleet.entityRef,
      input: { ...input, entityRef: fleet.entityRef } as JsonObject,
      plan: async () => {
        status = await fleets.byEntity(fleet.entityRef);
        return {
          calls: await spec.plan(status, input, inventory),
          location: fleet.location,
          changes: fleetFieldChanges(name, status, input as Record<string, unknown>),
        };
      },
      after: () => {
        fleets.invalidate(environment.name);
        return {};
      },
    });
    return { ...outcome, ...(status && spec.extra ? spec.extra(status, input) : {}) };
  }

  /** A page of the change history of a fleet, newest first. */
  async history(entityRef: string, query: HistoryQuery = {}) {
    const { fleet } = await this.deps.fleets.resolve(entityRef);
    return this.deps.runner.history(fleet.entityRef, query);
  }
}
