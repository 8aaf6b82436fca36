export interface Config {
  /** Configuration of the Platform Ops plugins. */
  platformOps?: {
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
