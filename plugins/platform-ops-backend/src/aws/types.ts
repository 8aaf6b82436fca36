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
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { JsonObject } from '@backstage/types';

/**
 * The contract between the AWS access layer and every capability (fleet, queues, costs,
 * runbooks). Capabilities never construct SDK clients: they ask the gateway, with a location
 * that came from the inventory (never from a request body).
 */

/** The SDK v3 client of each service the product uses. */
export interface AwsClientMap {
  autoScaling: AutoScalingClient;
  cloudWatch: CloudWatchClient;
  sqs: SQSClient;
  /** Always us-east-1, whatever the location's region (Cost Explorer is global). */
  costExplorer: CostExplorerClient;
  budgets: BudgetsClient;
  rds: RDSClient;
  route53: Route53Client;
  ecs: ECSClient;
  elastiCache: ElastiCacheClient;
  ec2: EC2Client;
  cloudFront: CloudFrontClient;
  /** Buckets are read in their own region (the inventory's), not a global endpoint. */
  s3: S3Client;
  /** Catalog discovery (@platformops/plugin-catalog-backend-module-platform-ops). */
  resourceGroupsTagging: ResourceGroupsTaggingAPIClient;
}

export type AwsServiceName = keyof AwsClientMap;

/** Any SDK v3 command: what `client.send` accepts. */
export interface AwsCommand<I extends object = object, O extends object = object> {
  readonly input: I;
  /** Present on every SDK command; carries the output type for inference. */
  resolveMiddleware: (...args: never[]) => unknown;
  /** Phantom: the SDK declares the output type through the Command class generics. */
  readonly __outputType?: O;
}

/** The output type of an SDK command instance. */
export type AwsCommandOutput<C> = C extends {
  resolveMiddleware: (...args: never[]) => (...a: never[]) => Promise<{ output: infer O }>;
}
  ? O
  : never;

export interface AwsGateway {
  /**
   * Sends one command for a location, with retries for throttling, a timeout, the call
   * counted in the ledger, and AWS errors mapped to Backstage errors (403 naming the action
   * and account, 404, 400 with AWS's message, 503 with retryAfterSeconds).
   */
  send<C extends AwsCommand>(
    location: AwsLocation,
    service: AwsServiceName,
    command: C,
  ): Promise<AwsCommandOutput<C>>;

  /** The exact call a command would make, for dry-run plans (no AWS call). */
  preview<C extends AwsCommand>(
    location: AwsLocation,
    service: AwsServiceName,
    command: C,
  ): AwsCallPreview;

  /** Calls made so far, by service and operation (simulated or real). */
  ledger(): AwsCallLedgerSnapshot;

  /** 'simulated' (embedded default) or 'aws'. */
  readonly mode: 'simulated' | 'aws';
}

export interface AwsCallLedgerSnapshot {
  total: number;
  /** e.g. { 'AutoScaling.DescribeAutoScalingGroups': 3 } */
  byOperation: Record<string, number>;
}

/** One AWS call a change will make (dry-run) or made: the exact command and its input. */
export interface AwsCallPreview {
  /** SDK client, e.g. AutoScaling, SQS, RDS. */
  service: string;
  /** SDK command name, e.g. SetDesiredCapacityCommand. */
  command: string;
  /** The exact input object sent to AWS. */
  input: JsonObject;
  accountId: string;
  region: string;
  /** control plane unless stated otherwise; runbooks say when a call needs another region. */
  plane?: 'control' | 'data';
}
