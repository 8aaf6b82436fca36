import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { awsAccountIdSchema, GPU_ON_DEMAND_USD_PER_HOUR } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** A monthly budget of one environment (or the platform). */
export interface BudgetConfig {
  amount: number;
  currency: string;
  /** Percentage of the budget at which the seeds alert (seed 003: 80 %). */
  alertThresholdPercent: number;
}

export interface CostsConfig {
  /**
   * The account Cost Explorer and Budgets are called in: the payer (management) account sees
   * the spend of every linked account. Undefined = the prod environment's account.
   */
  accountId?: string;
  /** Cost-allocation tag whose value names the environment (default `environment`). */
  tagKey: string;
  /** Cost category to group and filter by instead of the tag, when set. */
  costCategory?: string;
  cacheTtlMs: number;
  refresh: SchedulerServiceTaskScheduleDefinition;
  /** Budget of an environment without an AWS Budget nor an entry in `budgets`. */
  defaultBudget: BudgetConfig;
  /** Budgets per environment name, used where AWS Budgets defines none. */
  budgets: Record<string, BudgetConfig>;
  /** Day-over-baseline increase (percent) flagged when Cost Anomaly Detection is silent. */
  increaseThresholdPercent: number;
  /** On-demand $/hour per instance type, to value what spot saved (seed 004, us-east-1). */
  onDemandHourlyPrices: Record<string, number>;
}


const budgetSchema = z.object({
  amount: z.number().positive('must be a positive amount'),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be a currency code such as USD')
    .default('USD'),
  alertThresholdPercent: z.number().min(1).max(1000).default(80),
});

const schema = z.object({
  accountId: awsAccountIdSchema.optional(),
  tagKey: z.string().min(1).max(128).default('environment'),
  costCategory: z.string().min(1).max(50).optional(),
  cacheTtlMinutes: z
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .default(360),
  // Seed 003: $60/month with an alert at 80 %.
  defaultBudget: budgetSchema.default({
    amount: 60,
    currency: 'USD',
    alertThresholdPercent: 80,
  }),
  budgets: z.record(budgetSchema).default({}),
  increaseThresholdPercent: z.number().positive().default(20),
  onDemandHourlyPrices: z.record(z.number().positive()).default({}),
});

/** Reads `platformOps.costs`; a wrong value stops start-up with the field at fault. */
export function readCostsConfig(config: Config): CostsConfig {
  const costs = config.getOptionalConfig('platformOps.costs');
  const { refresh: _refresh, ...raw } = (costs?.get<
    Record<string, unknown>
  >() ?? {}) as Record<string, unknown>;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Invalid platformOps.costs config: ${parsed.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const value = parsed.data;
  return {
    accountId: value.accountId,
    tagKey: value.tagKey,
    costCategory: value.costCategory,
    cacheTtlMs: value.cacheTtlMinutes * 60_000,
    // Hourly by default: with a 6 h TTL each query is refreshed about once per TTL, before
    // a viewer would find it expired.
    refresh: costs?.has('refresh')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          costs.getConfig('refresh'),
        )
      : {
          frequency: { minutes: 60 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
        },
    defaultBudget: value.defaultBudget,
    budgets: value.budgets,
    increaseThresholdPercent: value.increaseThresholdPercent,
    onDemandHourlyPrices: {
      // The one GPU price table (seed 004), shared with the fleet view and the simulator.
      ...GPU_ON_DEMAND_USD_PER_HOUR,
      ...value.onDemandHourlyPrices,
    },
  };
}
