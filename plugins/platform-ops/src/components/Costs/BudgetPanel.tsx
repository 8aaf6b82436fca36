import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { ViewProblems } from './ViewProblems';
import { BudgetStatus } from '@platformops/plugin-platform-ops-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { money, shortDay } from './format';

/** "USD 1,940.00 month-to-date, Nov 2026 - 74.6 % of the USD 2,600.00 budget" and its status. */
export const BudgetSummary = ({ status }: { status: BudgetStatus }) => {
  const { budget, currency } = status;
  // Sums of environment budgets already say where they come from.
  const source =
    budget.source === 'aws-budgets' && !budget.name.includes('AWS Budgets')
      ? `AWS Budgets: ${budget.name}`
      : budget.name;
  const forecastText = `Forecast ${money(
    status.forecastMonthTotal,
    currency,
  )} for ${status.monthLabel} (${
    status.forecastSource === 'cost-explorer'
      ? 'Cost Explorer forecast'
      : 'month-to-date run rate'
  })`;
  let verdict;
  if (status.monthToDate > budget.amount) {
    verdict = <StatusError>Over budget</StatusError>;
  } else if (status.forecastCrossesBudgetOn) {
    verdict = (
      <StatusError>
        Forecast crosses the budget on{' '}
        {shortDay(status.forecastCrossesBudgetOn)}
      </StatusError>
    );
  } else if (status.forecastCrossesAlertOn) {
    verdict = (
      <StatusWarning>
        Forecast passes {budget.alertThresholdPercent} % of the budget on{' '}
        {shortDay(status.forecastCrossesAlertOn)}
      </StatusWarning>
    );
  } else {
    verdict = <StatusOK>Forecast within budget</StatusOK>;
  }
  return (
    <Box>
      <Typography variant="h6">
        {money(status.monthToDate, currency)} month-to-date, {status.monthLabel}
      </Typography>
      <Typography variant="body2">
        {status.percentOfBudget} % of the{' '}
        {money(budget.amount, budget.currency)} monthly budget ({source})
      </Typography>
      <Typography variant="body2">{forecastText}</Typography>
      <ViewProblems problems={status.problems ?? []} />
      <Box mt={1}>{verdict}</Box>
      {budget.note && (
        <Typography variant="caption" color="textSecondary" component="p">
          {budget.note}
        </Typography>
      )}
    </Box>
  );
};

/** Cumulative actual spend, then the forecast to month end, against the budget and alert lines. */
export const BudgetChart = ({
  status,
  height = 220,
}: {
  status: BudgetStatus;
  height?: number;
}) => {
  // The forecast line starts at the last actual point so the two lines join.
  const lastActual = [...status.days]
    .reverse()
    .find(d => d.actual !== undefined);
  const rows = status.days.map(d => ({
    date: d.date,
    actual: d.actual,
    forecast: d.forecast ?? (d === lastActual ? d.actual : undefined),
  }));
  const alertAt =
    (status.budget.amount * status.budget.alertThresholdPercent) / 100;
  return (
    <ResponsiveContainer width="100%" height={height}>
      <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="date" tickFormatter={shortDay} minTickGap={16} />
        <YAxis
          label={{ value: status.currency, angle: -90, position: 'insideLeft' }}
        />
        <Tooltip
          labelFormatter={l => shortDay(String(l))}
          formatter={(value: number, name: string) => [
            money(value, status.currency),
            name,
          ]}
        />
        <Legend />
        <ReferenceLine
          y={status.budget.amount}
          stroke="#d62728"
          label="budget"
          ifOverflow="extendDomain"
        />
        <ReferenceLine
          y={alertAt}
          stroke="#ff7f0e"
          strokeDasharray="4 4"
          label={`${status.budget.alertThresholdPercent} %`}
          ifOverflow="extendDomain"
        />
        <Line
          dataKey="actual"
          name="actual (cumulative)"
          stroke="#1f77b4"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="forecast"
          name="forecast (cumulative)"
          stroke="#1f77b4"
          strokeDasharray="5 5"
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
};
