import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PlatformOpsPermissionPolicy } from './PlatformOpsPermissionPolicy';

/**
 * Installs Platform Ops' permission policy as the app's policy (permissions of other plugins
 * stay allowed, as in create-app's default). An app with its own policy composes instead:
 * `new PlatformOpsPermissionPolicy({ simulatorAdmins, fallback: myPolicy })` in its own module.
 *
 * @public
 */
export const permissionModulePlatformOpsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-ops-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new PlatformOpsPermissionPolicy({
            simulatorAdmins:
              config.getOptionalStringArray('platformOps.permissions.simulatorAdmins') ?? [],
          }),
        );
      },
    });
  },
});
