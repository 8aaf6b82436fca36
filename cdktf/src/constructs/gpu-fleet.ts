import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { ResolvedGpuPool } from '../spec/resolve';
import { assumeRolePolicy, policyDocument } from './iam';

/**
 * Tag on the Auto Scaling group naming the SQS queue its workers drain (the queue name, a
 * literal known at synth time). Catalog discovery reads it from the Resource Groups Tagging
 * API to relate the discovered fleet to the discovered queue (the fleet entity's
 * platform-ops.io/drains-queue annotation); nothing else in AWS says which queue a group
 * drains. The construct writes it from the same queueName as the scaling policy's metric.
 */
export const DRAINS_QUEUE_TAG = 'platform-ops:drains-queue';

export interface GpuFleetProps {
  asgName: string;
  pool: ResolvedGpuPool;
  subnetIds: string[];
  securityGroupIds: string[];
  queueName: string;
  queueUrl: string;
  queueArn: string;
  kmsKeyArn: string;
  tags: Record<string, string>;
  /** Prefix of the instance role and profile (IAM is global). Default: asgName. */
  iamName?: string;
  /**
   * The DR pilot light: the region-failover runbook raises MinSize and DesiredCapacity, and a
   * later `terraform apply` must not put them back to zero during the failover.
   */
  capacityOwnedByRunbooks?: boolean;
}

// AWS publishes the current Deep Learning AMI id in SSM, so the template never pins a stale AMI.
const DLAMI_PARAMETER =
  '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-ubuntu-22.04/latest/ami-id';

/**
 * GPU worker fleet (seed 004): launch template on the Deep Learning AMI, an Auto Scaling
 * group with mixed g4dn/g5 instances and the tier's spot share, and target tracking on the
 * queue backlog per in-service instance. The group carries DRAINS_QUEUE_TAG.
 */
export class GpuFleet extends Construct {
  readonly asg: AutoscalingGroup;
  readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, id: string, props: GpuFleetProps) {
    super(scope, id);
    const { pool } = props;
    const role = new IamRole(this, 'role', {
      name: `${props.iamName ?? props.asgName}-instance`,
      assumeRolePolicy: assumeRolePolicy('ec2.amazonaws.com'),
    });
    new IamRolePolicyAttachment(this, 'ssm', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
    });
    new IamRolePolicyAttachment(this, 'ecr-read', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly',
    });
    new IamRolePolicy(this, 'queue-access', {
      role: role.id,
      policy: policyDocument([
        {
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
          Resource: props.queueArn,
        },
      ]),
    });
    const profile = new IamInstanceProfile(this, 'profile', { name: `${props.iamName ?? props.asgName}-instance`, role: role.name });
    const ami = new DataAwsSsmParameter(this, 'ami', { name: DLAMI_PARAMETER });

    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${props.asgName}-`,
      imageId: ami.value,
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: props.securityGroupIds,
      // IMDSv2 only: the instance role must not be reachable through SSRF.
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
      blockDeviceMappings: [
        {
          deviceName: '/dev/sda1',
          ebs: { volumeSize: 200, volumeType: 'gp3', encrypted: 'true', kmsKeyId: props.kmsKeyArn, deleteOnTermination: 'true' },
        },
      ],
      userData: Fn.base64encode(
        [
          '#!/bin/bash',
          `echo QUEUE_URL=${props.queueUrl} >> /etc/environment`,
          '# Spot interruption: the worker stops taking jobs and lets SQS redeliver (seed 004).',
        ].join('\n'),
      ),
      tagSpecifications: [
        { resourceType: 'instance', tags: { ...props.tags, Name: props.asgName } },
        { resourceType: 'volume', tags: props.tags },
      ],
    });

    this.asg = new AutoscalingGroup(this, 'asg', {
      name: props.asgName,
      minSize: pool.min,
      maxSize: pool.max,
      desiredCapacity: pool.desired,
      vpcZoneIdentifier: props.subnetIds,
      capacityRebalance: true,
      defaultCooldown: pool.cooldownSeconds,
      defaultInstanceWarmup: pool.instanceWarmupSeconds,
      healthCheckType: 'EC2',
      mixedInstancesPolicy: {
        instancesDistribution: {
          onDemandBaseCapacity: 0,
          // spotPercent of the capacity runs on spot, the rest on demand (seed 004: 70/30).
          onDemandPercentageAboveBaseCapacity: 100 - pool.spotPercent,
          spotAllocationStrategy: 'price-capacity-optimized',
        },
        launchTemplate: {
          launchTemplateSpecification: { launchTemplateId: this.launchTemplate.id, version: '$Latest' },
          override: pool.instanceTypes.map(instanceType => ({ instanceType })),
        },
      },
      tag: [
        // Provider default tags do not reach instances an ASG launches; propagate explicitly.
        ...Object.entries(props.tags).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        // A relation of the group, not of its instances: the worker gets its queue from user
        // data, and a tag copied at launch would go stale on running instances if the group
        // were repointed (AWS copies group tags only to instances launched after a change).
        // The provider requires propagate_at_launch on every tag block; AWS's API defaults it.
        { key: DRAINS_QUEUE_TAG, value: props.queueName, propagateAtLaunch: false },
      ],
      lifecycle: { ignoreChanges: props.capacityOwnedByRunbooks ? ['desired_capacity', 'min_size'] : ['desired_capacity'] },
    });

    new AutoscalingPolicy(this, 'backlog-tracking', {
      name: `${props.asgName}-backlog-per-instance`,
      autoscalingGroupName: this.asg.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: pool.backlogPerInstance,
        customizedMetricSpecification: {
          metrics: [
            {
              id: 'm1',
              label: 'Visible messages',
              returnData: false,
              metricStat: {
                metric: {
                  namespace: 'AWS/SQS',
                  metricName: 'ApproximateNumberOfMessagesVisible',
                  dimensions: [{ name: 'QueueName', value: props.queueName }],
                },
                stat: 'Sum',
              },
            },
            {
              id: 'm2',
              label: 'In-service instances',
              returnData: false,
              metricStat: {
                metric: {
                  namespace: 'AWS/AutoScaling',
                  metricName: 'GroupInServiceInstances',
                  dimensions: [{ name: 'AutoScalingGroupName', value: props.asgName }],
                },
                stat: 'Average',
              },
            },
            {
              id: 'e1',
              label: 'Backlog per instance',
              expression: 'IF(m2 > 0, m1 / m2, m1)',
              returnData: true,
            },
          ],
        },
      },
    });

    // Target tracking cannot scale out from zero instances; a step policy on queue depth
    // wakes a pool whose minimum is 0 (dev), and target tracking takes over from there.
    if (pool.min === 0) {
      const wake = new AutoscalingPolicy(this, 'scale-from-zero', {
        name: `${props.asgName}-scale-from-zero`,
        autoscalingGroupName: this.asg.name,
        policyType: 'SimpleScaling',
        adjustmentType: 'ChangeInCapacity',
        scalingAdjustment: 1,
        cooldown: pool.cooldownSeconds,
      });
      new CloudwatchMetricAlarm(this, 'queue-not-empty', {
        alarmName: `${props.asgName}-queue-not-empty`,
        alarmDescription: `Wake ${props.asgName} when ${props.queueName} has work`,
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: props.queueName },
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        alarmActions: [wake.arn],
      });
    }
  }
}
