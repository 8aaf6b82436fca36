import { registerCostActions } from './costActions';
import { registerEnvironmentActions } from './environmentActions';
import { registerFleetActions } from './fleetActions';
import { registerQueueActions } from './queueActions';
import { registerRunbookActions } from './runbookActions';
import { ActionDeps } from './types';

/**
 * Registers Platform Ops' tools with Backstage's actions registry, which the MCP actions
 * backend serves to AI agents. Reads are read-only tools; changes are guarded: dry-run by
 * default, applied only with the plan token of the caller's own dry-run, through the same
 * services (permission, audit, history) as the UI.
 */
export function registerPlatformOpsActions(deps: ActionDeps) {
  registerEnvironmentActions(deps);
  registerFleetActions(deps);
  registerQueueActions(deps);
  registerCostActions(deps);
  registerRunbookActions(deps);
}
