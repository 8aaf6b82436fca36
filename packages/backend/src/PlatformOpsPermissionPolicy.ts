import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { platformOpsPermissions } from '@platformops/plugin-platform-ops-common';

const platformOpsPermissionNames = new Set(platformOpsPermissions.map(p => p.name));

/**
 * Reads are open to signed-in users; every Platform Ops change on a catalog entity (scale a
 * fleet, change a policy, redrive, run or approve a runbook) needs ownership of that entity,
 * directly or through a group. The decision is conditional: the catalog evaluates
 * isEntityOwner against the entity, so the rule follows the catalog's ownership data.
 */
export class PlatformOpsPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      platformOpsPermissionNames.has(permission.name) &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      if (!user) return { result: AuthorizeResult.DENY };
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
