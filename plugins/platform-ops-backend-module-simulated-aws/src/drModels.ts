import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { createDrSimulation } from './dr';
import { ServiceModel } from './ServiceModel';
import type { TaggedResource } from './tagging/taggedResources';
import type { DrModelContext } from './SimulatedAccount';

/** The DR side of the account: its models and the replica lag CloudWatch serves. */
export interface DrModels {
  models: ServiceModel[];
  replicaLagSeconds?: (replicaId: string, at: Date) => number | undefined;
  /** Seeds the DR resources of an environment the catalog gained while the world runs. */
  addEnvironment?: (environment: PlatformEnvironment, at: Date) => void;
  /** Resources of these models the Tagging API lists (CloudFront distributions by their tags). */
  taggedResources?: () => TaggedResource[];
}

/**
 * Registration of the DR models (RDS, Route 53, ECS, ElastiCache, CloudFront), written in
 * src/simulator/dr/: they share the account's clock, faults (a region taken down fails the
 * health checks probing it and stops replication) and feed AWS/RDS ReplicaLag.
 */
export function drServiceModels(context: DrModelContext): DrModels {
  return createDrSimulation(context);
}
