import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      platformOps?: {
        /**
         * Discovery of Platform Ops environments and their AWS resources with the Resource
         * Groups Tagging API, one entity provider per account and region.
         */
        discovery?: {
          /** How often each account and region is read (default every 5 minutes). */
          schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
          /** Accounts to read (unset or empty: every `aws.accounts[].accountId`). */
          accounts?: string[];
          /** Regions to read in each account. */
          regions: string[];
          /** Tag keys read from the resources. */
          tagKeys?: {
            /** The environment tag: its value is the environment's name (default platform-ops:environment). */
            environment?: string;
            /** Owner of the resource, a catalog group or user (default platform-ops:owner). */
            owner?: string;
            /** Tier of the environment: dev, sandbox, staging or prod (default platform-ops:tier). */
            tier?: string;
            /** On an Auto Scaling group, the SQS queue it drains (default platform-ops:drains-queue). */
            drainsQueue?: string;
            /**
             * On an SQS queue, the name of its dead-letter queue (default platform-ops:dlq-name):
             * a queue carrying it is not read with sqs:GetQueueAttributes.
             */
            dlq?: string;
          };
          /** Only these environment tag values (default: any value). */
          environments?: string[];
          /** Owner of an entity whose resources carry no owner tag (default platform-team). */
          defaultOwner?: string;
          /** System the discovered entities belong to, if any. */
          system?: string;
          /** Tier of an environment without a tier tag, unless its name is a tier (default sandbox). */
          defaultTier?: string;
        };
      };
    };
  };
}
