/** "us-west-2" -> "usw2": the suffix of DR copies (seed 004 "-dr-usw2", the runbooks' convention). */
export function regionShort(region: string): string {
  const [geo, direction, n] = region.split('-');
  return `${geo}${direction?.[0] ?? ''}${n ?? ''}`;
}

/**
 * Names of the AWS resources an environment creates. One place, because the Terraform and the
 * catalog entities (whose annotations point at these names) must agree.
 */
export const names = {
  vpc: (env: string) => `${env}-vpc`,
  cluster: (env: string) => `${env}-cluster`,
  alb: (env: string) => `${env}-alb`,
  db: (env: string) => `${env}-postgres`,
  dbReplica: (env: string) => `${env}-postgres-dr`,
  cache: (env: string) => `${env}-redis`,
  asg: (env: string, pool: string) => (pool.startsWith(env) ? pool : `${env}-${pool}`),
  queue: (env: string, queue: string) => (queue.startsWith(env) ? queue : `${env}-${queue}`),
  dlq: (env: string, queue: string) => `${names.queue(env, queue)}-dlq`,
  /** Bucket names are global: the account id keeps them unique when it is known. */
  bucket: (env: string, purpose: string, accountId?: string) =>
    accountId ? `${env}-${purpose}-${accountId}` : `${env}-${purpose}`,
  /**
   * The DR copy of the assets bucket (S3 cross-region replication target, CloudFront's
   * secondary origin). `<assets bucket>-<region short>`: the name the region-failover runbook
   * derives from the bucket entity (runbooks/definitions/regionFailover.ts drBucketName).
   */
  backupBucket: (env: string, drRegion: string, accountId?: string) =>
    `${names.bucket(env, 'assets', accountId)}-${regionShort(drRegion)}`,
  /** Route 53 health check of one site's ALB (its Name tag; AWS gives the id). */
  healthCheck: (env: string, site: 'primary' | 'dr', region: string) => `${env}-${site}-${region}`,
  /** Set identifiers of the failover pair, as the simulated account seeds them. */
  failoverSetId: (role: 'PRIMARY' | 'SECONDARY', region: string) =>
    `${role === 'PRIMARY' ? 'primary' : 'secondary'}-${region}`,
  /** CloudFront origin ids: the runbook recognises the DR origin by its bucket's region. */
  primaryOriginId: (region: string) => `primary-media-${region}`,
  drOriginId: (drRegion: string) => `dr-media-${drRegion}`,
  originGroupId: 'media-failover',
  /** ECS services of an environment, the same names in the primary and the DR region. */
  service: (env: string, key: 'api' | 'worker') => `${env}-${key}`,
  stateBucket: (env: string, accountId?: string) => names.bucket(env, 'tfstate', accountId),
  lockTable: (env: string) => `${env}-tflock`,
  alertsTopic: (env: string) => `${env}-alerts`,
  budget: (env: string) => `${env}-monthly`,
  queueUrl: (region: string, accountId: string | undefined, queue: string) =>
    `https://sqs.${region}.amazonaws.com/${accountId ?? '000000000000'}/${queue}`,
};
