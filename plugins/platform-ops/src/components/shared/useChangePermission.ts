import { usePermission } from '@backstage/plugin-permission-react';
import { ResourcePermission } from '@backstage/plugin-permission-common';

/** Whether the signed-in user may make one kind of change on one catalog entity. */
export interface ChangePermission {
  /** False while the answer is loading, so a control is never enabled then refused. */
  allowed: boolean;
  loading: boolean;
  /** The entity the permission was asked for, to say whose owners can act. */
  resourceRef: string;
}

/**
 * Asks the permission backend the same question the Platform Ops backend asks before a
 * change (permission + the catalog entity as resource), so the UI disables what the server
 * would refuse instead of letting someone fill a whole form for a 403.
 */
export function useChangePermission(
  permission: ResourcePermission<'catalog-entity'>,
  /** Undefined while the target is still loading: nothing is allowed yet. */
  resourceRef: string | undefined,
): ChangePermission {
  const { allowed, loading } = usePermission({ permission, resourceRef });
  return { allowed: allowed && !loading && Boolean(resourceRef), loading: loading || !resourceRef, resourceRef: resourceRef ?? '' };
}
