import { DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  Expression,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import { CostGroupBy } from '@platformops/plugin-platform-ops-common';
import { CostsConfig } from './config';
import { CostPeriod, addDays, firstOfNextMonth, parseDay } from './dates';
import { CostScope } from './scope';

/**
 * The exact AWS commands behind the cost views, built in one place so that tests assert
 * them and the cache keys are derived from them (same input = same cached answer).
 */

/** UnblendedCost: what the bill says, before amortising upfront reservations. */
export const COST_METRIC = 'UnblendedCost';

/** Instance-hours of EC2 (EBS, NAT and transfer are "EC2 - Other"), so UsageQuantity is hours. */
export const EC2_COMPUTE_SERVICE = 'Amazon Elastic Compute Cloud - Compute';

/** Cost Anomaly Detection history shown on the page. */
export const ANOMALY_LOOKBACK_DAYS = 90;

type Naming = Pick<CostsConfig, 'tagKey' | 'costCategory'>;

/** Filter selecting the scope's environments, by tag or by cost category. */
export function scopeFilter(
  scope: CostScope,
  naming: Naming,
): Expression | undefined {
  if (!scope.tagValues) return undefined;
  return naming.costCategory
    ? {
        CostCategories: {
          Key: naming.costCategory,
          Values: scope.tagValues,
          MatchOptions: ['EQUALS'],
        },
      }
    : {
        Tags: {
          Key: naming.tagKey,
          Values: scope.tagValues,
          MatchOptions: ['EQUALS'],
        },
      };
}

export function groupDefinition(
  groupBy: CostGroupBy,
  naming: Naming,
): GroupDefinition {
  if (groupBy === 'SERVICE') return { Type: 'DIMENSION', Key: 'SERVICE' };
  return naming.costCategory
    ? { Type: 'COST_CATEGORY', Key: naming.costCategory }
    : { Type: 'TAG', Key: naming.tagKey };
}

export function spendCommand(
  period: CostPeriod,
  groupBy: CostGroupBy,
  scope: CostScope,
  naming: Naming,
): GetCostAndUsageCommand {
  const filter = scopeFilter(scope, naming);
  return new GetCostAndUsageCommand({
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: period.granularity,
    Metrics: [COST_METRIC],
    GroupBy: [groupDefinition(groupBy, naming)],
    ...(filter ? { Filter: filter } : {}),
  });
}

/** Daily forecast from today to the end of the month (Cost Explorer: Start must be today). */
export function forecastCommand(
  today: string,
  scope: CostScope,
  naming: Naming,
): GetCostForecastCommand {
  const filter = scopeFilter(scope, naming);
  return new GetCostForecastCommand({
    TimePeriod: { Start: today, End: firstOfNextMonth(today) },
    Metric: 'UNBLENDED_COST',
    Granularity: 'DAILY',
    ...(filter ? { Filter: filter } : {}),
  });
}

export function anomaliesCommand(today: string): GetAnomaliesCommand {
  return new GetAnomaliesCommand({
    DateInterval: {
      StartDate: addDays(today, -ANOMALY_LOOKBACK_DAYS),
      EndDate: today,
    },
    MaxResults: 100,
  });
}

export function budgetsCommand(accountId: string): DescribeBudgetsCommand {
  return new DescribeBudgetsCommand({ AccountId: accountId, MaxResults: 100 });
}

/**
 * An environment's daily EC2 instance cost split by purchase option and instance type: the
 * GPU instance types of it are the GPU fleet cost of cost per job, and its spot hours are what
 * on-demand pricing turns into savings. Attributed by the environment cost tag (which the
 * fleets' instances carry) rather than by aws:autoscaling:groupName, which must be activated
 * as a cost-allocation tag first and which the simulated account does not bill by.
 */
export function fleetCostCommand(
  period: CostPeriod,
  scope: CostScope,
  naming: Naming,
): GetCostAndUsageCommand {
  const compute: Expression = {
    Dimensions: {
      Key: 'SERVICE',
      Values: [EC2_COMPUTE_SERVICE],
      MatchOptions: ['EQUALS'],
    },
  };
  const filter = scopeFilter(scope, naming);
  return new GetCostAndUsageCommand({
    TimePeriod: { Start: period.start, End: period.end },
    Granularity: 'DAILY',
    Metrics: [COST_METRIC, 'UsageQuantity'],
    GroupBy: [
      { Type: 'DIMENSION', Key: 'PURCHASE_TYPE' },
      { Type: 'DIMENSION', Key: 'INSTANCE_TYPE' },
    ],
    Filter: filter ? { And: [filter, compute] } : compute,
  });
}

/** Jobs completed per day: messages the workers deleted from the processing queue. */
export function jobsCompletedCommand(
  period: CostPeriod,
  queueName: string,
): GetMetricDataCommand {
  return new GetMetricDataCommand({
    StartTime: parseDay(period.start),
    EndTime: parseDay(period.end),
    ScanBy: 'TimestampAscending',
    MetricDataQueries: [
      {
        Id: 'jobs',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/SQS',
            MetricName: 'NumberOfMessagesDeleted',
            Dimensions: [{ Name: 'QueueName', Value: queueName }],
          },
          Period: 86_400,
          Stat: 'Sum',
        },
        ReturnData: true,
      },
    ],
  });
}
