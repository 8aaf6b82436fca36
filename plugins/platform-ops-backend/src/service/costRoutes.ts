import Router from 'express-promise-router';
import { entityRefSchema, environmentNameSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { parseOrThrow } from './requestContext';
import { CostService } from '../costs/CostService';

const upper = (v: unknown) => (typeof v === 'string' ? v.toUpperCase() : v);

const scopeShape = {
  environment: environmentNameSchema.optional(),
  entityRef: entityRefSchema.optional(),
};

const spendQuery = z
  .object({
    ...scopeShape,
    granularity: z
      .preprocess(
        upper,
        z.enum(['DAILY', 'MONTHLY'], {
          errorMap: () => ({
            message:
              'must be DAILY or MONTHLY (HOURLY data is not kept by default)',
          }),
        }),
      )
      .default('DAILY'),
    groupBy: z
      .preprocess(
        upper,
        z.enum(['SERVICE', 'ENVIRONMENT'], {
          errorMap: () => ({ message: 'must be SERVICE or ENVIRONMENT' }),
        }),
      )
      .default('SERVICE'),
    start: z.string().optional(),
    end: z.string().optional(),
  })
  .strict();

const scopeQuery = z.object(scopeShape).strict();

const unitEconomicsQuery = z
  .object({
    ...scopeShape,
    days: z.coerce.number().int().min(1).max(90).optional(),
  })
  .strict();

/**
 * GET /costs/spend, /costs/budget, /costs/anomalies, /costs/unit-economics. Each takes
 * `environment` or `entityRef` (none = the platform). Answers carry `fetchedAt`.
 */
export function createCostRoutes(costs: CostService) {
  const router = Router();

  router.get('/costs/spend', async (req, res) => {
    res.json(
      await costs.spend(parseOrThrow(spendQuery, req.query, 'cost query')),
    );
  });

  router.get('/costs/budget', async (req, res) => {
    res.json(
      await costs.budget(parseOrThrow(scopeQuery, req.query, 'cost query')),
    );
  });

  router.get('/costs/anomalies', async (req, res) => {
    res.json(
      await costs.anomalies(parseOrThrow(scopeQuery, req.query, 'cost query')),
    );
  });

  router.get('/costs/unit-economics', async (req, res) => {
    res.json(
      await costs.unitEconomics(
        parseOrThrow(unitEconomicsQuery, req.query, 'cost query'),
      ),
    );
  });

  return router;
}
