import {
  BucketResource,
  EcsServiceResource,
  GpuFleetResource,
} from '@platformops/plugin-platform-ops-common';

/*
 * Names of the DR copies the region-failover path addresses. The catalog declares them
 * (annotations dr-asg-name, dr-ecs-service, dr-bucket-name, written by the environment
 * template from the same spec as the Terraform); an entity without them falls back to the
 * Terraform modules' convention: the same group, cluster and service names in the DR region,
 * and the bucket's replica "<bucket>-<region short>". `declared` says which one applies so
 * the preflight can say when a name is only a convention.
 */

export interface DrName {
  name: string;
  declared: boolean;
}

/** "us-west-2" -> "usw2", the suffix of DR copies (replica, replicated bucket). */
export function regionShort(region: string): string {
  const [geo, direction, n] = region.split('-');
  return `${geo}${direction?.[0] ?? ''}${n ?? ''}`;
}

export function drAsgName(fleet: GpuFleetResource): DrName {
  return fleet.drAsgName
    ? { name: fleet.drAsgName, declared: true }
    : { name: fleet.asgName, declared: false };
}

export function drEcsService(svc: EcsServiceResource): { cluster: string; service: string; declared: boolean } {
  return svc.drCluster && svc.drService
    ? { cluster: svc.drCluster, service: svc.drService, declared: true }
    : { cluster: svc.cluster, service: svc.service, declared: false };
}

export function drBucket(bucket: BucketResource, drRegion: string): DrName {
  return bucket.drBucketName
    ? { name: bucket.drBucketName, declared: true }
    : { name: `${bucket.bucketName}-${regionShort(drRegion)}`, declared: false };
}

/** Appended to a preflight detail when a DR name is the convention, not the catalog's. */
export function conventionNote(name: DrName, annotation: string): string {
  return name.declared ? '' : ` (name by convention: the entity has no ${annotation} annotation)`;
}
