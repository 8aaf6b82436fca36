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
  backupBucket: (env: string, drRegion: string, accountId?: string) =>
    names.bucket(env, `backups-${drRegion}`, accountId),
  stateBucket: (env: string, accountId?: string) => names.bucket(env, 'tfstate', accountId),
  lockTable: (env: string) => `${env}-tflock`,
  alertsTopic: (env: string) => `${env}-alerts`,
  budget: (env: string) => `${env}-monthly`,
  queueUrl: (region: string, accountId: string | undefined, queue: string) =>
    `https://sqs.${region}.amazonaws.com/${accountId ?? '000000000000'}/${queue}`,
};
