import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import express from 'express';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { MutationRunner } from '../mutations/MutationRunner';
import { createQueueRoutes } from '../queues/queueRoutes';
import { QueueService } from '../queues/QueueService';
import { createFleetRoutes } from './fleetRoutes';
import { FleetService } from './FleetService';
import { readFleetSettings } from './fleetSettings';

/**
 * The fleet and queue capability, wired once: both views share the queue cache, so a fleet
 * card and a queue card of the same environment cost one set of SQS/CloudWatch calls.
 */
export function createFleetQueueRoutes(deps: {
  config: Config;
  inventory: InventoryService;
  gateway: AwsGateway;
  runner: MutationRunner;
  httpAuth: HttpAuthService;
  now?: () => Date;
}): express.Router[] {
  const settings = readFleetSettings(deps.config);
  const queues = new QueueService(deps.inventory, deps.gateway, settings.cacheTtlMs, deps.now);
  const fleets = new FleetService(deps.inventory, deps.gateway, queues, settings, deps.now);
  const shared = { inventory: deps.inventory, runner: deps.runner, gateway: deps.gateway, httpAuth: deps.httpAuth };
  return [createFleetRoutes({ ...shared, fleets }), createQueueRoutes({ ...shared, queues })];
}
