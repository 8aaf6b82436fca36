import { InventoryResource } from './inventory';

/**
 * Deep link to a resource in the AWS console. The console opens in the account the user is
 * signed into; the region is part of the link.
 *
 * @public
 */
export function awsConsoleUrl(
  resource: Pick<InventoryResource, 'location'> &
    (
      | { kind: 'gpu-fleet'; asgName: string }
      | { kind: 'queue'; queueUrl: string }
      | { kind: 'database'; dbInstanceId?: string; dbClusterId?: string }
      | { kind: 'cache'; replicationGroupId: string }
      | { kind: 'bucket'; bucketName: string }
      | { kind: 'ecs-service'; cluster: string; service: string }
    ),
): string {
  const region = resource.location.region;
  const base = `https://${region}.console.aws.amazon.com`;
  switch (resource.kind) {
    case 'gpu-fleet':
      return `${base}/ec2/home?region=${region}#AutoScalingGroupDetails:id=${encodeURIComponent(resource.asgName)}`;
    case 'queue':
      return `${base}/sqs/v3/home?region=${region}#/queues/${encodeURIComponent(resource.queueUrl)}`;
    case 'database':
      return resource.dbClusterId
        ? `${base}/rds/home?region=${region}#database:id=${encodeURIComponent(resource.dbClusterId)};is-cluster=true`
        : `${base}/rds/home?region=${region}#database:id=${encodeURIComponent(resource.dbInstanceId ?? '')};is-cluster=false`;
    case 'cache':
      return `${base}/elasticache/home?region=${region}#/redis/${encodeURIComponent(resource.replicationGroupId)}`;
    case 'bucket':
      return `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(resource.bucketName)}?region=${region}`;
    case 'ecs-service':
      return `${base}/ecs/v2/clusters/${encodeURIComponent(resource.cluster)}/services/${encodeURIComponent(resource.service)}/health?region=${region}`;
    default:
      return base;
  }
}

/** The SQS queue URL for a queue name in an account and region. @public */
export function sqsQueueUrl(
  location: { accountId: string; region: string },
  queueName: string,
): string {
  return `https://sqs.${location.region}.amazonaws.com/${location.accountId}/${queueName}`;
}
