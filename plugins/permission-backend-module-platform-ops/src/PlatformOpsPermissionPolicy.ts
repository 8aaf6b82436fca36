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
import {
  CATALOG_ENTITY_RESOURCE_TYPE,
  platformOpsPermissions,
  simulatorControlPermission,
} from '@platformops/plugin-platform-ops-common';

const platformOpsPermissionNames = new Set(platformOpsPermissions.map(p => p.name));

/** @public */
export interface PlatformOpsPolicyOptions {
  /**
   * Users or groups (entity refs) who may drive the simulated AWS account's faults and clock.
   * Nobody else may: one user's injected outage would be every user's outage.
   */
  simulatorAdmins: string[];
  /**
   * The policy that decides every permission that is not Platform Ops' (catalog, scaffolder,
   * ...). Without one, those are allowed, as in create-app's default policy.
   */
  fallback?: PermissionPolicy;
}

/**
 * Platform Ops' rules, composable with an app's own policy:
 * - every change on a catalog entity (scale a fleet, change a scaling policy, redrive a DLQ,
 *   run or approve a runbook) is allowed to the entity's owners only, directly or through a
 *   group; the decision is conditional, so the catalog evaluates `isEntityOwner` against its
 *   own ownership data;
 * - reads and environment creation are allowed to signed-in users;
 * - simulator controls are allowed to the configured admins only;
 * - a call without a user (a service) gets no Platform Ops permission.
 *
 * @public
 */
export class PlatformOpsPermissionPolicy implements PermissionPolicy {
  private readonly admins: Set<string>;

  constructor(private readonly options: PlatformOpsPolicyOptions) {
    this.admins = new Set(options.simulatorAdmins.map(ref => ref.toLocaleLowerCase('en-US')));
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const { permission } = request;
    if (!platformOpsPermissionNames.has(permission.name)) {
      return this.options.fallback
        ? this.options.fallback.handle(request, user)
        : { result: AuthorizeResult.ALLOW };
    }
    if (!user) return { result: AuthorizeResult.DENY };
    if (permission.name === simulatorControlPermission.name) {
      const claims = user.info.ownershipEntityRefs.map(ref => ref.toLocaleLowerCase('en-US'));
      return {
        result: claims.some(ref => this.admins.has(ref))
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (isResourcePermission(permission, CATALOG_ENTITY_RESOURCE_TYPE)) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs }),
      );
    }
    // platform-ops.read and platform-ops.environment.create: any signed-in user.
    return { result: AuthorizeResult.ALLOW };
  }
}
