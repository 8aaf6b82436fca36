import { Grid, Typography } from '@material-ui/core';
import { MetricPoint, QueueStatus } from '@platformops/plugin-platform-ops-common';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);

/** Joins series on their timestamps so one chart can draw several of them. */
export function joinSeries(series: Record<string, MetricPoint[]>): Array<Record<string, number | string>> {
  const rows = new Map<string, Record<string, number | string>>();
  for (const [name, points] of Object.entries(series)) {
    for (const p of points) {
      const row = rows.get(p.timestamp) ?? { timestamp: p.timestamp };
      row[name] = p.value;
      rows.set(p.timestamp, row);
    }
  }
  return [...rows.values()].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
}

const Chart = (props: { title: string; data: Array<Record<string, number | string>>; lines: Array<{ key: string; name: string; color: string }> }) => (
  <>
    <Typography variant="subtitle2">{props.title}</Typography>
    {props.data.length === 0 ? (
      <Typography variant="body2">No datapoints in the last hour.</Typography>
    ) : (
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={props.data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="timestamp" tickFormatter={time} minTickGap={24} />
          <YAxis allowDecimals={false} />
          <Tooltip labelFormatter={label => time(String(label))} />
          <Legend />
          {props.lines.map(l => (
            <Line key={l.key} type="monotone" dataKey={l.key} name={l.name} stroke={l.color} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    )}
  </>
);

/** Depth and throughput, age of the oldest message, DLQ depth: the three questions on-call asks. */
export const QueueCharts = ({ queue }: { queue: QueueStatus }) => (
  <Grid container spacing={2}>
    <Grid item xs={12} md={4}>
      <Chart
        title="Depth and throughput (per minute)"
        data={joinSeries({ visible: queue.series.visible, sent: queue.series.sent, deleted: queue.series.deleted })}
        lines={[
          { key: 'visible', name: 'visible', color: '#1f77b4' },
          { key: 'sent', name: 'sent', color: '#2ca02c' },
          { key: 'deleted', name: 'deleted', color: '#ff7f0e' },
        ]}
      />
    </Grid>
    <Grid item xs={12} md={4}>
      <Chart
        title="Age of oldest message (s)"
        data={joinSeries({ age: queue.series.oldestAgeSeconds })}
        lines={[{ key: 'age', name: 'oldest age', color: '#9467bd' }]}
      />
    </Grid>
    <Grid item xs={12} md={4}>
      <Chart
        title={`DLQ depth${queue.dlqName ? ` (${queue.dlqName})` : ''}`}
        data={joinSeries({ dlq: queue.series.dlqVisible })}
        lines={[{ key: 'dlq', name: 'DLQ visible', color: '#d62728' }]}
      />
    </Grid>
  </Grid>
);
