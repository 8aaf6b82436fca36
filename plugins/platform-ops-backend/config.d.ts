export interface Config {
  /** Configuration of the Platform Ops plugins. */
  platformOps?: {
    inventory?: {
      /** Seconds an inventory read from the catalog is reused (default 15). */
      cacheSeconds?: number;
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
