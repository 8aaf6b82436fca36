import {
  LoggerService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { checkAwsAccounts } from './accountCheck';
import { AwsClientFactory } from './AwsClientFactory';
import { DefaultAwsGateway } from './DefaultAwsGateway';
import { readAwsGatewaySettings } from './settings';
import { simulatedAwsServiceRef } from './simulatedAwsServiceRef';
import { SimulatedAwsHandler } from './simulatorContract';
import { AwsGateway } from './types';

/**
 * The AWS gateway every capability depends on: real accounts (credentials from the standard
 * `aws` config block through integration-aws-node), or the simulated account when one is
 * installed (simulatedAwsServiceRef). Adopters can replace the whole service with their own
 * factory.
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
        simulated: simulatedAwsServiceRef,
      },
      factory: ({ config, logger, simulated }) =>
        createAwsGateway({ config, logger, simulated: simulated.account?.handler }),
    }),
});

/**
 * Builds the gateway from app config: `platformOps.aws` for the mode, retries, timeouts and
 * endpoints, the `aws` block for credentials (mode aws only).
 */
export function createAwsGateway(options: {
  config: Config;
  logger: LoggerService;
  /** The installed simulated account, if any. */
  simulated?: SimulatedAwsHandler;
  /** Tests and benchmarks: do not try each configured account at creation. */
  skipAccountCheck?: boolean;
}): DefaultAwsGateway {
  const { config, logger, simulated } = options;
  const settings = readAwsGatewaySettings(config);
  // Without an explicit mode, an installed simulated account wins: a fresh clone of this repo
  // (whose backend adds the simulated-aws module) works without AWS credentials.
  const mode = settings.mode ?? (simulated ? 'simulated' : 'aws');
  if (mode === 'simulated' && !simulated) {
    throw new Error(
      'platformOps.aws.mode is simulated, but no simulated AWS account is installed: add @platformops/plugin-platform-ops-backend-module-simulated-aws to the backend, or set platformOps.aws.mode to aws',
    );
  }
  if (mode === 'aws' && simulated) {
    // Drills and clocks follow the installed account: refuse rather than mix real and simulated.
    throw new Error(
      'platformOps.aws.mode is aws, but a simulated AWS account is installed: remove it from the backend, or unset platformOps.aws.mode',
    );
  }
  if (mode === 'aws' && settings.stsEndpoint && !process.env.AWS_ENDPOINT_URL_STS) {
    // The SDK's service-specific endpoint variable: the one way to point the STS client of
    // @backstage/integration-aws-node (which assumes each account's role) at the same place.
    process.env.AWS_ENDPOINT_URL_STS = settings.stsEndpoint;
  }
  const credentials = mode === 'aws' ? DefaultAwsCredentialsManager.fromConfig(config) : undefined;
  const clients = new AwsClientFactory(
    settings,
    mode === 'simulated' && simulated
      ? { mode: 'simulated', handler: simulated }
      : { mode: 'aws', credentials: credentials! },
  );
  if (credentials && !options.skipAccountCheck) {
    const accountIds = config
      .getOptionalConfigArray('aws.accounts')
      ?.map(a => a.getString('accountId')) ?? [];
    // In the background: the backend starts whatever the accounts answer.
    void checkAwsAccounts({ accountIds, credentials, logger }).catch(() => undefined);
  }
  const overrides = Object.keys(settings.endpoints).length
    ? `, endpoint overrides for ${Object.keys(settings.endpoints).join(', ')}`
    : '';
  logger.info(
    `AWS access: mode ${mode}, retry ${settings.retryMode} x${settings.maxAttempts}${overrides}`,
  );
  return new DefaultAwsGateway(clients, logger, settings.throttledRetryAfterSeconds);
}
