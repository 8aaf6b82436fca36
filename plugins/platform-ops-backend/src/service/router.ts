import { AuditorService, HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { AwsGateway } from '../aws/types';
import { MutationRunner } from '../changes/MutationRunner';
import { CostService } from '../costs/CostService';
import { FleetChanges } from '../fleet/FleetChanges';
import { FleetService } from '../fleet/FleetService';
import { InventoryService } from '../inventory/InventoryService';
import { QueueChanges } from '../queues/QueueChanges';
import { QueueService } from '../queues/QueueService';
import { RunbookService } from '../runbooks/RunbookService';
import { awsErrorMiddleware } from './awsErrorMiddleware';
import { productionErrorHandler } from './productionErrors';
import { createChangeHistoryRoutes } from './changeHistoryRoutes';
import { createCostRoutes } from './costRoutes';
import { createFleetRoutes } from './fleetRoutes';
import { createInventoryRoutes } from './inventoryRoutes';
import { createLedgerRoutes } from './ledgerRoutes';
import { createQueueRoutes } from './queueRoutes';
import { createResourceStateRoutes } from './resourceStateRoutes';
import { createRunbookRoutes } from './runbookRoutes';

/** The services the HTTP layer serves. */
export interface PlatformOpsRouterOptions {
  httpAuth: HttpAuthService;
  /** Where production errors are logged under their log id. */
  logger: LoggerService;
  /** Audits change requests refused before the change runner saw them. */
  auditor?: AuditorService;
  inventory: InventoryService;
  gateway: AwsGateway;
  fleets: FleetService;
  fleetChanges: FleetChanges;
  queues: QueueService;
  queueChanges: QueueChanges;
  costs: CostService;
  runbooks: RunbookService;
  /** The change runner, for the history of any entity a change targets. */
  changeRunner: MutationRunner;
}

/**
 * The plugin's express router: /health (unauthenticated, see plugin.ts), JSON bodies, then
 * one sub-router per capability. Thrown InputError / NotAllowedError / NotFoundError /
 * ConflictError become 400 / 403 / 404 / 409 bodies in Backstage's root error handler.
 */
export function createRouter(options: PlatformOpsRouterOptions): express.Router {
  const { httpAuth, inventory, gateway, auditor, logger } = options;
  return createRouterFrom([
    createInventoryRoutes(inventory),
    createLedgerRoutes(gateway),
    createFleetRoutes({ fleets: options.fleets, changes: options.fleetChanges, inventory, httpAuth, auditor }),
    createQueueRoutes({ queues: options.queues, changes: options.queueChanges, inventory, httpAuth, auditor }),
    createCostRoutes(options.costs),
    createRunbookRoutes({ service: options.runbooks, httpAuth, auditor }),
    createChangeHistoryRoutes(options.changeRunner),
    createResourceStateRoutes({ inventory, gateway }),
  ], { logger });
}

/** The router around a list of capability routers (also used by tests of one of them). */
export function createRouterFrom(
  routes: express.Router[],
  options: { logger?: LoggerService; production?: boolean } = {},
): express.Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  for (const r of routes) router.use(r);
  // Throttled AWS calls: Retry-After on the 503 (the root error handler writes the body).
  router.use(awsErrorMiddleware());
  // Production: a message and a log id, never a stack or a path (see productionErrors.ts).
  if (options.logger) router.use(productionErrorHandler({ logger: options.logger, production: options.production }));
  return router;
}
