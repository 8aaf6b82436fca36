import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { queueNeedsAttention, QueueStatus } from '@platformops/plugin-platform-ops-common';
import Router from 'express-promise-router';
import { InventoryService } from '../inventory/InventoryService';
import { QueueChanges } from '../queues/QueueChanges';
import { QueueService } from '../queues/QueueService';
import { ListFilter, listBody, sendListBody } from './listResponse';
import { queueListItem } from './listItems';
import { entityRefQuerySchema, historyQuerySchema, listQuerySchema } from './querySchemas';
import { redriveSchema } from '../queues/redriveSchema';
import { auditedRoute } from './auditedRoute';
import { changeActor, parseChangeBody, parseOrThrow } from './requestContext';

/** ?needsAttention=true: judged on the list item, as the health strip judges what it shows. */
const NEEDS_ATTENTION: ListFilter<QueueStatus> = { name: 'needsAttention', keep: q => queueNeedsAttention(queueListItem(q)) };

export interface QueueRoutesOptions {
  queues: QueueService;
  changes: QueueChanges;
  inventory: InventoryService;
  httpAuth: HttpAuthService;
  /** Audits requests refused before the change runner saw them. */
  auditor?: AuditorService;
}

/**
 * GET /queues[?environment=&series=&offset=&limit=&needsAttention=true], GET /queues/by-entity?entityRef=, GET /queues/history?entityRef=,
 * GET /queues/redrive?entityRef= (move task progress), POST /queues/redrive.
 */
export function createQueueRoutes(options: QueueRoutesOptions) {
  const { queues, changes, inventory, httpAuth, auditor } = options;
  const router = Router();

  router.get('/queues', async (req, res) => {
    const { environment, series, offset, limit, needsAttention } = parseOrThrow(listQuerySchema, req.query, 'queues query');
    if (environment) await inventory.getEnvironment(environment);
    const body = await listBody<QueueStatus>({
      key: 'queues',
      environments: environment ? [environment] : (await inventory.getInventory()).environments.map(e => e.name),
      single: Boolean(environment),
      load: async name => {
        const read = await queues.listForEnvironment(name, series === 'full' ? 'full' : 'list');
        return { items: read.queues, problems: read.problems };
      },
      page: limit === undefined ? undefined : { offset, limit },
      trim: series === 'full' ? undefined : queueListItem,
      filter: needsAttention ? NEEDS_ATTENTION : undefined,
    });
    sendListBody(req, res, body);
  });

  router.get('/queues/by-entity', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'queue query');
    res.json(await queues.byEntity(entityRef));
  });

  router.get('/queues/history', async (req, res) => {
    const { entityRef, ...query } = parseOrThrow(historyQuerySchema, req.query, 'history query');
    res.json(await changes.history(entityRef, query));
  });

  router.get('/queues/redrive', async (req, res) => {
    const { entityRef } = parseOrThrow(entityRefQuerySchema, req.query, 'redrive query');
    res.json({ tasks: await changes.redriveTasks(entityRef) });
  });

  router.post(
    '/queues/redrive',
    auditedRoute(auditor, 'queue-redrive-dlq', async (req, res) => {
      const input = parseChangeBody(redriveSchema, req.body, 'redrive');
      res.json(await changes.redrive(input, () => changeActor(httpAuth, req)));
    }),
  );

  return router;
}
