import {
  LoggerService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsClientFactory } from './AwsClientFactory';
import { DefaultAwsGateway } from './DefaultAwsGateway';
import { readAwsGatewaySettings } from './settings';
import { simulatedAwsHandlerServiceRef } from './simulatedAwsHandlerRef';
import { SimulatedAwsHandler } from './simulatorContract';
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
      factory: ({ config, logger, simulated }) =>
        createAwsGateway({ config, logger, simulated }),
    }),
});

/**
 * Builds the gateway from app config: `platformOps.aws` for the mode, retries, timeouts and
 * endpoints, the `aws` block for credentials (mode aws only).
 */
export function createAwsGateway(options: {
  config: Config;
  logger: LoggerService;
  simulated: SimulatedAwsHandler;
}): DefaultAwsGateway {
  const { config, logger, simulated } = options;
  const settings = readAwsGatewaySettings(config);
  const clients = new AwsClientFactory(
    settings,
    settings.mode === 'aws'
      ? { mode: 'aws', credentials: DefaultAwsCredentialsManager.fromConfig(config) }
      : { mode: 'simulated', handler: simulated },
  );
  const overrides = Object.keys(settings.endpoints).length
    ? `, endpoint overrides for ${Object.keys(settings.endpoints).join(', ')}`
    : '';
  logger.info(
    `AWS access: mode ${settings.mode}, retry ${settings.retryMode} x${settings.maxAttempts}${overrides}`,
  );
  return new DefaultAwsGateway(clients, logger, settings.throttledRetryAfterSeconds);
}
