import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { awsGatewayServiceRef } from '@platformops/plugin-platform-ops-backend';
import { readDiscoveryConfig } from './config';
import { PlatformOpsDiscoveryProvider } from './PlatformOpsDiscoveryProvider';

/**
 * Discovers Platform Ops environments and their AWS resources into the catalog, one entity
 * provider per account and region of `catalog.providers.platformOps.discovery`. AWS is reached
 * through Platform Ops' AWS gateway (the `aws` accounts, `platformOps.aws` retries and
 * endpoints, or the simulated account when it is installed). Without the config it does
 * nothing.
 */
export const catalogModulePlatformOpsDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'platform-ops-discovery',
  register(reg) {
    reg.registerInit({
      deps: {
        catalogProcessing: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        gateway: awsGatewayServiceRef,
      },
      async init({ catalogProcessing, config, logger, scheduler, auth, catalog, gateway }) {
        const discovery = readDiscoveryConfig(config);
        if (!discovery) {
          logger.info('Platform Ops discovery is not configured (catalog.providers.platformOps.discovery)');
          return;
        }
        catalogProcessing.addEntityProvider(
          discovery.locations.map(
            location =>
              new PlatformOpsDiscoveryProvider({
                location,
                config: discovery,
                gateway,
                catalog,
                auth,
                logger,
                taskRunner: scheduler.createScheduledTaskRunner(discovery.schedule),
              }),
          ),
        );
      },
    });
  },
});
