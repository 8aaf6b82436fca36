import {
  AuthService,
  LoggerService,
  createServiceFactory,
  createServiceRef,
  coreServices,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef, CatalogService } from '@backstage/plugin-catalog-node';
import {
  Inventory,
  InventoryResource,
  PLATFORM_OPS_ANNOTATIONS,
  PlatformEnvironment,
  RESOURCE_TYPES,
} from '@platformops/plugin-platform-ops-common';
import { buildInventory } from './buildInventory';
import { DISCOVERY_REPORT_TYPE } from './discoveryProblems';
import { SingleFlightCache } from '../util/SingleFlightCache';

/**
 * The catalog is the inventory: this service answers "which environments and AWS resources
 * exist, and where do they live". Everything that calls AWS resolves its target here first,
 * so a resource not declared in the catalog cannot be acted on.
 */
export interface InventoryService {
  getInventory(): Promise<Inventory>;
  getEnvironment(name: string): Promise<PlatformEnvironment>;
  /** The resource declared by a catalog entity, or a NotFoundError (404). */
  getResource(entityRef: string): Promise<{
    environment: PlatformEnvironment;
    resource: InventoryResource;
  }>;
}

export class CatalogInventoryService implements InventoryService {
  private readonly cache: SingleFlightCache<Inventory>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    ttlMs: number,
  ) {
    this.cache = new SingleFlightCache(ttlMs);
  }

  async getInventory(): Promise<Inventory> {
    const inventory = await this.cache.get('inventory', () => this.load());
    // Right after start-up the catalog may not have processed its locations: an empty
    // answer is not kept, so the pages fill as soon as the catalog has the entities.
    if (inventory.environments.length === 0) this.cache.invalidate('inventory');
    return inventory;
  }

  async getEnvironment(name: string): Promise<PlatformEnvironment> {
    const inventory = await this.getInventory();
    const environment = inventory.environments.find(e => e.name === name);
    if (!environment) {
      throw new NotFoundError(
        `No environment named "${name}" in the catalog (known: ${inventory.environments.map(e => e.name).join(', ') || 'none'})`,
      );
    }
    return environment;
  }

  async getResource(entityRef: string) {
    const inventory = await this.getInventory();
    const ref = entityRef.toLowerCase();
    for (const environment of inventory.environments) {
      const resource = environment.resources.find(r => r.entityRef.toLowerCase() === ref);
      if (resource) return { environment, resource };
    }
    const problem = inventory.problems.find(p => p.entityRef.toLowerCase() === ref);
    throw new NotFoundError(
      problem
        ? `${entityRef} is in the catalog but not usable: ${problem.message}`
        : `${entityRef} is not a Platform Ops resource in the catalog`,
    );
  }

  private async load(): Promise<Inventory> {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: [
          { kind: 'Resource', 'spec.type': [...RESOURCE_TYPES] },
          {
            kind: 'Component',
            [`metadata.annotations.${PLATFORM_OPS_ANNOTATIONS.ecsService}`]:
              CATALOG_FILTER_EXISTS,
          },
          { kind: 'Location', 'spec.type': DISCOVERY_REPORT_TYPE },
        ],
      },
      { credentials },
    );
    const inventory = buildInventory(items);
    for (const problem of inventory.problems) {
      this.logger.warn(`Inventory: ${problem.entityRef}: ${problem.message}`);
    }
    return inventory;
  }
}

export const inventoryServiceRef = createServiceRef<InventoryService>({
  id: 'platform-ops.inventory',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
      },
      factory: ({ catalog, auth, logger, config }) =>
        new CatalogInventoryService(
          catalog,
          auth,
          logger,
          (config.getOptionalNumber('platformOps.inventory.cacheSeconds') ?? 15) * 1000,
        ),
    }),
});
