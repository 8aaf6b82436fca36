import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createCheckAction } from './actions/check';
import { createEstimateAction } from './actions/estimate';
import { createPublishLocalGitAction } from './actions/publish-local-git';
import { createSynthesizeAction } from './actions/synthesize';

/**
 * Scaffolder actions for Platform Ops environments: synthesize, check, estimate, and a
 * local-git publish for installations without a GitHub integration.
 *
 * @public
 */
export const scaffolderModulePlatformOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'platform-ops',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, permissions }) {
        scaffolder.addActions(
          createSynthesizeAction({ permissions }),
          createCheckAction({ config }),
          createEstimateAction(),
          createPublishLocalGitAction({ config }),
        );
      },
    });
  },
});
