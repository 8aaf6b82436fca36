export interface Config {
  /** Configuration of the Platform Ops plugins. */
  platformOps?: {
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
          /** Most $/hour a fleet may cost at that size. */
          maxHourlyUsd?: number;
        };
      };
    };
    aws?: {
      /**
       * simulated (default): an in-process simulated AWS account answers every call, no
       * credentials needed. aws: real accounts, credentials from the standard `aws` block
       * (aws.accounts with a role per account, aws.mainAccount, aws.accountDefaults).
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
       * Endpoint override per service (LocalStack-style emulators), used by every client of
       * that service, whatever the account and region. Keys: autoScaling, cloudWatch, sqs,
       * costExplorer, budgets, rds, route53, ecs, elastiCache, ec2, cloudFront.
       */
      endpoints?: { [service: string]: string };
      /** The simulated account (mode: simulated). */
      simulation?: {
        /** Clock acceleration: 1 = real time (default), 60 = a simulated minute per second. */
        speed?: number;
        /** PRNG seed: the same seed gives the same account (default 20261120). */
        seed?: number;
        /** Hours of history simulated on first use, so charts and costs start full (default 24). */
        backfillHours?: number;
        /** Cost-allocation tag key the simulated resources and bills carry (default environment). */
        costTagKey?: string;
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
