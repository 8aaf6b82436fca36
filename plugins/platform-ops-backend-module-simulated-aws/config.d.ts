export interface Config {
  platformOps?: {
    aws?: {
      /** The simulated account this module installs (unless platformOps.aws.mode is aws). */
      simulation?: {
        /** Clock acceleration: 1 = real time (default), 60 = a simulated minute per second. */
        speed?: number;
        /** PRNG seed: the same seed gives the same account (default 20261120). */
        seed?: number;
        /** Hours of history simulated on first use, so charts and costs start full (default 24). */
        backfillHours?: number;
        /** Cost-allocation tag key the simulated resources and bills carry (default environment). */
        costTagKey?: string;
        /**
         * Directories of synthesized Terraform (`<env>/<stack>.tf.json`, `<env>/<stack>/cdk.tf.json`
         * or `<repo>/environments/<env>/terraform/...`) applied to the account: an environment
         * found there holds exactly what its Terraform declares. platformOps.scaffolder.localPublishDir
         * is always searched too.
         */
        terraformDirs?: string[];
        /**
         * Environments the simulated account holds that no catalog file declares, as if an
         * environment template had been applied with Terraform: each gets a GPU fleet, a queue
         * and its DLQ, PostgreSQL, Redis and a media bucket, all tagged with the environment.
         * Only catalog discovery (catalog.providers.platformOps.discovery) brings them in.
         */
        extraEnvironments?: Array<{
          name: string;
          /** 12 digits. */
          accountId: string;
          region: string;
          /** dev | sandbox | staging | prod (default sandbox). */
          tier?: string;
          /** Owner tag of its resources (default platform-team). */
          owner?: string;
        }>;
      };
    };
  };
}
