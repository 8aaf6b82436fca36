import { NotAllowedError } from '@backstage/errors';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsGatewaySettings } from './settings';
import { shareCredentials } from './sharedCredentials';
import { AWS_SERVICES, AwsClientSettings, effectiveRegion } from './services';
import { simulatedAccountPlugin } from './simulatedMiddleware';
import { SimulatedAwsHandler } from './simulatorContract';
import { AwsClientMap, AwsServiceName } from './types';

/** Where credentials come from: real accounts, or the simulated account. */
export type AwsClientSource =
  | { mode: 'aws'; credentials: AwsCredentialsManager }
  | { mode: 'simulated'; handler: SimulatedAwsHandler };

// The simulated account never sees these; they only let the real signer run.
const SIMULATED_CREDENTIALS: AwsCredentialIdentityProvider = async () => ({
  accessKeyId: 'SIMULATED',
  secretAccessKey: 'simulated-account-has-no-secret',
});

/**
 * Builds SDK v3 clients, one per (account, region, service), and keeps them: a client owns
 * its connection pool, credential cache and adaptive-retry token bucket, which only work if
 * the client is reused.
 */
export class AwsClientFactory {
  private readonly clients = new Map<string, Promise<AwsClientMap[AwsServiceName]>>();
  /** One assumed-role session per account, shared by all its region and service clients. */
  private readonly accountCredentials = new Map<string, Promise<AwsCredentialIdentityProvider>>();

  constructor(
    private readonly settings: AwsGatewaySettings,
    private readonly source: AwsClientSource,
  ) {}

  get mode(): 'simulated' | 'aws' {
    return this.source.mode;
  }

  getClient<S extends AwsServiceName>(location: AwsLocation, service: S): Promise<AwsClientMap[S]> {
    const region = effectiveRegion(service, location.region);
    const key = `${location.accountId}|${region}|${service}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.create(service, { accountId: location.accountId, region });
      this.clients.set(key, client);
      // A failed credential lookup is not cached: the next call tries again.
      client.catch(() => {
        if (this.clients.get(key) === client) this.clients.delete(key);
      });
    }
    return client as Promise<AwsClientMap[S]>;
  }

  private async create<S extends AwsServiceName>(
    service: S,
    location: AwsLocation,
  ): Promise<AwsClientMap[S]> {
    const credentials =
      this.source.mode === 'aws'
        ? await this.credentialsFor(this.source.credentials, location.accountId)
        : SIMULATED_CREDENTIALS;
    const clientSettings: AwsClientSettings = {
      region: location.region,
      credentials,
      maxAttempts: this.settings.maxAttempts,
      retryMode: this.settings.retryMode,
      requestHandler: {
        requestTimeout: this.settings.requestTimeoutMs,
        connectionTimeout: this.settings.connectionTimeoutMs,
        throwOnRequestTimeout: true,
      },
      ...(this.settings.endpoints[service] ? { endpoint: this.settings.endpoints[service] } : {}),
      ...(service === 'sqs' && this.source.mode === 'simulated' ? { md5: false as const } : {}),
      ...(service === 's3' && this.settings.endpoints.s3 ? { forcePathStyle: true } : {}),
    };
    const client = AWS_SERVICES[service].create(clientSettings);
    if (this.source.mode === 'simulated') {
      // The stack is shared by all the client's commands; `use` keeps the SDK's typing.
      (client.middlewareStack as { use(p: unknown): void }).use(
        simulatedAccountPlugin(this.source.handler, service, location),
      );
    }
    return client;
  }

  private credentialsFor(
    manager: AwsCredentialsManager,
    accountId: string,
  ): Promise<AwsCredentialIdentityProvider> {
    let shared = this.accountCredentials.get(accountId);
    if (!shared) {
      shared = this.lookUpCredentials(manager, accountId).then(shareCredentials);
      this.accountCredentials.set(accountId, shared);
      shared.catch(() => this.accountCredentials.delete(accountId));
    }
    return shared;
  }

  private async lookUpCredentials(
    manager: AwsCredentialsManager,
    accountId: string,
  ): Promise<AwsCredentialIdentityProvider> {
    try {
      return (await manager.getCredentialProvider({ accountId })).sdkCredentialProvider;
    } catch (error) {
      // A set-up gap (account missing from aws.accounts), said without the config's secrets.
      throw new NotAllowedError(
        `the backend has no credentials for AWS account ${accountId}: add it to aws.accounts (${
          error instanceof Error ? error.name : 'Error'
        })`,
      );
    }
  }
}
