import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Platform Ops plugins. */
  platformOps?: {
    /** Tools for AI agents (MCP, through @backstage/plugin-mcp-actions-backend). */
    actions?: {
      /**
       * Secret (32+ characters) that signs the plan tokens a dry-run returns and an apply must
       * carry. Set it when several replicas serve the backend, so a token issued by one is
       * accepted by another; without it each process draws its own at start.
       * @visibility secret
       */
      planTokenSecret?: string;
    };
    /** DR runbooks: the durable engine and its targets. */
    runbooks?: {
      /** Seconds a worker holds an execution before another replica may resume it (default 60). */
      leaseSeconds?: number;
      /** Seconds between worker ticks on each replica (default 2). */
      pollIntervalSeconds?: number;
      /** Executions one replica advances at the same time (default 4). */
      workerConcurrency?: number;
      /** Set false on replicas that should serve the API but not run executions (default true). */
      worker?: boolean;
      /**
       * RTO target in minutes per runbook id, overriding the shipped ones (e.g.
       * region-failover: 60 from seed 004, rds-multi-az-failover: 5).
       */
      rtoTargetsMinutes?: { [runbookId: string]: number };
    };
    inventory?: {
      /** Seconds an inventory read from the catalog is reused (default 15). */
      cacheSeconds?: number;
    };
    /** Cost dashboards: Cost Explorer, Budgets and cost per job (see costs/ in the plugin). */
    costs?: {
      /**
       * Account Cost Explorer and Budgets are called in: the payer (management) account, which
       * sees every linked account. Default: the account of the prod-tier environment.
       */
      accountId?: string;
      /** Cost-allocation tag whose value names the environment (default environment). */
      tagKey?: string;
      /** Cost category to group and filter environments by instead of the tag. */
      costCategory?: string;
      /** Minutes a Cost Explorer answer is kept in the database (default 360). */
      cacheTtlMinutes?: number;
      /** When the default cost queries are renewed (default every 60 minutes). */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Monthly budget of an environment without an AWS Budget nor an entry in `budgets`
       * (default: seed 003's 60 USD with an alert at 80 %).
       */
      defaultBudget?: { amount: number; currency?: string; alertThresholdPercent?: number };
      /**
       * Monthly budgets by environment (or system, or "platform") name, used where AWS
       * Budgets defines none, e.g. seed 004: dev 335, staging 1000, prod 2600.
       */
      budgets?: {
        [name: string]: { amount: number; currency?: string; alertThresholdPercent?: number };
      };
      /** Daily increase over the previous 7 days' average flagged as a signal (default 20). */
      increaseThresholdPercent?: number;
      /** On-demand USD/hour per instance type, added to seed 004's g4dn/g5 prices. */
      onDemandHourlyPrices?: { [instanceType: string]: number };
    };
    fleet?: {
      /** Seconds fleet and queue answers are reused and shared between viewers (default 10). */
      cacheSeconds?: number;
      /**
       * Rule turning a queue backlog into a recommended worker count (defaults from seeds 000
       * and 004: 10/25/50 messages -> 1/2/4 workers, up above 100, down below 20, scale in
       * after 10 min empty). `default` applies to every fleet, `fleets.<entity name>` overrides.
       */
      rules?: {
        default?: FleetScalingRuleConfig;
        fleets?: { [fleetEntityName: string]: FleetScalingRuleConfig };
      };
    };
    guardrails?: {
      /**
       * Limits enforced on the server for every fleet change, per environment entity name.
       * Defaults by tier: dev 1 instance / $1.25 an hour, sandbox 2 / $2.50, staging 4 / $5,
       * prod 20 / $25.
       */
      environments?: {
        [environmentName: string]: {
          /** Most GPU instances a fleet may be set to (desired, max, scheduled). */
          maxGpuInstances?: number;
          /** Most $/hour a fleet may cost at its max size, every instance on-demand at the dearest type of its mix. */
          maxHourlyUsd?: number;
        };
      };
    };
    aws?: {
      /**
       * aws: real accounts, credentials from the standard `aws` block (aws.accounts with a
       * role per account, aws.mainAccount, aws.accountDefaults). simulated: the in-process
       * simulated account of the simulated-aws module answers every call, no credentials
       * needed. Unset (default): simulated when that module is installed, else aws.
       */
      mode?: 'simulated' | 'aws';
      retry?: {
        /** The SDK's retry strategy for throttling and transient errors (default standard). */
        mode?: 'standard' | 'adaptive';
        /** Attempts per call, first included (1-10, default 3). */
        maxAttempts?: number;
        /** Retry-After (seconds) on the 503 when throttling outlasts the retries (default 5). */
        throttledRetryAfterSeconds?: number;
      };
      timeouts?: {
        /** Milliseconds to wait for an AWS response once connected (default 10000). */
        requestMs?: number;
        /** Milliseconds to wait for the TCP/TLS connection (default 3000). */
        connectionMs?: number;
      };
      /**
       * Endpoint overrides (AWS-compatible emulators, VPC endpoint proxies), used by every
       * client of that service whatever the account and region. `default` applies to every
       * service without its own key, and to STS (the role assumptions); `sts` overrides STS
       * alone. Service keys: autoScaling, cloudWatch, sqs, costExplorer, budgets, rds, route53,
       * ecs, elastiCache, ec2, cloudFront, s3, resourceGroupsTagging (catalog discovery).
       */
      endpoints?: {
        /**
         * S3 (the bucket state card's configuration reads). With an override the client
         * addresses buckets path-style (https://endpoint/bucket), which emulators and proxies
         * answer without a wildcard DNS name per bucket.
         */
        s3?: string;
        [service: string]: string | undefined;
      };
    };
  };
}

/** A backlog scaling rule in config (any field left out keeps the default). */
interface FleetScalingRuleConfig {
  /** Visible messages -> workers. */
  steps?: Array<{ messages: number; workers: number }>;
  scaleUpAbove?: number;
  scaleDownBelow?: number;
  scaleInAfterEmptyMinutes?: number;
}
