import {
  AutoScalingClient,
  AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricDataCommandInput,
  GetMetricDataCommandOutput,
} from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';

/** The example catalog's accounts, with static keys so the real SDK clients are built. */
export const awsModeConfig = {
  aws: {
    accounts: ['210987654321', '310987654321', '410987654321'].map((accountId, i) => ({
      accountId,
      accessKeyId: `AKIAEXAMPLE0000000${i}`,
      secretAccessKey: `secret-${i}`,
    })),
  },
  platformOps: { aws: { mode: 'aws', retry: { maxAttempts: 1 } } },
};

export const prodLocation = { accountId: '410987654321', region: 'us-east-1' };

/** prod-gpu-workers: 2-20, 4 in service + 1 pending, 70 % spot above a base of 1. */
export function prodGroup(overrides: Partial<AutoScalingGroup> = {}): AutoScalingGroup {
  return {
    AutoScalingGroupName: 'prod-gpu-workers',
    MinSize: 2,
    MaxSize: 20,
    DesiredCapacity: 5,
    DefaultCooldown: 600,
    AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    HealthCheckType: 'EC2',
    CreatedTime: new Date('2026-01-01T00:00:00Z'),
    MixedInstancesPolicy: {
      LaunchTemplate: {
        LaunchTemplateSpecification: { LaunchTemplateName: 'prod-gpu-worker' },
        Overrides: [{ InstanceType: 'g4dn.xlarge' }, { InstanceType: 'g4dn.2xlarge' }],
      },
      InstancesDistribution: {
        OnDemandBaseCapacity: 1,
        OnDemandPercentageAboveBaseCapacity: 30,
        SpotAllocationStrategy: 'price-capacity-optimized',
      },
    },
    Instances: [1, 2, 3, 4, 5].map(i => ({
      InstanceId: `i-prod${i}`,
      InstanceType: 'g4dn.xlarge',
      AvailabilityZone: 'us-east-1a',
      LifecycleState: i === 5 ? 'Pending' : 'InService',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
    })),
    SuspendedProcesses: [{ ProcessName: 'AZRebalance', SuspensionReason: 'User suspended' }],
    EnabledMetrics: [],
    ...overrides,
  };
}

/**
 * GetMetricData's answer for the queue queries it is asked: one point at the window's last
 * minute, the same counts the GetQueueAttributes mock says (`visible`, 3 in flight, 0 delayed),
 * 0 in each DLQ, an oldest message of 42 s and 10 sent / deleted.
 */
export function metricAnswer(input: GetMetricDataCommandInput, visible: number): GetMetricDataCommandOutput {
  const at = new Date(new Date(input.EndTime as Date).getTime() - 60_000);
  const valueOf = (id: string, metricName?: string) => {
    if (id.endsWith('_dlqVisible')) return 0;
    switch (metricName) {
      case 'ApproximateNumberOfMessagesVisible':
        return visible;
      case 'ApproximateNumberOfMessagesNotVisible':
        return 3;
      case 'ApproximateAgeOfOldestMessage':
        return 42;
      case 'NumberOfMessagesSent':
      case 'NumberOfMessagesDeleted':
        return 10;
      default:
        return 0;
    }
  };
  return {
    $metadata: {},
    MetricDataResults: (input.MetricDataQueries ?? []).map(q => ({
      Id: q.Id,
      Timestamps: [at],
      Values: [valueOf(q.Id ?? '', q.MetricStat?.Metric?.MetricName)],
      StatusCode: 'Complete',
    })),
  };
}

/** Mocks of every client the fleet and queue views use, answering a healthy prod. */
export function mockAwsClients() {
  const asg = mockClient(AutoScalingClient);
  const ec2 = mockClient(EC2Client);
  const sqs = mockClient(SQSClient);
  const cw = mockClient(CloudWatchClient);

  const answerDefaults = (visible = 60) => {
    asg.reset();
    ec2.reset();
    sqs.reset();
    cw.reset();
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [prodGroup()] });
    asg.on(DescribePoliciesCommand).resolves({ ScalingPolicies: [] });
    asg.on(DescribeScheduledActionsCommand).resolves({ ScheduledUpdateGroupActions: [] });
    asg.on(DescribeScalingActivitiesCommand).resolves({ Activities: [] });
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [1, 2, 3, 4, 5].map(i => ({
            InstanceId: `i-prod${i}`,
            InstanceLifecycle: i <= 2 ? undefined : 'spot',
          })),
        },
      ],
    });
    sqs.on(GetQueueAttributesCommand).resolves({
      Attributes: {
        ApproximateNumberOfMessages: String(visible),
        ApproximateNumberOfMessagesNotVisible: '3',
        ApproximateNumberOfMessagesDelayed: '0',
      },
    });
    cw.on(GetMetricDataCommand).callsFake(input => metricAnswer(input, visible));
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
  };
  answerDefaults();
  return { asg, ec2, sqs, cw, answerDefaults };
}

/** An error shaped like the SDK's ServiceException for an AWS error code. */
export function awsError(name: string, httpStatusCode: number, message: string) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-123' },
  });
}
