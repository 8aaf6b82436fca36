import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsClientFactory } from './AwsClientFactory';
import { DefaultAwsGateway } from './DefaultAwsGateway';
import { readAwsGatewaySettings } from './settings';
import { simulatedAwsHandlerServiceRef } from './simulatedAwsHandlerRef';
import { AwsGateway } from './types';

/**
 * The AWS gateway every capability depends on. `platformOps.aws.mode` picks real accounts
 * (credentials from the standard `aws` config block through integration-aws-node) or the
 * simulated account. Adopters can replace the whole service with their own factory.
 */
export const awsGatewayServiceRef = createServiceRef<AwsGateway>({
  id: 'platform-ops.aws-gateway',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        simulated: simulatedAwsHandlerServiceRef,
      },
      factory: ({ config, logger, simulated }) => {
        const settings = readAwsGatewaySettings(config);
        const clients = new AwsClientFactory(
          settings,
          settings.mode === 'aws'
            ? { mode: 'aws', credentials: DefaultAwsCredentialsManager.fromConfig(config) }
            : { mode: 'simulated', handler: simulated },
        );
        logger.info(
          `AWS access: mode ${settings.mode}, retry ${settings.retryMode} x${settings.maxAttempts}` +
            (Object.keys(settings.endpoints).length
              ? `, endpoint overrides for ${Object.keys(settings.endpoints).join(', ')}`
              : ''),
        );
        return new DefaultAwsGateway(clients, logger, settings.throttledRetryAfterSeconds);
      },
    }),
});
