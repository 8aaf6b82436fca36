/**
 * What the platform-ops role needs in each account, in one place: the startup check logs it,
 * the README lists it, and a test holds both to the AWS commands the product's source sends
 * (so a new command cannot ship without its IAM action being named).
 */
export const READ_IAM_ACTIONS = [
  // Fleet list: groups, 100 names a call, and the activities of converging ones; one fleet's card adds its policies, schedules.
  'autoscaling:DescribeAutoScalingGroups',
  'autoscaling:DescribePolicies',
  'autoscaling:DescribeScheduledActions',
  'autoscaling:DescribeScalingActivities',
  // Queue list depths (500 queries a call per account and region) and every chart.
  'cloudwatch:GetMetricData',
  'cloudwatch:DescribeAlarms',
  // One queue's live counts; the Queues list only when GetMetricData is refused.
  'sqs:GetQueueAttributes',
  'sqs:ListMessageMoveTasks',
  'ce:GetCostAndUsage',
  'ce:GetCostForecast',
  'ce:GetAnomalies',
  'budgets:ViewBudget',
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
  'route53:ListResourceRecordSets',
  'route53:GetHealthCheckStatus',
  'route53:GetChange',
  'ecs:DescribeServices',
  'ecs:ListTaskDefinitions',
  'elasticache:DescribeReplicationGroups',
  'ec2:DescribeInstances',
  'cloudfront:GetDistribution',
  'cloudfront:GetDistributionConfig',
  's3:GetReplicationConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetBucketVersioning',
  // Catalog discovery (@platformops/plugin-catalog-backend-module-platform-ops).
  'tag:GetResources',
] as const;

export const CHANGE_IAM_ACTIONS = [
  'autoscaling:SetDesiredCapacity',
  'autoscaling:UpdateAutoScalingGroup',
  'autoscaling:PutScalingPolicy',
  'autoscaling:PutScheduledUpdateGroupAction',
  'autoscaling:DeleteScheduledAction',
  'autoscaling:SuspendProcesses',
  'autoscaling:ResumeProcesses',
  'autoscaling:EnableMetricsCollection',
  'sqs:StartMessageMoveTask',
  'rds:RebootDBInstance',
  'rds:PromoteReadReplica',
  'rds:FailoverDBCluster',
  // Region failback: the primary database re-created as a replica of the DR one, stale copies renamed aside.
  'rds:CreateDBInstanceReadReplica',
  'rds:ModifyDBInstance',
  'route53:ChangeResourceRecordSets',
  'ecs:UpdateService',
  'elasticache:TestFailover',
  'cloudfront:UpdateDistribution',
] as const;

/**
 * Not called by the product, but needed by what it starts: an SQS message move task reads and
 * deletes from the DLQ and sends to the source queue with the caller's permissions.
 */
export const INDIRECT_IAM_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:DeleteMessage',
  'sqs:SendMessage',
] as const;
