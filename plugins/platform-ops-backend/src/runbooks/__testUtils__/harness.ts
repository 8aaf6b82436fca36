import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Inventory } from '@platformops/plugin-platform-ops-common';
import { Knex } from 'knex';
import { exampleCatalogEntities } from '../../testUtils/exampleCatalog';
import { AwsClientFactory } from '../../aws/AwsClientFactory';
import { DefaultAwsGateway } from '../../aws/DefaultAwsGateway';
import { readAwsGatewaySettings } from '../../aws/settings';
import { AwsGateway } from '../../aws/types';
import { migrateToLatest } from '../../database/migrate';
import { buildInventory } from '../../inventory/buildInventory';
import { InventoryService } from '../../inventory/InventoryService';
import { MutationRunner } from '../../changes/MutationRunner';
import { MutationStore } from '../../changes/MutationStore';
import { RUNBOOKS } from '../definitions';
import { ExecutionStore } from '../engine/ExecutionStore';
import { HttpProbe } from '../engine/httpProbe';
import { RunbookEngine } from '../engine/RunbookEngine';
import { RunbookService } from '../RunbookService';
import { Clock } from '../types';

export const OWNER = 'user:default/ana-platform';
export const SECOND_OWNER = 'user:default/guest';
export const NON_OWNER = 'user:default/vik-video';

/** The example catalog's accounts with static keys, so real SDK clients are built (and mocked). */
export const awsModeConfig = {
  aws: {
    accounts: ['210987654321', '310987654321', '410987654321'].map((accountId, i) => ({
      accountId,
      accessKeyId: `AKIAEXAMPLE0000000${i}`,
      secretAccessKey: `secret-${i}`,
    })),
  },
  platformOps: { aws: { mode: 'aws', retry: { maxAttempts: 1 } } },
};

/** The real gateway over real SDK clients: aws-sdk-client-mock intercepts their send. */
export function realGateway(): AwsGateway {
  const config = new ConfigReader(awsModeConfig);
  const settings = readAwsGatewaySettings(config);
  const clients = new AwsClientFactory(settings, {
    mode: 'aws',
    credentials: DefaultAwsCredentialsManager.fromConfig(config),
  });
  return new DefaultAwsGateway(clients, mockServices.logger.mock(), 5);
}

export function exampleInventory(): InventoryService {
  const inventory: Inventory = buildInventory(exampleCatalogEntities());
  return {
    getInventory: async () => inventory,
    getEnvironment: async name => {
      const env = inventory.environments.find(e => e.name === name);
      if (!env) throw new NotFoundError(name);
      return env;
    },
    getResource: async ref => {
      for (const environment of inventory.environments) {
        const resource = environment.resources.find(r => r.entityRef.toLowerCase() === ref.toLowerCase());
        if (resource) return { environment, resource };
      }
      throw new NotFoundError(`${ref} is not a Platform Ops resource in the catalog`);
    },
  };
}

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = Date.parse('2026-11-20T03:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** "Owners only": ana-platform and guest (platform-team) are allowed, others denied. */
export function ownersOnlyPermissions() {
  return mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(() => ({
        result:
          'principal' in options.credentials &&
          [OWNER, SECOND_OWNER].includes(
            (options.credentials.principal as { userEntityRef?: string }).userEntityRef ?? '',
          )
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
}

export const healthyProbe: HttpProbe = {
  check: async url => ({ ok: true, detail: `${url} healthy` }),
};

export async function migrated(knex: Knex): Promise<Knex> {
  await migrateToLatest(knex);
  return knex;
}

export function makeEngine(options: {
  knex: Knex;
  gateway: AwsGateway;
  clock: Clock;
  ownerId: string;
  leaseMs?: number;
  awsCallBudgetMs?: number;
  httpProbe?: HttpProbe;
  /** A store of this replica only (e.g. one that can be "killed"). */
  store?: ExecutionStore;
}): RunbookEngine {
  return new RunbookEngine({
    store: options.store ?? new ExecutionStore(options.knex),
    definitions: RUNBOOKS,
    gatewayFor: () => options.gateway,
    httpProbeFor: () => options.httpProbe ?? healthyProbe,
    clock: options.clock,
    ownerId: options.ownerId,
    leaseMs: options.leaseMs ?? 30_000,
    ...(options.awsCallBudgetMs ? { awsCallBudgetMs: options.awsCallBudgetMs } : {}),
    concurrency: 4,
    logger: mockServices.logger.mock(),
    auditor: mockServices.auditor.mock(),
  });
}

export function makeService(options: { knex: Knex; gateway: AwsGateway; clock: Clock }) {
  const auditor = mockServices.auditor.mock();
  const permissions = ownersOnlyPermissions();
  const mutations = new MutationRunner(new MutationStore(options.knex), permissions, auditor);
  const service = new RunbookService({
    store: new ExecutionStore(options.knex),
    inventory: exampleInventory(),
    definitions: RUNBOOKS,
    gatewayFor: () => options.gateway,
    mutations,
    clock: options.clock,
  });
  return { service, permissions, auditor };
}

/** Credentials + a bare express-like request for service-level calls. */
export function userCredentials(userEntityRef: string) {
  return {
    $$type: '@backstage/BackstageCredentials' as const,
    principal: { type: 'user' as const, userEntityRef },
  };
}
