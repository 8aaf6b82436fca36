import Router from 'express-promise-router';
import { environmentNameSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { InventoryService } from '../inventory/InventoryService';
import { parseOrThrow } from './requestContext';

/** GET /environments, /environments/:name, /inventory/problems. */
export function createInventoryRoutes(inventory: InventoryService) {
  const router = Router();

  router.get('/environments', async (_req, res) => {
    const { environments, problems } = await inventory.getInventory();
    res.json({ environments, problems });
  });

  router.get('/environments/:name', async (req, res) => {
    const { name } = parseOrThrow(
      z.object({ name: environmentNameSchema }),
      req.params,
      'environment name',
    );
    res.json(await inventory.getEnvironment(name));
  });

  router.get('/inventory/problems', async (_req, res) => {
    res.json({ problems: (await inventory.getInventory()).problems });
  });

  return router;
}
