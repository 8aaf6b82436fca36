import { Typography } from '@material-ui/core';
import { SpendReport } from '@platformops/plugin-platform-ops-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { money, periodLabel, serviceLabel, shortDay } from './format';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#7f7f7f',
];
/** More stacks than this are unreadable: the rest is summed as "other". */
const MAX_STACKS = 6;

/** Rows for a stacked chart: one per period, one key per (top) group. */
export function stackRows(report: SpendReport): {
  rows: Array<Record<string, number | string>>;
  keys: string[];
} {
  const top = report.groupNames.slice(0, MAX_STACKS);
  const hasOther = report.groupNames.length > MAX_STACKS;
  const rows = report.periods.map(p => {
    const row: Record<string, number | string> = { start: p.start };
    let other = 0;
    for (const [group, amount] of Object.entries(p.groups)) {
      if (top.includes(group)) row[group] = amount;
      else other += amount;
    }
    if (hasOther) row.other = Math.round(other * 100) / 100;
    return row;
  });
  return { rows, keys: hasOther ? [...top, 'other'] : top };
}

/** Stacked spend per day (or month) by service or environment. */
export const SpendChart = ({
  report,
  title,
  height = 260,
}: {
  report: SpendReport;
  title: string;
  height?: number;
}) => {
  const { rows, keys } = stackRows(report);
  const label = report.groupBy === 'SERVICE' ? serviceLabel : (k: string) => k;
  const tick = (v: string) =>
    report.granularity === 'DAILY'
      ? shortDay(v)
      : new Date(`${v}T00:00:00Z`).toLocaleDateString('en-GB', {
          month: 'short',
          year: '2-digit',
          timeZone: 'UTC',
        });
  return (
    <>
      <Typography variant="subtitle2">
        {title}: {money(report.total, report.currency)},{' '}
        {periodLabel(report.start, report.end)} ({report.granularity === 'DAILY' ? 'per day' : 'per month'}, UTC)
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2">
          No spend reported for this period.
        </Typography>
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          <BarChart
            data={rows}
            margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="start" tickFormatter={tick} minTickGap={16} />
            <YAxis
              tickFormatter={v => `${v}`}
              label={{
                value: report.currency,
                angle: -90,
                position: 'insideLeft',
              }}
            />
            <Tooltip
              labelFormatter={l => tick(String(l))}
              formatter={(value: number, name: string) => [
                money(value, report.currency),
                label(name),
              ]}
            />
            <Legend formatter={(name: string) => label(name)} />
            {keys.map((k, i) => (
              <Bar
                key={k}
                dataKey={k}
                stackId="spend"
                fill={COLORS[i % COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </>
  );
};
