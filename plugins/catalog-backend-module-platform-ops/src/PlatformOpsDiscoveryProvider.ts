import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { AwsGateway } from '@platformops/plugin-platform-ops-backend';
import {
  AwsLocation,
  PLATFORM_OPS_ANNOTATIONS,
  RESOURCE_TYPES,
} from '@platformops/plugin-platform-ops-common';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { DiscoveryConfig } from './config';
import { reconcile } from './conflicts';
import { discoveredEntities, discoveryLocation } from './entities';
import { readAccount } from './readAccount';
import { DiscoveryOutcome, reportEntity } from './report';

export interface PlatformOpsDiscoveryProviderOptions {
  location: AwsLocation;
  config: DiscoveryConfig;
  gateway: AwsGateway;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Scheduled runs; tests call refresh() themselves. */
  taskRunner?: SchedulerServiceTaskRunner;
}

/**
 * Discovers one AWS account and region into the catalog (one provider per account and
 * region, so that each is replaced on its own). Each successful run is a full mutation under
 * the location key `platform-ops-discovery:<account>/<region>`: resources that disappeared
 * leave the catalog. A failed run (AccessDenied, throttling that outlasted the retries)
 * changes none of the entities: a partial or empty answer must not wipe the catalog; only
 * the discovery's report entity says that the run failed.
 */
export class PlatformOpsDiscoveryProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly logger: LoggerService;

  constructor(private readonly options: PlatformOpsDiscoveryProviderOptions) {
    this.logger = options.logger.child({ target: this.getProviderName() });
  }

  getProviderName(): string {
    return `platform-ops-discovery:${this.options.location.accountId}/${this.options.location.region}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner?.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        await this.refresh();
      },
    });
  }

  /** One discovery run; what it did (also written to the report entity). */
  async refresh(): Promise<DiscoveryOutcome> {
    if (!this.connection) throw new Error(`${this.getProviderName()} is not connected to the catalog`);
    const { location, config, gateway } = this.options;
    const locationKey = discoveryLocation(location);
    let entities: Entity[];
    let outcome: DiscoveryOutcome;
    try {
      const found = await readAccount(gateway, location, {
        environmentTagKey: config.tagKeys.environment,
        dlqTagKey: config.tagKeys.dlq,
        environments: config.environments,
      });
      const candidates = discoveredEntities(found, location, config);
      const reconciled = reconcile(candidates, await this.handWritten());
      entities = reconciled.entities;
      outcome = {
        emitted: entities.length,
        declaredByHand: reconciled.declaredByHand,
        conflicts: reconciled.conflicts,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Discovery failed, keeping the entities of the last successful run: ${message}`);
      outcome = { emitted: 0, declaredByHand: 0, conflicts: [], failure: message };
      await this.connection.applyMutation({
        type: 'delta',
        added: [{ entity: reportEntity(location, outcome), locationKey }],
        removed: [],
      });
      return outcome;
    }
    for (const conflict of outcome.conflicts) {
      this.logger.warn(`${conflict.entityRef}: ${conflict.message}`);
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: [...entities, reportEntity(location, outcome)].map(entity => ({ entity, locationKey })),
    });
    this.logger.info(
      `Discovered ${outcome.emitted} entities (${outcome.declaredByHand} resources already declared by hand, ${outcome.conflicts.length} conflicts)`,
    );
    return outcome;
  }

  /**
   * The Platform Ops entities this provider did not emit: hand-written ones, and those other
   * accounts' and regions' discovery emitted (a name two of them claim is reported too).
   */
  private async handWritten(): Promise<Entity[]> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [
          { kind: 'Resource', 'spec.type': [...RESOURCE_TYPES] },
          {
            kind: 'Component',
            [`metadata.annotations.${PLATFORM_OPS_ANNOTATIONS.ecsService}`]: CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials },
    );
    const own = discoveryLocation(this.options.location);
    return items.filter(e => e.metadata.annotations?.[ANNOTATION_LOCATION] !== own);
  }
}
