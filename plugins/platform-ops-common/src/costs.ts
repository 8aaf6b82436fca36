/**
 * The costs API (GET /api/platform-ops/costs/...): what the backend answers and the UI draws.
 * Every amount carries its currency; every answer says when its data was fetched from AWS
 * (answers are cached for hours because Cost Explorer is billed per request).
 */

/** @public */
export type CostGranularity = 'DAILY' | 'MONTHLY';

/** @public */
export type CostGroupBy = 'SERVICE' | 'ENVIRONMENT';

/** Which scope a cost request is about: an environment, an entity, or neither (the platform). @public */
export interface CostScopeQuery {
  environment?: string;
  entityRef?: string;
}

/** Query of GET /costs/spend; start/end (YYYY-MM-DD, end exclusive) default to the dashboard's. @public */
export interface CostSpendQuery extends CostScopeQuery {
  granularity?: CostGranularity;
  groupBy?: CostGroupBy;
  start?: string;
  end?: string;
}

/** What a cost answer covers: the whole platform, one environment or one system. @public */
export interface CostScopeInfo {
  kind: 'platform' | 'environment' | 'system';
  /** "platform", the environment name or the system name. */
  name: string;
  entityRef?: string;
  /** Environments included. */
  environments: string[];
}

/** @public */
export interface Money {
  amount: number;
  currency: string;
}

/** One Cost Explorer period (a day or a month) of a spend report. @public */
export interface SpendPeriod {
  start: string;
  /** Exclusive. */
  end: string;
  total: number;
  /** Amount per group (service name, or environment tag value; "untagged" for none). */
  groups: Record<string, number>;
  /** Cost Explorer marks the latest periods as estimated until the bill is final. */
  estimated: boolean;
}

/** @public */
export interface SpendReport {
  scope: CostScopeInfo;
  granularity: CostGranularity;
  groupBy: CostGroupBy;
  start: string;
  end: string;
  currency: string;
  total: number;
  periods: SpendPeriod[];
  /** Group names ordered by spend, largest first. */
  groupNames: string[];
  /** ISO time the data was fetched from AWS (oldest of the calls behind the answer). */
  fetchedAt: string;
}

/** @public */
export interface BudgetInfo {
  name: string;
  amount: number;
  currency: string;
  /** aws-budgets: an AWS Budget matched the scope; config: platformOps.costs budgets. */
  source: 'aws-budgets' | 'config';
  alertThresholdPercent: number;
  /** Why AWS Budgets was not used, when it could not be read. */
  note?: string;
}

/**
 * A part of a view that could not be fetched: the view still answers with every other part,
 * and says here which part is missing, why (the IAM action AWS refused, or the cause) and
 * what stands in for it. @public
 */
export interface DataProblem {
  /** The missing part, e.g. "forecast", "anomalies". */
  part: string;
  /** Why, as AWS or the backend said it (never credentials). */
  message: string;
  /** The IAM action that was refused, when that is the cause. */
  iamAction?: string;
  /** What the view shows instead, if anything. */
  fallback?: string;
}

/** @public */
export interface BudgetStatus {
  scope: CostScopeInfo;
  /** e.g. "Nov 2026". */
  monthLabel: string;
  monthStart: string;
  /** Exclusive end of the month. */
  monthEnd: string;
  currency: string;
  monthToDate: number;
  budget: BudgetInfo;
  /** Forecast spend of the whole month (actual so far + forecast to month end). */
  forecastMonthTotal: number;
  /**
   * cost-explorer: GetCostForecast; run-rate: Cost Explorer had too little history to
   * forecast, so the month-to-date daily average is extended to the month end.
   */
  forecastSource: 'cost-explorer' | 'run-rate';
  /** Parts that could not be fetched (e.g. the forecast when ce:GetCostForecast is denied). */
  problems: DataProblem[];
  /** Month-to-date spend of the largest services, largest first. */
  topServices: Array<{ name: string; amount: number }>;
  /** Cumulative actual then forecast spend per day of the month, for the chart. */
  days: Array<{ date: string; actual?: number; forecast?: number }>;
  /** First day the cumulative forecast exceeds the budget, if it does this month. */
  forecastCrossesBudgetOn?: string;
  /** First day the spend (actual or forecast) passes the alert threshold. */
  forecastCrossesAlertOn?: string;
  percentOfBudget: number;
  fetchedAt: string;
}

/** A Cost Anomaly Detection finding. @public */
export interface CostAnomaly {
  id: string;
  source: 'cost-anomaly-detection';
  startDate?: string;
  endDate?: string;
  dimensionValue?: string;
  totalImpact: number;
  totalImpactPercentage?: number;
  maxScore?: number;
  currency: string;
  rootCauses: Array<{
    service?: string;
    region?: string;
    linkedAccount?: string;
    linkedAccountName?: string;
    usageType?: string;
    contribution?: number;
  }>;
}

/** The seeds' fallback signal: a day > threshold % above the previous 7 days' average. @public */
export interface CostIncrease {
  source: 'increase-rule';
  date: string;
  /** Service name, or "total". */
  subject: string;
  amount: number;
  baseline: number;
  increasePercent: number;
  currency: string;
}

/** @public */
export interface AnomalyReport {
  scope: CostScopeInfo;
  anomalies: CostAnomaly[];
  increases: CostIncrease[];
  thresholdPercent: number;
  /** Parts that could not be fetched (e.g. Cost Anomaly Detection refused: the increase rule still runs). */
  problems: DataProblem[];
  fetchedAt: string;
}

/** One day of a GPU fleet's unit economics. @public */
export interface UnitEconomicsDay {
  date: string;
  fleetCost: number;
  /** What the same instance-hours would have cost on demand. */
  onDemandEquivalent: number;
  spotSavings: number;
  spotHours: number;
  onDemandHours: number;
  jobsCompleted: number;
  /** Undefined on a day without completed jobs. */
  costPerJob?: number;
}

/** @public */
export interface FleetUnitEconomics {
  fleetRef: string;
  asgName: string;
  queueRef?: string;
  queueName?: string;
  days: UnitEconomicsDay[];
  totals: {
    fleetCost: number;
    spotSavings: number;
    jobsCompleted: number;
    /** Days with completed jobs: cost per job only divides their fleet cost by their jobs. */
    jobDays: number;
    jobDaysFleetCost: number;
    costPerJob?: number;
  };
  /** What the fleet cost is, in words (how it was attributed in Cost Explorer). */
  costBasis: string;
  /** Instance types whose on-demand price is unknown (their savings count as 0). */
  unpricedInstanceTypes: string[];
}

/** @public */
export interface UnitEconomicsReport {
  scope: CostScopeInfo;
  start: string;
  end: string;
  currency: string;
  fleets: FleetUnitEconomics[];
  fetchedAt: string;
}
