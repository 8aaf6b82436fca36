import { Typography } from '@material-ui/core';
import { FleetBacklog } from '@platformops/plugin-platform-ops-common';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);

/** Backlog per in-service instance over the last hour, with the policy target if one exists. */
export const BacklogChart = ({ backlog, target }: { backlog: FleetBacklog; target?: number }) => {
  if (backlog.series.length === 0) {
    return <Typography variant="body2">No queue depth datapoints in the last hour.</Typography>;
  }
  const first = backlog.series[0].timestamp;
  const last = backlog.series[backlog.series.length - 1].timestamp;
  return (
    <>
      <Typography variant="caption" color="textSecondary" component="p">
        Last hour, 1-minute points, {time(first)}-{time(last)} UTC
      </Typography>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={backlog.series} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="timestamp" tickFormatter={time} minTickGap={24} />
          <YAxis allowDecimals={false} width={56} label={{ value: 'messages', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }} />
          <Tooltip labelFormatter={label => `${time(String(label))} UTC`} />
          <Legend />
          <Line type="monotone" dataKey="perInstance" name="waiting messages per in-service instance" stroke="#1f77b4" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="visible" name="waiting messages (queue)" stroke="#aaaaaa" dot={false} isAnimationActive={false} />
          {target !== undefined && (
            <ReferenceLine y={target} stroke="#d62728" strokeDasharray="4 4" label="target per instance" />
          )}
        </LineChart>
      </ResponsiveContainer>
    </>
  );
};
