import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  fleetScalePermission,
  fleetScalingPolicyPermission,
  FleetStatus,
  QueueResource,
} from '@platformops/plugin-platform-ops-common';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { MutationRunner } from '../changes/MutationRunner';
import { changeActor, parseOrThrow } from './requestContext';
import { entityRefQuerySchema, environmentQuerySchema } from './querySchemas';
import { runPlannedChange } from '../changes/runPlannedChange';
import {
  PlannedCall,
  planDeleteScheduledAction,
  planProcesses,
  planScheduledAction,
  planSetDesired,
  planSetSize,
  planSpotShare,
  planTargetTracking,
  previewTargetTracking,
} from '../fleet/fleetCommands';
import {
  deleteScheduledActionSchema,
  processesSchema,
  scheduledActionSchema,
  setDesiredSchema,
  setSizeSchema,
  spotShareSchema,
  targetTrackingSchema,
} from '../fleet/fleetSchemas';
import { FleetService } from '../fleet/FleetService';
import { listBody } from './listResponse';
import { trimFleet } from '../queues/trimSeries';

export interface FleetRoutesOptions {
  fleets: FleetService;
  inventory: InventoryService;
  runner: MutationRunner;
  gateway: AwsGateway;
  httpAuth: HttpAuthService;
}

/**
 * GET /fleets[?environment=], GET /fleets/by-entity?entityRef=, GET /fleets/history?entityRef=,
 * and the changes: POST /fleets/{desired-capacity,size,spot-share,processes,target-tracking,
 * scheduled-actions,scheduled-actions/delete}.
 */
export function createFleetRoutes(options: FleetRoutesOptions) {
  const { fleets, inventory, runner, gateway, httpAuth } = options;
  const router = Router();

  router.get('/fleets', async (req, res) => {
    const { environment, series } = parseOrThrow(environmentQuerySchema, req.query, 'fleets query');
    if (environment) await inventory.getEnvironment(environment); // 404 naming the known ones
    const body = await listBody<FleetStatus>({
      key: 'fleets',
      environments: environment ? [environment] : (await inventory.getInventory()).environments.map(e => e.name),
      single: Boolean(environment),
      load: name => fleets.forEnvironment(name),
      trim: series === 'full' ? undefined : trimFleet,
    });
    res.type('application/json').send(body);
  });

  router.get('/fleets/by-entity', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'fleet query');
    res.json(await fleets.byEntity(entityRef));
  });

  router.get('/fleets/history', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'history query');
    const { fleet } = await fleets.resolve(entityRef);
    res.json({ items: await runner.history(fleet.entityRef) });
  });

  /** One POST route per change: zod first (nothing sent on bad input), then the runner. */
  function change<S extends z.ZodTypeAny>(
    path: string,
    action: string,
    permission: ResourcePermission<'catalog-entity'>,
    schema: S,
    plan: (fleet: FleetStatus, input: z.infer<S>) => PlannedCall[] | Promise<PlannedCall[]>,
    extra?: (fleet: FleetStatus, input: z.infer<S>) => JsonObject,
  ) {
    router.post(path, async (req, res) => {
      const input = parseOrThrow(schema, req.body, action.replace(/-/g, ' ')) as z.infer<S> & {
        entityRef: string;
      };
      const { environment, fleet } = await fleets.resolve(input.entityRef);
      let status: FleetStatus | undefined;
      const outcome = await runPlannedChange({ runner, gateway }, await changeActor(httpAuth, req), {
        action,
        permission,
        targetRef: fleet.entityRef,
        input: { ...input, entityRef: fleet.entityRef } as JsonObject,
        plan: async () => {
          status = await fleets.byEntity(fleet.entityRef);
          return { calls: await plan(status, input), location: fleet.location };
        },
        after: () => {
          fleets.invalidate(environment.name);
          return {};
        },
      });
      res.json({ ...outcome, ...(status && extra ? extra(status, input) : {}) });
    });
  }

  change('/fleets/desired-capacity', 'fleet-set-desired-capacity', fleetScalePermission, setDesiredSchema, planSetDesired);
  change('/fleets/size', 'fleet-set-size', fleetScalePermission, setSizeSchema, planSetSize);
  change('/fleets/spot-share', 'fleet-set-spot-share', fleetScalePermission, spotShareSchema, planSpotShare);
  change('/fleets/processes', 'fleet-processes', fleetScalePermission, processesSchema, planProcesses);
  change('/fleets/scheduled-actions', 'fleet-put-scheduled-action', fleetScalePermission, scheduledActionSchema, planScheduledAction);
  change(
    '/fleets/scheduled-actions/delete',
    'fleet-delete-scheduled-action',
    fleetScalePermission,
    deleteScheduledActionSchema,
    planDeleteScheduledAction,
  );
  change(
    '/fleets/target-tracking',
    'fleet-put-backlog-policy',
    fleetScalingPolicyPermission,
    targetTrackingSchema,
    async (status, input) => {
      const { resource } = status.backlog
        ? await inventory.getResource(status.backlog.queueRef)
        : { resource: undefined };
      return planTargetTracking(status, (resource as QueueResource | undefined)?.queueName, input);
    },
    (status, input) => ({ preview: previewTargetTracking(status, input) as unknown as JsonObject }),
  );

  return router;
}
