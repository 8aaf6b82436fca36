import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  queueRedrivePermission,
  QueueResource,
  QueueStatus,
} from '@platformops/plugin-platform-ops-common';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { listBody } from './listResponse';
import { InventoryService } from '../inventory/InventoryService';
import { MutationRunner } from '../changes/MutationRunner';
import { changeActor, parseOrThrow } from './requestContext';
import { entityRefQuerySchema, environmentQuerySchema } from './querySchemas';
import { runPlannedChange } from '../changes/runPlannedChange';
import { QueueService } from '../queues/QueueService';
import { listRedriveTasks, planRedrive } from '../queues/redrive';
import { trimQueue } from '../queues/trimSeries';

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
    if (environment) await inventory.getEnvironment(environment);
    const body = await listBody<QueueStatus>({
      key: 'queues',
      environments: environment ? [environment] : (await inventory.getInventory()).environments.map(e => e.name),
      single: Boolean(environment),
      load: name => queues.forEnvironment(name),
      trim: series === 'full' ? undefined : trimQueue,
    });
    res.type('application/json').send(body);
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
    const outcome = await runPlannedChange({ runner, gateway }, await changeActor(httpAuth, req), {
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
