import { Construct } from 'constructs';
import { S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { names } from '../spec/naming';
import { ResolvedIdentity } from '../spec/resolve';

/**
 * The AWS provider for a region, carrying the cost-allocation tags as default tags so that
 * every taggable resource gets them without each construct remembering to.
 */
export function awsProvider(
  scope: Construct,
  id: string,
  identity: ResolvedIdentity,
  region: string,
  alias?: string,
): AwsProvider {
  return new AwsProvider(scope, id, {
    region,
    alias,
    allowedAccountIds: identity.accountId ? [identity.accountId] : undefined,
    defaultTags: [{ tags: identity.tags }],
  });
}

/** Remote state in the environment's S3 + DynamoDB backend (see StateBackendStack). */
export function remoteState(stack: TerraformStack, identity: ResolvedIdentity, environment: string, key: string) {
  new S3Backend(stack, {
    bucket: names.stateBucket(environment, identity.accountId),
    key,
    region: identity.region,
    dynamodbTable: names.lockTable(environment),
    encrypt: true,
  });
}
