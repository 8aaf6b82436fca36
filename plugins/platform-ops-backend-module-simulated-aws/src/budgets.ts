import type { Budget, DescribeBudgetCommandOutput, DescribeBudgetsCommandOutput } from '@aws-sdk/client-budgets';
import { AwsLocation } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { CostBook, dayStart, dayString } from './costData/costBook';
import { fitDaily } from './costData/forecast';
import { budgetsErrors } from './errors';
import { MONTHLY_BUDGET_USD } from './priceTable';
import { ServiceModel } from './ServiceModel';
import type { PlatformWorld } from './world/PlatformWorld';
import { EnvironmentSeed } from './world/types';

type Answer<T> = Omit<T, '$metadata'>;
type Input = Record<string, unknown>;

const DAY_MS = 86_400_000;

/**
 * AWS Budgets in the simulated account: one monthly cost budget per environment (seed 004
 * figures), filtered on the environment's cost-allocation tag, with month-to-date actual
 * spend and a forecast to the end of the month from the same billing rows as Cost Explorer.
 */
export class BudgetsModel implements ServiceModel {
  readonly service = 'budgets' as const;
  readonly operations = ['DescribeBudgets', 'DescribeBudget'] as const;

  constructor(
    private readonly world: () => PlatformWorld,
    private readonly book: () => CostBook,
  ) {}

  handle(operation: string, input: Input, location: AwsLocation, now: Date): Record<string, unknown> {
    this.world().advanceTo(now.getTime());
    const account = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
    if (operation === 'DescribeBudgets') {
      const q = this.parse(
        z.object({ AccountId: account, MaxResults: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() }),
        input,
      );
      const all = this.budgets(q.AccountId, location);
      const offset = q.NextToken ? Number(q.NextToken) : 0;
      const max = q.MaxResults ?? 100;
      const answer: Answer<DescribeBudgetsCommandOutput> = {
        Budgets: all.slice(offset, offset + max),
        ...(offset + max < all.length ? { NextToken: String(offset + max) } : {}),
      };
      return answer;
    }
    if (operation === 'DescribeBudget') {
      const q = this.parse(z.object({ AccountId: account, BudgetName: z.string().min(1) }), input);
      const budget = this.budgets(q.AccountId, location).find(b => b.BudgetName === q.BudgetName);
      if (!budget) throw budgetsErrors.notFound(`Unable to get budget: ${q.BudgetName} - the budget doesn't exist.`);
      const answer: Answer<DescribeBudgetCommandOutput> = { Budget: budget };
      return answer;
    }
    throw budgetsErrors.invalidParameter(`Unsupported operation ${operation}`);
  }

  private parse<S extends z.ZodTypeAny>(schema: S, input: Input): z.infer<S> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    throw budgetsErrors.invalidParameter(result.error.issues.map(i => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
  }

  private budgets(accountId: string, location: AwsLocation): Budget[] {
    if (accountId !== location.accountId) {
      throw budgetsErrors.invalidParameter(`AccountId ${accountId} does not match the caller's account ${location.accountId}.`);
    }
    const world = this.world();
    const member = world.environments.some(e => e.accountId === accountId);
    const envs = world.environments.filter(e => !member || e.accountId === accountId);
    return envs.map(env => this.describe(env, location));
  }

  private describe(env: EnvironmentSeed, location: AwsLocation): Budget {
    const world = this.world();
    const book = this.book();
    const scope = book.inScope(location);
    const now = world.now;
    const today = dayStart(dayString(now));
    const d = new Date(now);
    const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    const spend = (t: number) =>
      book.rows(dayString(t)).filter(r => scope(r) && r.costTag === env.costTag).reduce((a, r) => a + r.usd, 0);
    let actual = 0;
    for (let t = monthStart; t <= today; t += DAY_MS) actual += spend(t);
    const history = Array.from({ length: 14 }, (_, i) => spend(today - (14 - i) * DAY_MS));
    const fit = fitDaily(history);
    // The rest of today plus the days left, at the fitted daily rate.
    const todaySoFar = spend(today);
    let forecast = actual + Math.max(0, fit.mean(14) - todaySoFar);
    for (let t = today + DAY_MS, i = 15; t < monthEnd; t += DAY_MS, i++) forecast += fit.mean(i);
    const usd = (n: number) => ({ Amount: n.toFixed(2), Unit: 'USD' });
    return {
      BudgetName: `${env.name}-monthly-cost`,
      BudgetLimit: usd(MONTHLY_BUDGET_USD[env.tier]),
      CostFilters: { TagKeyValue: [`user:${book.tagKey}$${env.costTag}`] },
      CostTypes: {
        IncludeTax: true,
        IncludeSubscription: true,
        UseBlended: false,
        IncludeRefund: false,
        IncludeCredit: false,
        IncludeUpfront: true,
        IncludeRecurring: true,
        IncludeOtherSubscription: true,
        IncludeSupport: true,
        IncludeDiscount: true,
        UseAmortized: false,
      },
      TimeUnit: 'MONTHLY',
      TimePeriod: { Start: new Date(Date.UTC(2025, 0, 1)), End: new Date(Date.UTC(2087, 5, 15)) },
      CalculatedSpend: { ActualSpend: usd(actual), ForecastedSpend: usd(forecast) },
      BudgetType: 'COST',
      LastUpdatedTime: new Date(now),
    };
  }
}
