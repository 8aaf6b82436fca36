/**
 * The live state of a database, cache or ECS service as the entity card shows it: a few
 * named facts read from AWS (primary AZ, primary node, running tasks...), so that a failover
 * or a rollback shows on the entity and not only in a runbook log.
 */

/** One fact, labelled in words ("primary AZ": "us-east-1b"). @public */
export interface ResourceStateFact {
  label: string;
  value: string;
  /**
   * Why this fact could not be read, said in place while the other facts still show (e.g.
   * "the platform-ops role in 410987654321 may not call s3:GetReplicationConfiguration").
   */
  problem?: string;
  /**
   * The day a daily metric is for (S3's storage size and object count come once a day, for a
   * whole UTC day): ISO timestamp of the datapoint.
   */
  asOf?: string;
}

/** Answer of GET /resources/state?entityRef=. @public */
export interface ResourceState {
  entityRef: string;
  kind: 'database' | 'cache' | 'ecs-service' | 'bucket';
  /** False when the catalog declares the resource but AWS does not have it (not applied yet). */
  found: boolean;
  /** What AWS calls the resource, e.g. "prod-postgres" or "prod-cluster/video-api". */
  awsName: string;
  facts: ResourceStateFact[];
  fetchedAt: string;
}
