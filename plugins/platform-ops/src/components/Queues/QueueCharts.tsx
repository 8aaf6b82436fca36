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

/** "12:04-13:03 UTC": the range a chart covers, in the zone its axis uses. */
export function timeRange(data: Array<Record<string, number | string>>): string {
  if (data.length === 0) return '';
  return `${time(String(data[0].timestamp))}-${time(String(data[data.length - 1].timestamp))} UTC`;
}

const Chart = (props: {
  title: string;
  unit: string;
  data: Array<Record<string, number | string>>;
  lines: Array<{ key: string; name: string; color: string }>;
}) => (
  <>
    <Typography variant="subtitle2">{props.title}</Typography>
    <Typography variant="caption" color="textSecondary" component="p">
      {props.data.length ? `Last hour, 1-minute points, ${timeRange(props.data)}` : 'Last hour'}
    </Typography>
    {props.data.length === 0 ? (
      <Typography variant="body2">No datapoints in the last hour.</Typography>
    ) : (
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={props.data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="timestamp" tickFormatter={time} minTickGap={24} />
          <YAxis allowDecimals={false} width={56} label={{ value: props.unit, angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }} />
          <Tooltip labelFormatter={label => `${time(String(label))} UTC`} />
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
        title="Depth and throughput"
        unit="messages"
        data={joinSeries({ visible: queue.series.visible, sent: queue.series.sent, deleted: queue.series.deleted })}
        lines={[
          { key: 'visible', name: 'waiting (visible)', color: '#1f77b4' },
          { key: 'sent', name: 'sent per minute', color: '#2ca02c' },
          { key: 'deleted', name: 'processed per minute', color: '#ff7f0e' },
        ]}
      />
    </Grid>
    <Grid item xs={12} md={4}>
      <Chart
        title="Age of oldest message"
        unit="seconds"
        data={joinSeries({ age: queue.series.oldestAgeSeconds })}
        lines={[{ key: 'age', name: 'oldest message age (s)', color: '#9467bd' }]}
      />
    </Grid>
    <Grid item xs={12} md={4}>
      <Chart
        title={`DLQ depth${queue.dlqName ? ` (${queue.dlqName})` : ''}`}
        unit="messages"
        data={joinSeries({ dlq: queue.series.dlqVisible })}
        lines={[{ key: 'dlq', name: 'messages in the DLQ', color: '#d62728' }]}
      />
    </Grid>
  </Grid>
);
