import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { readResourceState } from '../resourceState/readResourceState';
import { SingleFlightCache } from '../util/SingleFlightCache';
import { ResourceState } from '@platformops/plugin-platform-ops-common';
import { parseOrThrow } from './requestContext';

const querySchema = z.object({ entityRef: z.string({ required_error: 'entityRef is required' }).min(3) });

/**
 * GET /resources/state?entityRef=: the live state of a database, cache or ECS service. Answers
 * are shared for a few seconds, so cards polling in many browsers make one Describe call.
 */
export function createResourceStateRoutes(deps: {
  inventory: InventoryService;
  gateway: AwsGateway;
  now?: () => Date;
  ttlMs?: number;
}): express.Router {
  const router = Router();
  const cache = new SingleFlightCache<ResourceState>(deps.ttlMs ?? 5_000);
  router.get('/resources/state', async (req, res) => {
    const { entityRef } = parseOrThrow(querySchema, req.query, 'query');
    const { resource, environment } = await deps.inventory.getResource(entityRef);
    res.json(
      await cache.get(resource.entityRef.toLowerCase(), () =>
        readResourceState(deps.gateway, resource, (deps.now ?? (() => new Date()))(), environment.drRegion),
      ),
    );
  });
  return router;
}
