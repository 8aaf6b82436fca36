import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { names } from '../spec/naming';
import { ResolvedEnvironment, subnetLayout } from '../spec/resolve';
import { AlertTopic } from './alarms';
import { Compute } from './compute';
import { CrossRegionReplica } from './database';
import { GpuFleet } from './gpu-fleet';
import { useProvider } from './in-provider';
import { EncryptionKey } from './kms';
import { Network } from './network';
import { JobQueue } from './queue';
import { SecurityGroups } from './security-groups';
import { Waf } from './waf';

export interface DrRegionProps {
  env: ResolvedEnvironment;
  provider: AwsProvider;
  /** ARN of the primary database the replica follows. */
  primaryDbArn: string;
  /** ECR repository names (`<env>/api`); their images replicate into the DR region. */
  repositories: { api: string; worker: string };
  wafRateLimit: number;
}

/** Two AZs are enough for a standby that holds nothing but the replica until a failover. */
const DR_AZ_COUNT = 2;

/**
 * Everything that lives in the DR region (seed 004 region failover), on the DR provider:
 * - the cross-region read replica in a private data tier (prod);
 * - with region failover, the pilot light the runbook brings up: a full three-tier VPC with
 *   one NAT gateway, the same security-group chain, the ECS cluster and services under the
 *   primary's names at zero tasks, the ALB and target group, the task roles, the GPU Auto
 *   Scaling group under the primary's name at zero instances, its queues and alarm topic.
 * Same names as the primary on purpose: the runbooks address the DR copy by the primary's
 * cluster/service and group names in the DR region.
 */
export class DrRegion extends Construct {
  readonly network: Network;
  readonly replica?: CrossRegionReplica;
  readonly compute?: Compute;
  readonly fleet?: GpuFleet;

  constructor(scope: Construct, id: string, props: DrRegionProps) {
    super(scope, id);
    useProvider(this, props.provider);
    const { env } = props;
    const region = env.drRegion;
    const preset = env.preset;
    const kms = new EncryptionKey(this, 'kms', { name: `${env.name}-dr`, region });
    const azs = ['a', 'b', 'c'].slice(0, DR_AZ_COUNT).map(s => `${region}${s}`);
    this.network = new Network(this, 'network', {
      name: `${env.name}-dr`,
      region,
      cidr: env.drVpcCidr,
      azs,
      subnets: subnetLayout(env.drVpcCidr, DR_AZ_COUNT),
      // A standby that serves nothing needs one NAT, not one per AZ (seed 001 cost rule).
      natPerAz: false,
      interfaceEndpoints: false,
      logRetentionDays: preset.logRetentionDays,
      kmsKeyArn: kms.key.arn,
      dataOnly: !env.regionFailover,
    });

    if (env.database.crossRegionReplica) {
      this.replica = new CrossRegionReplica(this, 'database', {
        identifier: names.dbReplica(env.name),
        sourceArn: props.primaryDbArn,
        instanceClass: env.database.instanceClass,
        subnetIds: this.network.dataSubnets.map(s => s.id),
        kmsKeyArn: kms.key.arn,
        provider: props.provider,
      });
    }
    if (!env.regionFailover) return;

    const sgs = new SecurityGroups(this, 'sg', { name: `${env.name}-dr`, vpcId: this.network.vpc.id });
    const caller = new DataAwsCallerIdentity(this, 'caller', {});
    // Images come from the DR region's registry (ECR replication), so the DR services start
    // while the primary region, and its registry, are down.
    const image = (repo: string) => `${caller.accountId}.dkr.ecr.${region}.amazonaws.com/${repo}:latest`;
    this.compute = new Compute(this, 'compute', {
      name: env.name,
      iamName: `${env.name}-dr`,
      region,
      vpcId: this.network.vpc.id,
      publicSubnetIds: this.network.publicSubnets.map(s => s.id),
      appSubnetIds: this.network.appSubnets.map(s => s.id),
      albSecurityGroupId: sgs.alb.id,
      appSecurityGroupId: sgs.app.id,
      api: env.api,
      worker: env.worker,
      apiImage: image(props.repositories.api),
      workerImage: image(props.repositories.worker),
      logRetentionDays: preset.logRetentionDays,
      kmsKeyArn: kms.key.arn,
      deletionProtection: env.database.deletionProtection,
      pilotLight: true,
    });
    if (preset.waf) {
      new Waf(this, 'waf', { name: `${env.name}-dr`, albArn: this.compute.alb.arn, rateLimit: props.wafRateLimit });
    }

    const alerts = new AlertTopic(this, 'alerts', {
      topicName: names.alertsTopic(env.name),
      kmsKeyArn: kms.key.arn,
      email: env.alarmEmail,
    });
    // The DR workers drain DR copies of the queues (same names): producers fail over with the API.
    const queues = env.queues.map(
      q =>
        new JobQueue(this, `queue-${q.name}`, {
          queueName: names.queue(env.name, q.name),
          dlqName: names.dlq(env.name, q.name),
          settings: q,
          alarmTopicArn: alerts.topic.arn,
        }),
    );
    const asgName = names.asg(env.name, env.gpu.name);
    this.fleet = new GpuFleet(this, 'gpu', {
      asgName,
      iamName: `${asgName}-dr`,
      pool: { ...env.gpu, min: 0, desired: 0 },
      subnetIds: this.network.appSubnets.map(s => s.id),
      securityGroupIds: [sgs.gpu.id],
      queueName: names.queue(env.name, env.queues[0].name),
      queueUrl: queues[0].queue.url,
      queueArn: queues[0].queue.arn,
      kmsKeyArn: kms.key.arn,
      tags: env.tags,
      capacityOwnedByRunbooks: true,
    });
  }
}
