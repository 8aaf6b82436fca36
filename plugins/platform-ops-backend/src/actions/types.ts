import { AuditorService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CostService } from '../costs/CostService';
import { FleetChanges } from '../fleet/FleetChanges';
import { FleetService } from '../fleet/FleetService';
import { InventoryService } from '../inventory/InventoryService';
import { QueueChanges } from '../queues/QueueChanges';
import { QueueService } from '../queues/QueueService';
import { RunbookService } from '../runbooks/RunbookService';
import { PlanTokens } from './planToken';

/** The services the actions use: the same ones the HTTP layer uses, never the HTTP layer. */
export interface ActionDeps {
  actionsRegistry: ActionsRegistryService;
  auditor: AuditorService;
  inventory: InventoryService;
  fleets: FleetService;
  fleetChanges: FleetChanges;
  queues: QueueService;
  queueChanges: QueueChanges;
  costs: CostService;
  runbooks: RunbookService;
  tokens: PlanTokens;
}

/** Read-only tools: safe to call at any time, any number of times. */
export const READ_ONLY = { readOnly: true, destructive: false, idempotent: true } as const;

/** Guarded changes: dry-run by default, apply with a plan token (see guardedChange.ts). */
export const GUARDED_CHANGE = { readOnly: false, destructive: true, idempotent: false } as const;
