import { Construct } from 'constructs';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { AlertTopic, PlatformAlarms } from '../constructs/alarms';
import { BackupReplication } from '../constructs/backup-replication';
import { Budget } from '../constructs/budget';
import { Cache } from '../constructs/cache';
import { Cdn } from '../constructs/cdn';
import { Compute } from '../constructs/compute';
import { CrossRegionReplica, Database } from '../constructs/database';
import { GpuFleet } from '../constructs/gpu-fleet';
import { EncryptionKey } from '../constructs/kms';
import { Network } from '../constructs/network';
import { JobQueue } from '../constructs/queue';
import { Registry } from '../constructs/registry';
import { AppSecrets } from '../constructs/secrets';
import { SecurityGroups } from '../constructs/security-groups';
import { Storage } from '../constructs/storage';
import { Waf } from '../constructs/waf';
import { names } from '../spec/naming';
import { ResolvedEnvironment, subnetLayout } from '../spec/resolve';
import { ALARM_THRESHOLDS } from '../spec/tiers';
import { awsProvider, remoteState } from './provider';

/** Seed 004: 100 requests per 5 minutes per IP. */
const WAF_RATE_LIMIT = 100;

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
    const cdn = new Cdn(this, 'cdn', {
      name: env.name,
      originBucket: storage.assets.bucket,
      priceClass: preset.cloudFrontPriceClass,
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

    // Disaster recovery in the DR region (seed 004 region failover runbook).
    if (preset.crossRegionBackup || env.database.crossRegionReplica) {
      const dr = awsProvider(this, 'aws-dr', env, env.drRegion, 'dr');
      if (preset.crossRegionBackup) {
        new BackupReplication(this, 'backup', {
          name: env.name,
          source: storage.assets,
          backupBucketName: names.backupBucket(env.name, env.drRegion, env.accountId),
          drProvider: dr,
        });
      }
      if (env.database.crossRegionReplica) {
        const drKms = new EncryptionKey(this, 'kms-dr', { name: `${env.name}-dr`, region: env.drRegion, provider: dr });
        const drNetwork = new Network(this, 'network-dr', {
          name: `${env.name}-dr`,
          region: env.drRegion,
          cidr: env.drVpcCidr,
          azs: ['a', 'b'].map(s => `${env.drRegion}${s}`),
          subnets: subnetLayout(env.drVpcCidr, 2),
          natPerAz: false,
          interfaceEndpoints: false,
          logRetentionDays: preset.logRetentionDays,
          kmsKeyArn: drKms.key.arn,
          dataOnly: true,
          provider: dr,
        });
        new CrossRegionReplica(this, 'database-dr', {
          identifier: names.dbReplica(env.name),
          sourceArn: db.instance.arn,
          instanceClass: env.database.instanceClass,
          subnetIds: drNetwork.dataSubnets.map(s => s.id),
          kmsKeyArn: drKms.key.arn,
          provider: dr,
        });
      }
    }

    new TerraformOutput(this, 'vpc_id', { value: network.vpc.id });
    new TerraformOutput(this, 'alb_dns_name', { value: compute.alb.dnsName });
    new TerraformOutput(this, 'cdn_domain_name', { value: cdn.distribution.domainName });
    new TerraformOutput(this, 'db_endpoint', { value: db.instance.endpoint });
    new TerraformOutput(this, 'cache_endpoint', { value: cache.group.primaryEndpointAddress });
    queues.forEach((q, i) =>
      new TerraformOutput(this, `queue_url_${env.queues[i].name.replace(/-/g, '_')}`, { value: q.queue.url }),
    );
  }
}
