import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { ALARM_THRESHOLDS } from '../spec/tiers';

export interface AlertTopicProps {
  topicName: string;
  kmsKeyArn: string;
  email?: string;
}

/** The SNS topic every alarm of the environment notifies. */
export class AlertTopic extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: props.kmsKeyArn });
    if (props.email) {
      new SnsTopicSubscription(this, 'email', {
        topicArn: this.topic.arn,
        protocol: 'email',
        endpoint: props.email,
      });
    }
  }
}

export interface PlatformAlarmsProps {
  name: string;
  topicArn: string;
  dbIdentifier: string;
  dbAllocatedStorageGb: number;
  cacheId: string;
  clusterName: string;
  serviceNames: string[];
  albArnSuffix: string;
  targetGroupArnSuffix: string;
}

/**
 * CloudWatch alarms from the seeds' alert tables (000, 001, 004): RDS CPU > 90 % for 5 min,
 * RDS free storage < 20 %, ECS CPU > 75 % and memory > 85 %, Redis memory > 80 %,
 * ALB 5xx > 100/min and unhealthy targets. Queue alarms live with the queue.
 */
export class PlatformAlarms extends Construct {
  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const t = ALARM_THRESHOLDS;
    const alarm = (
      key: string,
      description: string,
      metric: { namespace: string; metricName: string; dimensions: Record<string, string>; statistic: string },
      threshold: number,
      comparisonOperator: string,
      periods = 5,
    ) =>
      new CloudwatchMetricAlarm(this, key, {
        alarmName: `${props.name}-${key}`,
        alarmDescription: description,
        ...metric,
        period: 60,
        evaluationPeriods: periods,
        threshold,
        comparisonOperator,
        alarmActions: [props.topicArn],
        okActions: [props.topicArn],
      });

    alarm(
      'rds-cpu',
      `RDS CPU > ${t.rdsCpuPercent}% for 5 minutes`,
      { namespace: 'AWS/RDS', metricName: 'CPUUtilization', dimensions: { DBInstanceIdentifier: props.dbIdentifier }, statistic: 'Average' },
      t.rdsCpuPercent,
      'GreaterThanThreshold',
    );
    alarm(
      'rds-free-storage',
      `RDS free storage < ${t.rdsFreeStorageFraction * 100}%`,
      { namespace: 'AWS/RDS', metricName: 'FreeStorageSpace', dimensions: { DBInstanceIdentifier: props.dbIdentifier }, statistic: 'Minimum' },
      Math.round(props.dbAllocatedStorageGb * t.rdsFreeStorageFraction * 1024 ** 3),
      'LessThanThreshold',
    );
    alarm(
      'redis-memory',
      `Redis memory > ${t.redisMemoryPercent}%`,
      { namespace: 'AWS/ElastiCache', metricName: 'DatabaseMemoryUsagePercentage', dimensions: { ReplicationGroupId: props.cacheId }, statistic: 'Average' },
      t.redisMemoryPercent,
      'GreaterThanThreshold',
    );
    for (const service of props.serviceNames) {
      const dims = { ClusterName: props.clusterName, ServiceName: service };
      alarm(
        `${service}-cpu`,
        `ECS ${service} CPU > ${t.ecsCpuPercent}%`,
        { namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: dims, statistic: 'Average' },
        t.ecsCpuPercent,
        'GreaterThanThreshold',
      );
      alarm(
        `${service}-memory`,
        `ECS ${service} memory > ${t.ecsMemoryPercent}%`,
        { namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: dims, statistic: 'Average' },
        t.ecsMemoryPercent,
        'GreaterThanThreshold',
      );
    }
    alarm(
      'alb-5xx',
      `ALB target 5xx > ${t.alb5xxPerMinute}/min`,
      { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: props.albArnSuffix }, statistic: 'Sum' },
      t.alb5xxPerMinute,
      'GreaterThanThreshold',
    );
    alarm(
      'alb-unhealthy-targets',
      'ALB has unhealthy API targets',
      {
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        dimensions: { LoadBalancer: props.albArnSuffix, TargetGroup: props.targetGroupArnSuffix },
        statistic: 'Maximum',
      },
      0,
      'GreaterThanThreshold',
      2,
    );
  }
}
