import { Construct } from 'constructs';
import { BudgetsBudget } from '@cdktf/provider-aws/lib/budgets-budget';

export interface BudgetProps {
  budgetName: string;
  environment: string;
  monthlyLimitUsd: number;
  alertPercent: number;
  topicArn: string;
  email?: string;
}

/**
 * AWS Budgets on the environment's cost-allocation tag, alerting at 80 % of actual spend
 * and at 100 % of forecast (seed 003: budget with the 80 % alert).
 */
export class Budget extends Construct {
  constructor(scope: Construct, id: string, props: BudgetProps) {
    super(scope, id);
    const subscribers = {
      subscriberSnsTopicArns: [props.topicArn],
      subscriberEmailAddresses: props.email ? [props.email] : undefined,
    };
    new BudgetsBudget(this, 'budget', {
      name: props.budgetName,
      budgetType: 'COST',
      limitAmount: props.monthlyLimitUsd.toFixed(2),
      limitUnit: 'USD',
      timeUnit: 'MONTHLY',
      costFilter: [{ name: 'TagKeyValue', values: [`user:platform-ops:environment$${props.environment}`] }],
      notification: [
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: props.alertPercent,
          thresholdType: 'PERCENTAGE',
          notificationType: 'ACTUAL',
          ...subscribers,
        },
        {
          comparisonOperator: 'GREATER_THAN',
          threshold: 100,
          thresholdType: 'PERCENTAGE',
          notificationType: 'FORECASTED',
          ...subscribers,
        },
      ],
    });
  }
}
