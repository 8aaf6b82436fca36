import { createApiRef } from '@backstage/core-plugin-api';
import {
  AnomalyReport,
  BudgetStatus,
  CostScopeQuery,
  CostSpendQuery,
  SpendReport,
  UnitEconomicsReport,
  ChangeEnvelope,
  ChangeOutcome,
  ChangeRecord,
  FleetChangeAction,
  FleetListResponse,
  FleetStatus,
  InventoryProblem,
  ListReadRequest,
  PlatformEnvironment,
  QueueListResponse,
  QueueStatus,
  RedriveTask,
  ResourceState,
} from '@platformops/plugin-platform-ops-common';
import {
  RunbookExecution,
  RunbookExecutionSummary,
  RunbookMode,
  RunbookPreview,
  RunbooksForEntity,
  RunbookSummary,
  StartRunbookBody,
  StartRunbookResult,
} from '@platformops/plugin-platform-ops-common';

/** Answer of GET /environments. @public */
export interface EnvironmentsResponse {
  environments: PlatformEnvironment[];
  problems: InventoryProblem[];
}

/**
 * The browser's view of the Platform Ops backend. One API for every capability; both the new
 * and the legacy frontend systems provide it (alpha.tsx, plugin.ts).
 *
 * @public
 */
export interface PlatformOpsApi {
  getEnvironments(): Promise<EnvironmentsResponse>;
  getEnvironment(name: string): Promise<PlatformEnvironment>;

  // Fleet and queues (issue 4). Changes carry reason / dryRun / idempotencyKey.
  /**
   * The table's fields of every fleet (or of one page of them, or only those needing
   * attention); a fleet's own read is getFleet.
   */
  getFleets(environment?: string, request?: ListReadRequest): Promise<FleetListResponse>;
  getFleet(entityRef: string): Promise<FleetStatus>;
  getFleetHistory(entityRef: string): Promise<{ items: ChangeRecord[] }>;
  changeFleet(
    action: FleetChangeAction,
    body: { entityRef: string } & ChangeEnvelope & Record<string, unknown>,
  ): Promise<ChangeOutcome>;
  /**
   * The table's fields of every queue (or of one page of them, or only those needing
   * attention); a queue's series and URLs are on getQueue.
   */
  getQueues(environment?: string, request?: ListReadRequest): Promise<QueueListResponse>;
  getQueue(entityRef: string): Promise<QueueStatus>;
  getQueueHistory(entityRef: string): Promise<{ items: ChangeRecord[] }>;
  getRedriveTasks(entityRef: string): Promise<{ tasks: RedriveTask[] }>;
  redriveQueue(
    body: { entityRef: string; maxNumberOfMessagesPerSecond?: number } & ChangeEnvelope,
  ): Promise<ChangeOutcome>;

  /** Live state of a database, cache or ECS service (primary AZ, primary node, tasks...). */
  getResourceState(entityRef: string): Promise<ResourceState>;

  // Costs (issue 5): cached Cost Explorer answers; each carries fetchedAt.
  getCostSpend(query?: CostSpendQuery): Promise<SpendReport>;
  getCostBudget(scope?: CostScopeQuery): Promise<BudgetStatus>;
  getCostAnomalies(scope?: CostScopeQuery): Promise<AnomalyReport>;
  getUnitEconomics(query?: CostScopeQuery & { days?: number }): Promise<UnitEconomicsReport>;

  // DR runbooks (issue 6).
  listRunbooks(): Promise<{ runbooks: RunbookSummary[] }>;
  getRunbooksForEntity(entityRef: string): Promise<RunbooksForEntity>;
  previewRunbook(runbookId: string, body: { entityRef: string; mode: RunbookMode }): Promise<RunbookPreview>;
  startRunbook(runbookId: string, body: StartRunbookBody): Promise<StartRunbookResult>;
  listRunbookExecutions(entityRef?: string): Promise<{ executions: RunbookExecutionSummary[] }>;
  getRunbookExecution(id: string): Promise<RunbookExecution>;
  cancelRunbookExecution(id: string, reason: string): Promise<RunbookExecution>;
  approveRunbookStep(id: string, stepId: string, reason: string): Promise<RunbookExecution>;
}

/** @public */
export const platformOpsApiRef = createApiRef<PlatformOpsApi>({
  id: 'plugin.platform-ops.service',
});
