import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { simulatedAwsServiceRef } from '@platformops/plugin-platform-ops-backend';
import { simulatedAccountServiceRef } from './simulatedAccountRef';
import { createSimulatorRoutes } from './simulatorRoutes';

/**
 * Mounts the simulated account's controls under /api/platform-ops/simulator (faults, state,
 * clock), only when the account is installed: nothing here can reach a real account.
 */
export const simulatedAwsModule = createBackendModule({
  pluginId: 'platform-ops',
  moduleId: 'simulated-aws',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        installed: simulatedAwsServiceRef,
        account: simulatedAccountServiceRef,
      },
      async init({ httpRouter, httpAuth, permissions, auditor, installed, account }) {
        if (!installed.account) return;
        httpRouter.use(createSimulatorRoutes({ account, httpAuth, permissions, auditor }));
      },
    });
  },
});
