import { Budget } from '@aws-sdk/client-budgets';
import { buildInventory } from '../inventory/buildInventory';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { chooseBudget } from './budgetMatch';
import { platformScope, resolveScope } from './scope';

const inventory = buildInventory(exampleCatalogEntities());
const config = {
  tagKey: 'environment',
  budgets: {
    staging: { amount: 1000, currency: 'USD', alertThresholdPercent: 90 },
  },
  defaultBudget: { amount: 60, currency: 'USD', alertThresholdPercent: 80 },
};
const monthly = (b: Partial<Budget>): Budget => ({
  BudgetName: 'x',
  BudgetType: 'COST',
  TimeUnit: 'MONTHLY',
  BudgetLimit: { Amount: '100', Unit: 'USD' },
  ...b,
});

describe('chooseBudget', () => {
  const prod = resolveScope(inventory, { environment: 'prod' });

  it('takes the AWS budget filtered on the environment tag', () => {
    const budget = chooseBudget(
      prod,
      [
        monthly({
          BudgetName: 'dev',
          CostFilters: { TagKeyValue: ['user:environment$dev'] },
        }),
        monthly({
          BudgetName: 'prod-tagged',
          BudgetLimit: { Amount: '2600', Unit: 'USD' },
          CostFilters: { TagKeyValue: ['user:environment$prod'] },
        }),
      ],
      config,
    );
    expect(budget).toMatchObject({
      name: 'prod-tagged',
      amount: 2600,
      source: 'aws-budgets',
    });
  });

  it('takes an unfiltered budget named after the environment, but not one that only contains the name', () => {
    expect(
      chooseBudget(
        prod,
        [monthly({ BudgetName: 'AI-Video prod monthly' })],
        config,
      ).name,
    ).toBe('AI-Video prod monthly');
    expect(
      chooseBudget(prod, [monthly({ BudgetName: 'production-like' })], config)
        .source,
    ).toBe('config');
  });

  it('ignores usage, quarterly and other-filter budgets', () => {
    const budget = chooseBudget(
      prod,
      [
        monthly({ BudgetName: 'prod', BudgetType: 'USAGE' }),
        monthly({ BudgetName: 'prod', TimeUnit: 'QUARTERLY' }),
        monthly({
          BudgetName: 'prod',
          CostFilters: { Service: ['Amazon Simple Storage Service'] },
        }),
      ],
      config,
    );
    expect(budget).toMatchObject({
      source: 'config',
      amount: 60,
      alertThresholdPercent: 80,
    });
  });

  it('gives the platform the unfiltered budget, else the sum of its environments from config', () => {
    const platform = platformScope(inventory);
    expect(
      chooseBudget(
        platform,
        [
          monthly({
            BudgetName: 'org',
            BudgetLimit: { Amount: '5000', Unit: 'USD' },
          }),
        ],
        config,
      ),
    ).toMatchObject({
      name: 'org',
      amount: 5000,
    });
    // dev 60 (default) + staging 1000 + prod 60 (default).
    expect(chooseBudget(platform, [], config)).toMatchObject({
      amount: 1120,
      source: 'config',
    });
  });

  it("sums the environments' AWS budgets for the platform when it has none of its own", () => {
    const platform = platformScope(inventory);
    const tagged = (env: string, amount: string) =>
      monthly({
        BudgetName: `${env}-monthly-cost`,
        BudgetLimit: { Amount: amount, Unit: 'USD' },
        CostFilters: { TagKeyValue: [`user:environment$${env}`] },
      });
    expect(
      chooseBudget(
        platform,
        [
          tagged('dev', '500'),
          tagged('staging', '1500'),
          tagged('prod', '4000'),
        ],
        config,
      ),
    ).toMatchObject({
      name: 'platform: sum of 3 environment budgets (AWS Budgets)',
      amount: 6000,
      source: 'aws-budgets',
    });
    expect(
      chooseBudget(platform, [tagged('prod', '4000')], config),
    ).toMatchObject({
      name: 'platform: sum of 3 environment budgets (AWS Budgets and config)',
      amount: 60 + 1000 + 4000,
      source: 'config',
    });
  });

  it('uses the per-environment config budget and its alert threshold', () => {
    const staging = resolveScope(inventory, { environment: 'staging' });
    expect(chooseBudget(staging, [], config)).toEqual({
      name: 'staging (config)',
      amount: 1000,
      currency: 'USD',
      source: 'config',
      alertThresholdPercent: 90,
    });
  });
});
