import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AlertTopic, PlatformAlarms } from '../constructs/alarms';
import { BackupReplication } from '../constructs/backup-replication';
import { Budget } from '../constructs/budget';
import { Cache } from '../constructs/cache';
import { Cdn } from '../constructs/cdn';
import { Compute } from '../constructs/compute';
import { Database } from '../constructs/database';
import { DrRegion } from '../constructs/dr-region';
import { FailoverDns } from '../constructs/failover-dns';
import { GpuFleet } from '../constructs/gpu-fleet';
import { EncryptionKey } from '../constructs/kms';
import { Network } from '../constructs/network';
import { JobQueue } from '../constructs/queue';
import { Registry } from '../constructs/registry';
import { AppSecrets } from '../constructs/secrets';
import { SecurityGroups } from '../constructs/security-groups';
import { Storage } from '../constructs/storage';
import { Waf } from '../constructs/waf';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { EcrReplicationConfiguration } from '@cdktf/provider-aws/lib/ecr-replication-configuration';
import { names } from '../spec/naming';
import { ResolvedEnvironment } from '../spec/resolve';
import { tagRoles } from '../tagging/roles';
import { ALARM_THRESHOLDS } from '../spec/tiers';
import { awsProvider, remoteState } from './provider';

/** Seed 004: 100 requests per 5 minutes per IP. */
const WAF_RATE_LIMIT = 100;
/** Seed 003: the API's health endpoint, probed by the target group and Route 53. */
const HEALTH_PATH = '/health';

/**
 * A whole environment: network, data tier, compute, GPU fleet, queues, storage, CDN, edge
 * protection, alarms, budget and DR, in one stack with a second (aliased) provider for the
 * DR region.
 */
