import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { DAILY_STORAGE_TTL_MS, DailyStorageMetrics } from '../resourceState/dailyStorageMetrics';
import { readResourceState } from '../resourceState/readResourceState';
import { SingleFlightCache } from '../util/SingleFlightCache';
import { ResourceState } from '@platformops/plugin-platform-ops-common';
import { parseOrThrow } from './requestContext';

const querySchema = z.object({ entityRef: z.string({ required_error: 'entityRef is required' }).min(3) });

/**
 * GET /resources/state?entityRef=: the live state of a database, cache, ECS service or bucket.
 * Answers are shared for a few seconds, so cards polling in many browsers make one Describe
 * call; a bucket's daily storage metrics, published once a day, for an hour.
 */
export function createResourceStateRoutes(deps: {
  inventory: InventoryService;
  gateway: AwsGateway;
  now?: () => Date;
  ttlMs?: number;
  /** How long a bucket's daily storage metrics are shared (default an hour: S3 publishes them daily). */
  storageTtlMs?: number;
}): express.Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  const cache = new SingleFlightCache<ResourceState>(deps.ttlMs ?? 5_000);
  const storage = new DailyStorageMetrics(deps.storageTtlMs ?? DAILY_STORAGE_TTL_MS, () => now().getTime());
  router.get('/resources/state', async (req, res) => {
    const { entityRef } = parseOrThrow(querySchema, req.query, 'query');
    const { resource, environment } = await deps.inventory.getResource(entityRef);
    res.json(
      await cache.get(resource.entityRef.toLowerCase(), () =>
        readResourceState(deps.gateway, resource, now(), environment.drRegion, storage),
      ),
    );
  });
  return router;
}
