import Router from 'express-promise-router';
import { MutationRunner } from '../changes/MutationRunner';
import { historyQuerySchema } from './querySchemas';
import { parseOrThrow } from './requestContext';

/**
 * GET /changes/history?entityRef=&kind=&limit=&cursor=: the change history of any entity a
 * change targets (fleets, queues, and the databases / environments runbooks start on), a
 * page at a time, real changes apart from dry-runs. A runbook start row's `outcome` is its
 * execution's status.
 */
export function createChangeHistoryRoutes(runner: MutationRunner) {
  const router = Router();
  router.get('/changes/history', async (req, res) => {
    const { entityRef, ...query } = parseOrThrow(historyQuerySchema, req.query, 'history query');
    res.json(await runner.history(entityRef, query));
  });
  return router;
}
