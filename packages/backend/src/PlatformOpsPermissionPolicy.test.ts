import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  fleetScalePermission,
  platformOpsReadPermission,
  runbookExecutePermission,
} from '@platformops/plugin-platform-ops-common';
import { PlatformOpsPermissionPolicy } from './PlatformOpsPermissionPolicy';

const user: PolicyQueryUser = {
  credentials: {
    $$type: '@backstage/BackstageCredentials',
    principal: { type: 'user', userEntityRef: 'user:default/ana-platform' },
  },
  info: {
    userEntityRef: 'user:default/ana-platform',
    ownershipEntityRefs: ['user:default/ana-platform', 'group:default/platform-team'],
  },
};

describe('PlatformOpsPermissionPolicy', () => {
  const policy = new PlatformOpsPermissionPolicy();

  it.each([fleetScalePermission, runbookExecutePermission])(
    'makes $name conditional on owning the catalog entity',
    async permission => {
      const decision = await policy.handle({ permission }, user);
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/ana-platform', 'group:default/platform-team'],
          },
        },
      });
    },
  );

  it('denies Platform Ops changes to callers without a user', async () => {
    expect(await policy.handle({ permission: fleetScalePermission })).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('allows reads and permissions of other plugins', async () => {
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    expect((await policy.handle({ permission: platformOpsReadPermission }, user)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await policy.handle({ permission: catalogRead }, user)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});
