import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { RDSClient } from '@aws-sdk/client-rds';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsClientMap, AwsServiceName } from './types';

/**
 * What the gateway needs to know about each AWS service, in one table: how to build its
 * client, how AWS names it in IAM policies (for the 403 message naming the missing
 * action), how the ledger and dry-run plans label it, and whether its API lives in one
 * region whatever the resource's region.
 */
export interface AwsServiceInfo<S extends AwsServiceName = AwsServiceName> {
  /** Label in the ledger and in dry-run plans: AutoScaling.SetDesiredCapacity. */
  label: string;
  /** IAM action prefix: autoscaling:SetDesiredCapacity. */
  iamPrefix: string;
  /** Operations whose IAM action is not `<prefix>:<Operation>`. */
  iamActions?: Record<string, string>;
  /** Region the API is always called in (global services), if any. */
  fixedRegion?: string;
  create(config: AwsClientSettings): AwsClientMap[S];
}

/**
 * The client settings the gateway sets; every SDK v3 client accepts them (their config
 * types all extend the same smithy/aws-sdk resolved-config inputs).
 */
export interface AwsClientSettings {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  endpoint?: string;
  maxAttempts: number;
  retryMode: 'standard' | 'adaptive';
  /** Read by the SDK's default NodeHttpHandler: no explicit handler import needed. */
  requestHandler: {
    requestTimeout: number;
    connectionTimeout: number;
    /** Without it the SDK only warns when requestTimeout passes, and waits on. */
    throwOnRequestTimeout: true;
  };
  /** SQS only: the simulated account does not compute message MD5s. */
  md5?: false;
  /**
   * S3 only: bucket in the path (https://endpoint/bucket) instead of the host name. Set when
   * an endpoint override is configured, since emulators and proxies rarely resolve
   * <bucket>.<endpoint> host names.
   */
  forcePathStyle?: boolean;
}

export const AWS_SERVICES: { [S in AwsServiceName]: AwsServiceInfo<S> } = {
  autoScaling: {
    label: 'AutoScaling',
    iamPrefix: 'autoscaling',
    create: c => new AutoScalingClient(c),
  },
  cloudWatch: {
    label: 'CloudWatch',
    iamPrefix: 'cloudwatch',
    create: c => new CloudWatchClient(c),
  },
  sqs: { label: 'SQS', iamPrefix: 'sqs', create: c => new SQSClient(c) },
  // Cost Explorer and Budgets answer only in us-east-1, for every region's resources.
  costExplorer: {
    label: 'CostExplorer',
    iamPrefix: 'ce',
    fixedRegion: 'us-east-1',
    create: c => new CostExplorerClient(c),
  },
  budgets: {
    label: 'Budgets',
    iamPrefix: 'budgets',
    // Budgets authorises reads with one action, not one per API.
    iamActions: { DescribeBudgets: 'budgets:ViewBudget', DescribeBudget: 'budgets:ViewBudget' },
    fixedRegion: 'us-east-1',
    create: c => new BudgetsClient(c),
  },
  rds: { label: 'RDS', iamPrefix: 'rds', create: c => new RDSClient(c) },
  route53: {
    label: 'Route53',
    iamPrefix: 'route53',
    create: c => new Route53Client(c),
  },
  ecs: { label: 'ECS', iamPrefix: 'ecs', create: c => new ECSClient(c) },
  elastiCache: {
    label: 'ElastiCache',
    iamPrefix: 'elasticache',
    create: c => new ElastiCacheClient(c),
  },
  ec2: { label: 'EC2', iamPrefix: 'ec2', create: c => new EC2Client(c) },
  cloudFront: {
    label: 'CloudFront',
    iamPrefix: 'cloudfront',
    create: c => new CloudFrontClient(c),
  },
  s3: {
    label: 'S3',
    iamPrefix: 's3',
    // S3's bucket-configuration reads are authorised by actions named after the configuration.
    iamActions: {
      GetBucketReplication: 's3:GetReplicationConfiguration',
      GetBucketLifecycleConfiguration: 's3:GetLifecycleConfiguration',
    },
    // `md5: false` is SQS's switch; S3's md5 option is a hash constructor.
    create: c => new S3Client({ ...c, md5: undefined }),
  },
  resourceGroupsTagging: {
    label: 'ResourceGroupsTaggingAPI',
    iamPrefix: 'tag',
    create: c => new ResourceGroupsTaggingAPIClient(c),
  },
};

export const AWS_SERVICE_NAMES = Object.keys(AWS_SERVICES) as AwsServiceName[];

/** The region a call for `region` is really made in (global services pin theirs). */
export function effectiveRegion(service: AwsServiceName, region: string): string {
  return AWS_SERVICES[service].fixedRegion ?? region;
}

/** The IAM action a call needs, e.g. autoscaling:SetDesiredCapacity. */
export function iamAction(service: AwsServiceName, operation: string): string {
  const info: AwsServiceInfo = AWS_SERVICES[service];
  return info.iamActions?.[operation] ?? `${info.iamPrefix}:${operation}`;
}

/** SetDesiredCapacityCommand -> SetDesiredCapacity. */
export function operationName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

/** IAM action prefix of a service (autoscaling, sqs, ...), e.g. for simulated AccessDenied faults. */
export function awsIamPrefix(service: AwsServiceName): string {
  return AWS_SERVICES[service].iamPrefix;
}
