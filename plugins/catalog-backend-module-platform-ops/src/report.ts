import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { DiscoveryConflict } from './conflicts';
import { discoveryLocation } from './entities';

/** spec.type of the Location entity that reports on one account and region's discovery. */
export const DISCOVERY_REPORT_TYPE = 'platform-ops-discovery';
/** JSON list of {entityRef, message}: what the inventory problems show. */
export const DISCOVERY_PROBLEMS_ANNOTATION = 'platform-ops.io/discovery-problems';

export interface DiscoveryOutcome {
  emitted: number;
  declaredByHand: number;
  conflicts: DiscoveryConflict[];
  /** Set when the last run failed: its entities are those of the last successful run. */
  failure?: string;
}

/**
 * The Location entity that stands for one account and region's discovery: where its entities
 * are managed from, and what the last run could not add (conflicts) or could not read (AWS
 * said no). Platform Ops' inventory reads its problems into GET /inventory/problems. It has no
 * targets, so the catalog reads nothing from it.
 */
export function reportEntity(location: AwsLocation, outcome: DiscoveryOutcome): Entity {
  const where = discoveryLocation(location);
  const problems: DiscoveryConflict[] = [
    ...(outcome.failure
      ? [
          {
            entityRef: `location:default/${reportName(location)}`,
            message: `discovery in AWS account ${location.accountId}, ${location.region} failed: ${outcome.failure}; the entities of its last successful run are kept`,
          },
        ]
      : []),
    ...outcome.conflicts,
  ];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: reportName(location),
      title: `AWS discovery ${location.accountId} ${location.region}`,
      description: outcome.failure
        ? `Last run failed: ${outcome.failure}`
        : `${outcome.emitted} entities discovered, ${outcome.declaredByHand} resources already declared by hand, ${outcome.conflicts.length} conflicts`,
      annotations: {
        [ANNOTATION_LOCATION]: where,
        [ANNOTATION_ORIGIN_LOCATION]: where,
        [DISCOVERY_PROBLEMS_ANNOTATION]: JSON.stringify(problems),
      },
    },
    spec: { type: DISCOVERY_REPORT_TYPE },
  };
}

export function reportName(location: AwsLocation): string {
  return `platform-ops-discovery-${location.accountId}-${location.region}`;
}
