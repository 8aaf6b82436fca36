import { InventoryResource } from '@platformops/plugin-platform-ops-common';

/** The AWS identifier a person recognises for each kind of resource. */
export function awsIdentifier(resource: InventoryResource): string {
  switch (resource.kind) {
    case 'gpu-fleet':
      return resource.asgName;
    case 'queue':
      return resource.dlqName ? `${resource.queueName} (DLQ ${resource.dlqName})` : resource.queueName;
    case 'database':
      return resource.dbClusterId ?? resource.dbInstanceId ?? '';
    case 'cache':
      return resource.replicationGroupId;
    case 'bucket':
      return resource.bucketName;
    case 'ecs-service':
      return `${resource.cluster}/${resource.service}`;
    default:
      return '';
  }
}

/** Human label of an inventory kind. */
export const KIND_LABELS: Record<InventoryResource['kind'], string> = {
  'gpu-fleet': 'GPU fleet',
  queue: 'Queue',
  database: 'Database',
  cache: 'Cache',
  bucket: 'Bucket',
  'ecs-service': 'ECS service',
};
