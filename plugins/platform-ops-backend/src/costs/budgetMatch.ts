import { Budget } from '@aws-sdk/client-budgets';
import { BudgetInfo } from '@platformops/plugin-platform-ops-common';
import { BudgetConfig, CostsConfig } from './config';
import { CostScope } from './scope';

/**
 * Which budget applies to a scope. An AWS Budget wins when one matches: a monthly cost
 * budget filtered on the scope's cost tag (TagKeyValue "user:<key>$<value>"), or named after
 * the environment; an unfiltered one covers the platform. Otherwise config: the scope's own
 * entry, else the sum of its environments' budgets (the default for those without one).
 */
export function chooseBudget(
  scope: CostScope,
  awsBudgets: Budget[],
  config: Pick<CostsConfig, 'tagKey' | 'budgets' | 'defaultBudget'>,
): BudgetInfo {
  const monthlyCost = awsBudgets.filter(
    b =>
      b.BudgetType === 'COST' &&
      b.TimeUnit === 'MONTHLY' &&
      b.BudgetLimit?.Amount,
  );
  const match = monthlyCost.find(b => matches(b, scope, config.tagKey));
  if (match) {
    return {
      name: match.BudgetName ?? 'AWS budget',
      amount: Number(match.BudgetLimit!.Amount),
      currency: match.BudgetLimit!.Unit ?? 'USD',
      source: 'aws-budgets',
      alertThresholdPercent:
        config.budgets[scope.info.name]?.alertThresholdPercent ??
        config.defaultBudget.alertThresholdPercent,
    };
  }
  const own = config.budgets[scope.info.name];
  if (own || scope.info.kind === 'environment') {
    return fromConfig(
      `${scope.info.name} (config)`,
      own ?? config.defaultBudget,
    );
  }
  // The platform or a system without a budget of its own: the sum of its environments'
  // budgets, each from AWS Budgets where it has one.
  const parts = scope.environments.map(e =>
    chooseBudget(
      {
        info: { kind: 'environment', name: e.name, environments: [e.name] },
        environments: [e],
        tagValues: [e.costTag],
      },
      awsBudgets,
      config,
    ),
  );
  const fromAws = parts.filter(p => p.source === 'aws-budgets').length;
  let origin = 'AWS Budgets and config';
  if (fromAws === parts.length) {
    origin = 'AWS Budgets';
  } else if (fromAws === 0) {
    origin = 'config';
  }
  return {
    name: `${scope.info.name}: sum of ${parts.length} environment budgets (${origin})`,
    amount: parts.reduce((sum, b) => sum + b.amount, 0),
    currency: parts[0]?.currency ?? config.defaultBudget.currency,
    source:
      fromAws === parts.length && parts.length > 0 ? 'aws-budgets' : 'config',
    alertThresholdPercent: config.defaultBudget.alertThresholdPercent,
  };
}

function fromConfig(name: string, budget: BudgetConfig): BudgetInfo {
  return {
    name,
    amount: budget.amount,
    currency: budget.currency,
    source: 'config',
    alertThresholdPercent: budget.alertThresholdPercent,
  };
}

function matches(budget: Budget, scope: CostScope, tagKey: string): boolean {
  const tagFilters = budget.CostFilters?.TagKeyValue ?? [];
  const hasFilters = Object.keys(budget.CostFilters ?? {}).length > 0;
  if (!scope.tagValues) return !hasFilters;
  const wanted = scope.tagValues.map(v => `user:${tagKey}$${v}`);
  if (tagFilters.length > 0) {
    return (
      wanted.every(w => tagFilters.includes(w)) &&
      tagFilters.length === wanted.length
    );
  }
  if (hasFilters || scope.info.kind !== 'environment') return false;
  // No filter but named after the environment, e.g. "prod-monthly" or "AI-Video prod".
  return new RegExp(`(^|[^a-z0-9])${scope.info.name}([^a-z0-9]|$)`, 'i').test(
    budget.BudgetName ?? '',
  );
}
