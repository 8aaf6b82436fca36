import { Testing } from 'cdktf';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { SecureBucket } from './bucket';
import { SecurityGroups } from './security-groups';
import { DLQ_TAG, JobQueue } from './queue';
import { Network } from './network';
import { Registry } from './registry';
import { Database } from './database';
import { DRAINS_QUEUE_TAG, GpuFleet } from './gpu-fleet';
import { resolveGpuPool, resolveQueue, subnetLayout } from '../spec/resolve';
import { TIER_PRESETS } from '../spec/tiers';

const parse = (json: string) => JSON.parse(json) as { resource: Record<string, Record<string, Record<string, unknown>>> };

describe('SecureBucket', () => {
  it('is private, encrypted and lifecycle-managed', () => {
    const out = Testing.synthScope(scope => {
      new SecureBucket(scope, 'b', {
        bucketName: 'x-assets',
        versioning: true,
        lifecycle: [{ id: 'tiering', transitions: [{ days: 90, storageClass: 'STANDARD_IA' }], noncurrentExpireDays: 30 }],
      });
    });
    expect(out).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(out).toHaveResource(S3BucketServerSideEncryptionConfigurationA);
    expect(out).toHaveResource(S3BucketVersioningA);
    const rules = Object.values(parse(out).resource.aws_s3_bucket_lifecycle_configuration)[0].rule as { id: string }[];
    expect(rules.map(r => r.id)).toEqual(['abort-incomplete-uploads', 'tiering']);
  });
});

describe('SecurityGroups', () => {
  it('opens 0.0.0.0/0 only on the ALB and chains the rest', () => {
    const out = Testing.synthScope(scope => {
      new SecurityGroups(scope, 'sg', { name: 'e', vpcId: 'vpc-1' });
    });
    const rules = Object.values(parse(out).resource.aws_vpc_security_group_ingress_rule);
    const open = rules.filter(r => r.cidr_ipv4 === '0.0.0.0/0');
    expect(open.map(r => r.from_port).sort()).toEqual([443, 80]);
    expect(open.every(r => String(r.security_group_id).includes('aws_security_group.sg_alb'))).toBe(true);
    expect(out).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 5432, to_port: 5432 });
  });
});

describe('JobQueue', () => {
  it('redrives to the DLQ after 3 receives and alarms above 5 DLQ messages', () => {
    const out = Testing.synthScope(scope => {
      new JobQueue(scope, 'q', { queueName: 'e-jobs', dlqName: 'e-jobs-dlq', settings: resolveQueue('jobs', undefined) });
    });
    const queue = Object.values(parse(out).resource.aws_sqs_queue).find(q => q.name === 'e-jobs')!;
    expect(JSON.parse(String(queue.redrive_policy))).toMatchObject({ maxReceiveCount: 3 });
    expect(out).toHaveResourceWithProperties(SqsQueue, { name: 'e-jobs-dlq', sqs_managed_sse_enabled: true });
    // The main queue names its DLQ in a tag (discovery reads it instead of the RedrivePolicy);
    // the DLQ itself redrives nowhere and has no such tag.
    const dlq = Object.values(parse(out).resource.aws_sqs_queue).find(q => q.name === 'e-jobs-dlq')!;
    expect(queue.tags).toEqual({ [DLQ_TAG]: 'e-jobs-dlq' });
    expect(dlq.tags).toBeUndefined();
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'e-jobs-dlq-messages',
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
    });
  });
});

describe('GpuFleet', () => {
  it('tags the group with the literal name of the queue it drains, on the group only', () => {
    const out = Testing.synthScope(scope => {
      new GpuFleet(scope, 'g', {
        asgName: 'e-gpu-workers',
        pool: resolveGpuPool('gpu-workers', 'dev', undefined),
        subnetIds: ['subnet-1'],
        securityGroupIds: ['sg-1'],
        queueName: 'e-jobs',
        queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/e-jobs',
        queueArn: 'arn:aws:sqs:us-east-1:123456789012:e-jobs',
        kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
        tags: { 'platform-ops:environment': 'e' },
      });
    });
    const resources = parse(out).resource;
    const [asg] = Object.values(resources.aws_autoscaling_group);
    // The relation stays on the group (discovery reads the group's tags); the environment
    // tags still reach the instances.
    expect(asg.tag).toEqual([
      { key: 'platform-ops:environment', value: 'e', propagate_at_launch: true },
      { key: DRAINS_QUEUE_TAG, value: 'e-jobs', propagate_at_launch: false },
    ]);
    // Not on what the launch template tags (instances, volumes) either.
    expect(JSON.stringify(Object.values(resources.aws_launch_template)[0].tag_specifications)).not.toContain(DRAINS_QUEUE_TAG);
  });
});

describe('Network', () => {
  const build = (natPerAz: boolean, interfaceEndpoints: boolean) =>
    Testing.synthScope(scope => {
      new Network(scope, 'n', {
        name: 'e',
        region: 'us-east-1',
        cidr: '10.0.0.0/16',
        azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
        subnets: subnetLayout('10.0.0.0/16', 3),
        natPerAz,
        interfaceEndpoints,
        logRetentionDays: 7,
        kmsKeyArn: 'arn:aws:kms:us-east-1:1:key/k',
      });
    });

  it('has one NAT per AZ or a single one, flow logs and an S3 gateway endpoint', () => {
    const ha = build(true, true);
    const single = build(false, false);
    expect(Object.keys(parse(ha).resource.aws_nat_gateway)).toHaveLength(3);
    expect(Object.keys(parse(single).resource.aws_nat_gateway)).toHaveLength(1);
    expect(single).toHaveResource(NatGateway);
    expect(single).toHaveResourceWithProperties(FlowLog, { traffic_type: 'ALL' });
    expect(single).toHaveResourceWithProperties(VpcEndpoint, { vpc_endpoint_type: 'Gateway', service_name: 'com.amazonaws.us-east-1.s3' });
    expect(Object.keys(parse(ha).resource.aws_vpc_endpoint)).toHaveLength(6);
    expect(Object.keys(parse(single).resource.aws_vpc_endpoint)).toHaveLength(1);
  });
});

describe('Registry', () => {
  it('keeps the last 10 images', () => {
    const out = Testing.synthScope(scope => {
      new Registry(scope, 'r', { name: 'e', repositories: ['api'], kmsKeyArn: 'k' });
    });
    const policy = Object.values(parse(out).resource.aws_ecr_lifecycle_policy)[0].policy as string;
    expect(JSON.parse(policy).rules[0].selection).toMatchObject({ countType: 'imageCountMoreThan', countNumber: 10 });
    expect(out).toHaveResource(EcrLifecyclePolicy);
  });
});

describe('Database', () => {
  it('follows the tier preset', () => {
    const out = Testing.synthScope(scope => {
      new Database(scope, 'db', {
        identifier: 'e-postgres',
        preset: TIER_PRESETS.staging.database,
        subnetIds: ['a', 'b'],
        securityGroupIds: ['sg'],
        kmsKeyArn: 'k',
      });
    });
    expect(out).toHaveResourceWithProperties(DbInstance, {
      instance_class: 'db.t3.medium',
      multi_az: true,
      deletion_protection: false,
      manage_master_user_password: true,
      monitoring_interval: 60,
    });
  });
});
