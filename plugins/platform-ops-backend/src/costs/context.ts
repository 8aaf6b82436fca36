import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { CostsConfig } from './config';
import { CostDataCache } from './CostDataCache';

/** What every cost computation needs; built per request by CostService. */
export interface CostContext {
  cache: CostDataCache;
  config: CostsConfig;
  now: () => Date;
  /** Where Cost Explorer and Budgets are called: the payer account, us-east-1. */
  payer: AwsLocation;
  /** Set by the scheduled refresh: renew answers that expire within this many ms. */
  minRemainingMs?: number;
}

/** The oldest fetch time of the answers behind a response: what "updated ... ago" shows. */
export function oldest(...dates: Date[]): string {
  return new Date(Math.min(...dates.map(d => d.getTime()))).toISOString();
}
