import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  queueRedrivePermission,
  QueueResource,
  QueuesResponse,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { runChange } from '../fleet/changeRoute';
import { collectPerEnvironment } from '../fleet/fleetRoutes';
import { entityRefQuerySchema, environmentQuerySchema } from '../fleet/fleetSchemas';
import { InventoryService } from '../inventory/InventoryService';
import { MutationRunner } from '../mutations/MutationRunner';
import { parseOrThrow } from '../service/requestContext';
import { QueueService } from './QueueService';
import { listRedriveTasks, planRedrive } from './redrive';
import { trimQueue } from './trimSeries';

const redriveSchema = z.object({
  entityRef: entityRefQuerySchema.shape.entityRef,
  maxNumberOfMessagesPerSecond: z
    .number()
    .int('maxNumberOfMessagesPerSecond must be a whole number')
    .min(1, 'maxNumberOfMessagesPerSecond must be between 1 and 500')
    .max(500, 'maxNumberOfMessagesPerSecond must be between 1 and 500')
    .optional(),
});

export interface QueueRoutesOptions {
  queues: QueueService;
  inventory: InventoryService;
  runner: MutationRunner;
  gateway: AwsGateway;
  httpAuth: HttpAuthService;
}

/**
 * GET /queues[?environment=], GET /queues/by-entity?entityRef=, GET /queues/history?entityRef=,
 * GET /queues/redrive?entityRef= (move task progress), POST /queues/redrive.
 */
export function createQueueRoutes(options: QueueRoutesOptions) {
  const { queues, inventory, runner, gateway, httpAuth } = options;
  const router = Router();

  async function resolveQueue(entityRef: string) {
    const { environment, resource } = await inventory.getResource(entityRef);
    if (resource.kind !== 'queue') throw new NotFoundError(`${entityRef} is a ${resource.kind}, not a queue`);
    return { environment, queue: resource as QueueResource };
  }

  router.get('/queues', async (req, res) => {
    const { environment, series } = parseOrThrow(environmentQuerySchema, req.query, 'queues query');
    const shape = (list: QueueStatus[]) => (series === 'full' ? list : list.map(trimQueue));
    if (environment) {
      await inventory.getEnvironment(environment);
      const body: QueuesResponse = { queues: shape(await queues.forEnvironment(environment)) };
      res.json(body);
      return;
    }
    const names = (await inventory.getInventory()).environments.map(e => e.name);
    const { items, problems } = await collectPerEnvironment(names, n => queues.forEnvironment(n));
    const body: QueuesResponse = { queues: shape(items), problems };
    res.json(body);
  });

  router.get('/queues/by-entity', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'queue query');
    res.json(await queues.byEntity(entityRef));
  });

  router.get('/queues/history', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'history query');
    const { queue } = await resolveQueue(entityRef);
    res.json({ items: await runner.history(queue.entityRef) });
  });

  router.get('/queues/redrive', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'redrive query');
    const { queue } = await resolveQueue(entityRef);
    res.json({ tasks: await listRedriveTasks(gateway, queue) });
  });

  router.post('/queues/redrive', async (req, res) => {
    const input = parseOrThrow(redriveSchema, req.body, 'redrive');
    const { environment, queue } = await resolveQueue(input.entityRef);
    const outcome = await runChange({ runner, gateway, httpAuth }, req, {
      action: 'queue-redrive-dlq',
      permission: queueRedrivePermission,
      targetRef: queue.entityRef,
      input: { ...input, entityRef: queue.entityRef },
      plan: async () => ({
        calls: planRedrive(queue, input.maxNumberOfMessagesPerSecond),
        location: queue.location,
      }),
      after: outputs => {
        queues.invalidate(environment.name);
        const started = outputs[0] as { TaskHandle?: string } | undefined;
        return started?.TaskHandle ? { taskHandle: started.TaskHandle } : {};
      },
    });
    res.json(outcome);
  });

  return router;
}