export class EnvironmentStack extends TerraformStack {
  constructor(scope: Construct, id: string, env: ResolvedEnvironment) {
    super(scope, id);
    const { preset } = env;
    awsProvider(this, 'aws', env, env.region);
    tagRoles(this);
    remoteState(this, env, env.name, `${env.name}/environment.tfstate`);

    const kms = new EncryptionKey(this, 'kms', { name: env.name, region: env.region });
    const keyArn = kms.key.arn;

    const network = new Network(this, 'network', {
      name: env.name,
      region: env.region,
      cidr: env.vpcCidr,
      azs: env.azs,
      subnets: env.subnets,
      natPerAz: preset.natPerAz,
      interfaceEndpoints: preset.interfaceEndpoints,
      logRetentionDays: preset.logRetentionDays,
      kmsKeyArn: keyArn,
    });
    const sgs = new SecurityGroups(this, 'sg', { name: env.name, vpcId: network.vpc.id });

    const db = new Database(this, 'database', {
      identifier: names.db(env.name),
      preset: env.database,
      subnetIds: network.dataSubnets.map(s => s.id),
      securityGroupIds: [sgs.db.id],
      kmsKeyArn: keyArn,
    });
    const cache = new Cache(this, 'cache', {
      id: names.cache(env.name),
      preset: env.cache,
      subnetIds: network.dataSubnets.map(s => s.id),
      securityGroupIds: [sgs.cache.id],
      kmsKeyArn: keyArn,
      snapshotRetentionDays: env.tier === 'prod' ? 7 : 1,
    });

    const registry = new Registry(this, 'ecr', {
      name: env.name,
      repositories: ['api', 'worker', 'gpu-worker'],
      kmsKeyArn: keyArn,
    });
    const compute = new Compute(this, 'compute', {
      name: env.name,
      region: env.region,
      vpcId: network.vpc.id,
      publicSubnetIds: network.publicSubnets.map(s => s.id),
      appSubnetIds: network.appSubnets.map(s => s.id),
      albSecurityGroupId: sgs.alb.id,
      appSecurityGroupId: sgs.app.id,
      api: env.api,
      worker: env.worker,
      apiImage: `${registry.repositories.api.repositoryUrl}:latest`,
      workerImage: `${registry.repositories.worker.repositoryUrl}:latest`,
      logRetentionDays: preset.logRetentionDays,
      kmsKeyArn: keyArn,
      deletionProtection: env.database.deletionProtection,
    });

    const alerts = new AlertTopic(this, 'alerts', {
      topicName: names.alertsTopic(env.name),
      kmsKeyArn: keyArn,
      email: env.alarmEmail,
    });

    const queues = env.queues.map(
      q =>
        new JobQueue(this, `queue-${q.name}`, {
          queueName: names.queue(env.name, q.name),
          dlqName: names.dlq(env.name, q.name),
          settings: q,
          alarmTopicArn: alerts.topic.arn,
        }),
    );
    // The GPU fleet drains the first queue; more pools come from the gpu-worker-pool template.
    const jobs = queues[0];
    const asgName = names.asg(env.name, env.gpu.name);
    new GpuFleet(this, 'gpu', {
      asgName,
      pool: env.gpu,
      subnetIds: network.appSubnets.map(s => s.id),
      securityGroupIds: [sgs.gpu.id],
      queueName: names.queue(env.name, env.queues[0].name),
      queueUrl: jobs.queue.url,
      queueArn: jobs.queue.arn,
      kmsKeyArn: keyArn,
      tags: env.tags,
    });

    const storage = new Storage(this, 'storage', {
      assetsBucketName: names.bucket(env.name, 'assets', env.accountId),
      uploadsBucketName: names.bucket(env.name, 'uploads', env.accountId),
      logsBucketName: names.bucket(env.name, 'logs', env.accountId),
      versioning: preset.versioning,
    });

    // Disaster recovery in the DR region (seed 004 region failover runbook).
    const needsDr = preset.crossRegionBackup || env.database.crossRegionReplica || env.regionFailover;
    const dr = needsDr ? awsProvider(this, 'aws-dr', env, env.drRegion, 'dr') : undefined;
    const backup =
      dr && (preset.crossRegionBackup || env.regionFailover)
        ? new BackupReplication(this, 'backup', {
            name: env.name,
            source: storage.assets,
            backupBucketName: names.backupBucket(env.name, env.drRegion, env.accountId),
            drProvider: dr,
          })
        : undefined;
    const drRegion =
      dr && (env.database.crossRegionReplica || env.regionFailover)
        ? new DrRegion(this, 'dr', {
            env,
            provider: dr,
            primaryDbArn: db.instance.arn,
            repositories: { api: registry.repositories.api.name, worker: registry.repositories.worker.name },
            wafRateLimit: WAF_RATE_LIMIT,
          })
        : undefined;
    if (env.regionFailover && drRegion?.compute) {
      // The DR services pull their images from the DR region's registry.
      const caller = new DataAwsCallerIdentity(this, 'caller', {});
      new EcrReplicationConfiguration(this, 'ecr-replication', {
        replicationConfiguration: {
          rule: [
            {
              destination: [{ region: env.drRegion, registryId: caller.accountId }],
              repositoryFilter: [{ filter: `${env.name}/`, filterType: 'PREFIX_MATCH' }],
            },
          ],
        },
      });
      new FailoverDns(this, 'failover', {
        name: env.name,
        primary: { alb: compute.alb, region: env.region },
        dr: { alb: drRegion.compute.alb, region: env.drRegion },
        dns: env.dns,
        healthPath: HEALTH_PATH,
      });
    }

    const cdn = new Cdn(this, 'cdn', {
      name: env.name,
      region: env.region,
      originBucket: storage.assets.bucket,
      priceClass: preset.cloudFrontPriceClass,
      failover:
        env.regionFailover && backup && dr
          ? { bucket: backup.backup.bucket, region: env.drRegion, provider: dr }
          : undefined,
    });
    new AppSecrets(this, 'secrets', {
      name: env.name,
      kmsKeyArn: keyArn,
      secrets: ['app', 'third-party-api-keys'],
    });
    if (preset.waf) {
      new Waf(this, 'waf', { name: env.name, albArn: compute.alb.arn, rateLimit: WAF_RATE_LIMIT });
    }

    new PlatformAlarms(this, 'alarms', {
      name: env.name,
      topicArn: alerts.topic.arn,
      dbIdentifier: names.db(env.name),
      dbAllocatedStorageGb: env.database.allocatedStorageGb,
      cacheId: names.cache(env.name),
      clusterName: names.cluster(env.name),
      serviceNames: [`${env.name}-api`, `${env.name}-worker`],
      albArnSuffix: compute.alb.arnSuffix,
      targetGroupArnSuffix: compute.targetGroup.arnSuffix,
    });
    new Budget(this, 'budget', {
      budgetName: names.budget(env.name),
      environment: env.name,
      monthlyLimitUsd: env.monthlyBudgetUsd,
      alertPercent: ALARM_THRESHOLDS.budgetAlertPercent,
      topicArn: alerts.topic.arn,
      email: env.alarmEmail,
    });

    new TerraformOutput(this, 'vpc_id', { value: network.vpc.id });
    new TerraformOutput(this, 'alb_dns_name', { value: compute.alb.dnsName });
    new TerraformOutput(this, 'cdn_domain_name', { value: cdn.distribution.domainName });
    // Ids AWS assigns at apply time, for the catalog's platform-ops.io/* annotations.
    new TerraformOutput(this, 'cdn_distribution_id', { value: cdn.distribution.id });
    if (drRegion?.compute) {
      new TerraformOutput(this, 'dr_alb_dns_name', { value: drRegion.compute.alb.dnsName });
    }
    new TerraformOutput(this, 'db_endpoint', { value: db.instance.endpoint });
    new TerraformOutput(this, 'cache_endpoint', { value: cache.group.primaryEndpointAddress });
    queues.forEach((q, i) =>
      new TerraformOutput(this, `queue_url_${env.queues[i].name.replace(/-/g, '_')}`, { value: q.queue.url }),
    );
  }
}
