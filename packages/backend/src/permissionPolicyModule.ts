import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PlatformOpsPermissionPolicy } from './PlatformOpsPermissionPolicy';

/** Installs the Platform Ops permission policy in the permission plugin. */
export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'platform-ops-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PlatformOpsPermissionPolicy());
      },
    });
  },
});
