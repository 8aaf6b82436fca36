import { createApiRef } from '@backstage/core-plugin-api';
import { InventoryProblem, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';

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
}

/** @public */
export const platformOpsApiRef = createApiRef<PlatformOpsApi>({
  id: 'plugin.platform-ops.service',
});
