import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { readResourceState } from '../resourceState/readResourceState';
import { parseOrThrow } from './requestContext';

const querySchema = z.object({ entityRef: z.string({ required_error: 'entityRef is required' }).min(3) });

/** GET /resources/state?entityRef=: the live state of a database, cache or ECS service. */
export function createResourceStateRoutes(deps: {
  inventory: InventoryService;
  gateway: AwsGateway;
  now?: () => Date;
}): express.Router {
  const router = Router();
  router.get('/resources/state', async (req, res) => {
    const { entityRef } = parseOrThrow(querySchema, req.query, 'query');
    const { resource } = await deps.inventory.getResource(entityRef);
    res.json(await readResourceState(deps.gateway, resource, (deps.now ?? (() => new Date()))()));
  });
  return router;
}
