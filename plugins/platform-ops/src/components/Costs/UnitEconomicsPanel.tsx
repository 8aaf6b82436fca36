import { Grid, Typography } from '@material-ui/core';
import {
  FleetUnitEconomics,
  UnitEconomicsReport,
} from '@platformops/plugin-platform-ops-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { money, periodLabel, shortDay } from './format';

const Fleet = ({
  fleet,
  report,
}: {
  fleet: FleetUnitEconomics;
  report: UnitEconomicsReport;
}) => {
  const { totals } = fleet;
  const rows = fleet.days.map(d => ({
    date: d.date,
    costPerJob: d.costPerJob,
    spotSavings: d.spotSavings,
  }));
  return (
    <Grid item xs={12} md={6}>
      <Typography variant="subtitle2">
        {fleet.asgName}
        {fleet.queueName ? ` draining ${fleet.queueName}` : ''},{' '}
        {periodLabel(report.start, report.end)}
      </Typography>
      <Typography variant="body2">
        Cost per processed job:{' '}
        <b>
          {totals.costPerJob !== undefined
            ? money(totals.costPerJob, report.currency, 4)
            : 'no completed jobs'}
        </b>{' '}
        ({money(totals.jobDaysFleetCost, report.currency)} GPU fleet cost /{' '}
        {totals.jobsCompleted.toLocaleString('en-US')} jobs over{' '}
        {totals.jobDays} day
        {totals.jobDays === 1 ? '' : 's'} with completed jobs)
      </Typography>
      <Typography variant="body2">
        Spot savings: <b>{money(totals.spotSavings, report.currency)}</b> less
        than the same hours on demand
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {fleet.costBasis}
        {fleet.unpricedInstanceTypes.length > 0 &&
          `; no on-demand price for ${fleet.unpricedInstanceTypes.join(
            ', ',
          )} (not counted in savings)`}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        Per day (UTC), {rows.length ? `${shortDay(String(rows[0].date))} - ${shortDay(String(rows[rows.length - 1].date))}` : 'no days yet'}
      </Typography>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart
          data={rows}
          margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="date" tickFormatter={shortDay} minTickGap={16} />
          <YAxis
            yAxisId="job"
            label={{ value: `${report.currency} per job`, angle: -90, position: 'insideLeft' }}
          />
          <YAxis
            yAxisId="savings"
            orientation="right"
            label={{ value: `${report.currency} saved per day`, angle: 90, position: 'insideRight' }}
          />
          <Tooltip
            labelFormatter={l => shortDay(String(l))}
            formatter={(value: number, name: string) => [
              money(
                value,
                report.currency,
                name.startsWith('cost per job') ? 4 : 2,
              ),
              name,
            ]}
          />
          <Legend />
          <Line
            yAxisId="job"
            dataKey="costPerJob"
            name="cost per job"
            stroke="#9467bd"
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="savings"
            dataKey="spotSavings"
            name="spot savings per day"
            stroke="#2ca02c"
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </Grid>
  );
};

/** Cost per processed job and spot savings, per GPU fleet. */
export const UnitEconomicsPanel = ({
  report,
}: {
  report: UnitEconomicsReport;
}) =>
  report.fleets.length === 0 ? (
    <Typography variant="body2">
      No GPU fleet in {report.scope.name}.
    </Typography>
  ) : (
    <Grid container spacing={2}>
      {report.fleets.map(f => (
        <Fleet key={f.fleetRef} fleet={f} report={report} />
      ))}
    </Grid>
  );
