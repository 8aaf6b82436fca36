import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  AnomalyReport,
  BudgetStatus,
  CostScopeQuery,
  CostSpendQuery,
  SpendReport,
  UnitEconomicsReport,
  ChangeEnvelope,
  ChangeOutcome,
  ChangeHistoryPage,
  FleetChangeAction,
  FleetListResponse,
  FleetStatus,
  PlatformEnvironment,
  QueueListResponse,
  QueueStatus,
  RedriveTask,
  ResourceState,
  ListReadRequest,
} from '@platformops/plugin-platform-ops-common';
import { EnvironmentsResponse, PlatformOpsApi } from './PlatformOpsApi';
import { listQuery } from './listQuery';
import { PlatformOpsRequestError } from './PlatformOpsRequestError';
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

/**
 * PlatformOpsApi over fetchApi (which adds the user's Backstage token) and discoveryApi
 * (which finds the backend plugin's base URL). Non-2xx answers become PlatformOpsRequestErrors
 * whose message is the backend's message, so the UI shows "what was wrong" and not only the
 * HTTP status.
 *
 * @public
 */
export class PlatformOpsClient implements PlatformOpsApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getEnvironments(): Promise<EnvironmentsResponse> {
    return this.get('/environments');
  }

  getEnvironment(name: string): Promise<PlatformEnvironment> {
    return this.get(`/environments/${encodeURIComponent(name)}`);
  }

  getFleets(environment?: string, request?: ListReadRequest) {
    return this.get<FleetListResponse>(`/fleets${listQuery(environment, request)}`);
  }

  getFleet(entityRef: string) {
    return this.get<FleetStatus>(`/fleets/by-entity?entityRef=${encodeURIComponent(entityRef)}`);
  }

  getFleetHistory(entityRef: string) {
    // Real changes only: a burst of dry-runs must not push them off the page.
    return this.get<ChangeHistoryPage>(`/fleets/history?entityRef=${encodeURIComponent(entityRef)}&kind=changes`);
  }

  changeFleet(action: FleetChangeAction, body: { entityRef: string } & ChangeEnvelope & Record<string, unknown>) {
    return this.post<ChangeOutcome>(`/fleets/${action}`, body);
  }

  getQueues(environment?: string, request?: ListReadRequest) {
    return this.get<QueueListResponse>(`/queues${listQuery(environment, request)}`);
  }

  getQueue(entityRef: string) {
    return this.get<QueueStatus>(`/queues/by-entity?entityRef=${encodeURIComponent(entityRef)}`);
  }

  getQueueHistory(entityRef: string) {
    return this.get<ChangeHistoryPage>(`/queues/history?entityRef=${encodeURIComponent(entityRef)}&kind=changes`);
  }

  getRedriveTasks(entityRef: string) {
    return this.get<{ tasks: RedriveTask[] }>(`/queues/redrive?entityRef=${encodeURIComponent(entityRef)}`);
  }

  redriveQueue(body: { entityRef: string; maxNumberOfMessagesPerSecond?: number } & ChangeEnvelope) {
    return this.post<ChangeOutcome>('/queues/redrive', body);
  }

  getResourceState(entityRef: string) {
    return this.get<ResourceState>(`/resources/state?entityRef=${encodeURIComponent(entityRef)}`);
  }

  getCostSpend(query: CostSpendQuery = {}) {
    return this.get<SpendReport>(`/costs/spend${queryString({ ...query })}`);
  }

  getCostBudget(scope: CostScopeQuery = {}) {
    return this.get<BudgetStatus>(`/costs/budget${queryString({ ...scope })}`);
  }

  getCostAnomalies(scope: CostScopeQuery = {}) {
    return this.get<AnomalyReport>(`/costs/anomalies${queryString({ ...scope })}`);
  }

  getUnitEconomics(query: CostScopeQuery & { days?: number } = {}) {
    return this.get<UnitEconomicsReport>(`/costs/unit-economics${queryString({ ...query })}`);
  }

  listRunbooks() {
    return this.get<{ runbooks: RunbookSummary[] }>('/runbooks');
  }

  getRunbooksForEntity(entityRef: string) {
    return this.get<RunbooksForEntity>(`/runbooks/for-entity?entityRef=${encodeURIComponent(entityRef)}`);
  }

  previewRunbook(runbookId: string, body: { entityRef: string; mode: RunbookMode }) {
    return this.post<RunbookPreview>(`/runbooks/${encodeURIComponent(runbookId)}/preview`, body);
  }

  startRunbook(runbookId: string, body: StartRunbookBody) {
    return this.post<StartRunbookResult>(`/runbooks/${encodeURIComponent(runbookId)}/executions`, body);
  }

  listRunbookExecutions(entityRef?: string) {
    return this.get<{ executions: RunbookExecutionSummary[] }>(
      `/runbooks/executions${entityRef ? `?entityRef=${encodeURIComponent(entityRef)}` : ''}`,
    );
  }

  getRunbookExecution(id: string) {
    return this.get<RunbookExecution>(`/runbooks/executions/${encodeURIComponent(id)}`);
  }

  cancelRunbookExecution(id: string, reason: string) {
    return this.post<RunbookExecution>(`/runbooks/executions/${encodeURIComponent(id)}/cancel`, { reason });
  }

  approveRunbookStep(id: string, stepId: string, reason: string) {
    return this.post<RunbookExecution>(
      `/runbooks/executions/${encodeURIComponent(id)}/steps/${encodeURIComponent(stepId)}/approve`,
      { reason },
    );
  }

  protected async get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  protected async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('platform-ops');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw await PlatformOpsRequestError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** "?a=1&b=2" of the defined values, "" when there are none. */
function queryString(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter(
    (e): e is [string, string | number] => e[1] !== undefined && e[1] !== '',
  );
  return defined.length
    ? `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString()}`
    : '';
}
