import { AuthorizeResult, createPermission } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  environmentCreatePermission,
  fleetScalePermission,
  platformOpsReadPermission,
  queueRedrivePermission,
  runbookApprovePermission,
  runbookExecutePermission,
  simulatorControlPermission,
} from '@platformops/plugin-platform-ops-common';
import { PlatformOpsPermissionPolicy } from './PlatformOpsPermissionPolicy';

function userOf(ref: string, groups: string[]): PolicyQueryUser {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: ref },
    },
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

const ana = userOf('user:default/ana-platform', ['group:default/platform-team']);
const vik = userOf('user:default/vik-video', ['group:default/video-team']);

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

describe('PlatformOpsPermissionPolicy', () => {
  const policy = new PlatformOpsPermissionPolicy({ simulatorAdmins: ['group:default/Platform-Team'] });

  it.each([fleetScalePermission, queueRedrivePermission, runbookExecutePermission, runbookApprovePermission])(
    'makes $name conditional on owning the catalog entity',
    async permission => {
      const decision = await policy.handle({ permission }, ana);
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

  it('denies every Platform Ops permission to callers without a user', async () => {
    for (const permission of [fleetScalePermission, platformOpsReadPermission, simulatorControlPermission]) {
      expect(await policy.handle({ permission })).toEqual({ result: AuthorizeResult.DENY });
    }
  });

  it('allows reads and environment creation to signed-in users', async () => {
    expect((await policy.handle({ permission: platformOpsReadPermission }, vik)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: environmentCreatePermission }, vik)).result).toBe(AuthorizeResult.ALLOW);
  });

  it('allows simulator controls to the configured admins only (refs compared case-insensitively)', async () => {
    expect((await policy.handle({ permission: simulatorControlPermission }, ana)).result).toBe(AuthorizeResult.ALLOW);
    expect((await policy.handle({ permission: simulatorControlPermission }, vik)).result).toBe(AuthorizeResult.DENY);
    const nobody = new PlatformOpsPermissionPolicy({ simulatorAdmins: [] });
    expect((await nobody.handle({ permission: simulatorControlPermission }, ana)).result).toBe(AuthorizeResult.DENY);
  });

  it("allows other plugins' permissions without a fallback policy, as create-app's default does", async () => {
    expect((await policy.handle({ permission: catalogRead }, vik)).result).toBe(AuthorizeResult.ALLOW);
  });

  it("hands other plugins' permissions to the app's own policy when composed with one", async () => {
    const seen: string[] = [];
    const appPolicy: PermissionPolicy = {
      async handle(request) {
        seen.push(request.permission.name);
        return { result: AuthorizeResult.DENY };
      },
    };
    const composed = new PlatformOpsPermissionPolicy({ simulatorAdmins: [], fallback: appPolicy });
    expect((await composed.handle({ permission: catalogRead }, vik)).result).toBe(AuthorizeResult.DENY);
    expect((await composed.handle({ permission: platformOpsReadPermission }, vik)).result).toBe(AuthorizeResult.ALLOW);
    expect(seen).toEqual(['catalog.entity.read']);
  });
});
