import { Inventory, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { ServiceModel, SimClock } from '../ServiceModel';
import type { TerraformSeedSource } from '../terraform/source';
import type { TaggedResource } from '../tagging/taggedResources';
import { CloudFrontModel } from './cloudfront/CloudFrontModel';
import { EcsModel } from './ecs/EcsModel';
import { ElastiCacheModel } from './elasticache/ElastiCacheModel';
import { RdsModel } from './rds/RdsModel';
import { Route53Model } from './route53/Route53Model';

export interface DrServiceModelOptions {
  inventory: Inventory;
  clock: SimClock;
  /** The simulator's seeded generator: same seed, same estate and same durations. */
  random: () => number;
  /** Drills: a region that is down fails the Route 53 health checks probing it and stops replication from it. */
  isRegionDown?: (region: string) => boolean;
  /** Environments applied from their synthesized Terraform instead of the seeding rules. */
  terraform?: TerraformSeedSource;
}

/** The DR models plus what other models need from them. */
export interface DrSimulation {
  models: ServiceModel[];
  /**
   * AWS/RDS ReplicaLag (seconds) of read replica `replicaId` at `now`, for the CloudWatch
   * model; undefined when it is not (or no longer) a read replica.
   */
  replicaLagSeconds(replicaId: string, now: Date): number | undefined;
  /**
   * Seeds the DR resources of an environment the catalog gained while the world runs: seeded
   * on its own (same random stream, so every replica replaying the log seeds the same) and
   * taken into the running models.
   */
  addEnvironment(environment: PlatformEnvironment, at: Date): void;
  /** The distributions with their Terraform tags, for the Tagging API (GetResources). */
  taggedResources(): TaggedResource[];
}

/** Builds the DR service models (RDS, Route 53, ECS, ElastiCache, CloudFront) and their hooks. */
export function createDrSimulation(
  options: DrServiceModelOptions,
): DrSimulation {
  const now = options.clock.now();
  const { inventory, random, isRegionDown, terraform } = options;
  // One builder for the start and for environments the catalog adds later: the same seeding
  // (Terraform first, the tier rules otherwise) either way.
  // `live`: environments present when the world starts have been running (deployments since
  // their apply); one the catalog adds later was just applied.
  const build = (from: Inventory, at: Date, live: boolean) =>
    [
      new RdsModel({ inventory: from, random, now: at, isRegionDown, terraform }),
      new Route53Model({ inventory: from, random, isRegionDown, terraform }),
      new EcsModel({ inventory: from, random, now: at, terraform, deploymentHistory: live }),
      new ElastiCacheModel({ inventory: from, random, now: at, terraform }),
      new CloudFrontModel({ inventory: from, random, now: at, terraform }),
    ] as const;
  const models = build(inventory, now, true);
  const [rds, route53, ecs, elastiCache, cloudFront] = models;
  return {
    models: [...models],
    replicaLagSeconds: (replicaId, at) => rds.replicaLagSeconds(replicaId, at),
    addEnvironment: (environment, at) => {
      const added = build({ environments: [environment], problems: [] }, at, false);
      rds.absorb(added[0]);
      route53.absorb(added[1]);
      ecs.absorb(added[2]);
      elastiCache.absorb(added[3]);
      cloudFront.absorb(added[4]);
    },
    taggedResources: () => cloudFront.taggedResources(),
  };
}

/** The DR service models, seeded from the inventory, for the simulated account. */
export function createDrServiceModels(
  options: DrServiceModelOptions,
): ServiceModel[] {
  return createDrSimulation(options).models;
}

export { RdsModel } from './rds/RdsModel';
export { Route53Model } from './route53/Route53Model';
export { EcsModel } from './ecs/EcsModel';
export { ElastiCacheModel } from './elasticache/ElastiCacheModel';
export {
  CloudFrontModel,
  drOriginId,
  primaryOriginId,
} from './cloudfront/CloudFrontModel';
