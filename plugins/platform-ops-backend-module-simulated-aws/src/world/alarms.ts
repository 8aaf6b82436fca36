import { MetricDimension, MetricStore, metricScope } from './metrics';
import { EnvironmentSeed, SimQueue } from './types';

/**
 * CloudWatch alarms of the simulated account, evaluated against the metric history once a
 * simulated minute, with AWS's state model (OK / ALARM / INSUFFICIENT_DATA) and reasons.
 */

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

export interface SimAlarm {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription: string;
  Namespace: string;
  MetricName: string;
  Dimensions: MetricDimension[];
  Statistic: 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm: number;
  Threshold: number;
  ComparisonOperator: ComparisonOperator;
  TreatMissingData: 'missing' | 'notBreaching';
  AlarmActions: string[];
  accountId: string;
  region: string;
  StateValue: AlarmState;
  StateReason: string;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
  AlarmConfigurationUpdatedTimestamp: number;
}

const WORDS: Record<ComparisonOperator, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    default:
      return value <= threshold;
  }
}

/**
 * Seeded alarms per queue: depth > 100 (seed 000 worker scaling, seed 004 warning), DLQ > 5
 * (seed 004 "Alarm: Trigger when message count > 5"), oldest message older than 15 min.
 */
export function seedAlarms(queues: SimQueue[], environments: EnvironmentSeed[], now: number): SimAlarm[] {
  const alarms: SimAlarm[] = [];
  for (const q of queues) {
    const env = environments.find(e => e.name === q.environment);
    const topic = `arn:aws:sns:${q.region}:${q.accountId}:${env?.name ?? q.environment}-platform-alerts`;
    const base = {
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: q.name }],
      Statistic: 'Maximum' as const,
      Period: 300,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      ComparisonOperator: 'GreaterThanThreshold' as const,
      TreatMissingData: 'missing' as const,
      AlarmActions: [topic],
      accountId: q.accountId,
      region: q.region,
      StateValue: 'INSUFFICIENT_DATA' as const,
      StateReason: 'Unchecked: Initial alarm creation',
      StateUpdatedTimestamp: now,
      StateTransitionedTimestamp: now,
      AlarmConfigurationUpdatedTimestamp: now,
    };
    const arn = (name: string) => `arn:aws:cloudwatch:${q.region}:${q.accountId}:alarm:${name}`;
    if (q.isDeadLetterQueue) {
      const name = `${q.name}-not-empty`;
      alarms.push({
        ...base,
        AlarmName: name,
        AlarmArn: arn(name),
        AlarmDescription: `Failed jobs are piling up in the DLQ ${q.name} (more than 5 messages)`,
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 5,
      });
      continue;
    }
    const depth = `${q.name}-depth-high`;
    alarms.push({
      ...base,
      AlarmName: depth,
      AlarmArn: arn(depth),
      AlarmDescription: `More than 100 jobs waiting in ${q.name}: workers are not keeping up`,
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 100,
    });
    const age = `${q.name}-oldest-message-age`;
    alarms.push({
      ...base,
      AlarmName: age,
      AlarmArn: arn(age),
      AlarmDescription: `The oldest job in ${q.name} has waited more than 15 minutes`,
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 900,
    });
  }
  return alarms;
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${String(d.getUTCFullYear()).slice(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

/** Evaluates one alarm over its last complete periods at `now`. */
export function evaluateAlarm(alarm: SimAlarm, store: MetricStore, now: number) {
  const periodMs = alarm.Period * 1000;
  const end = Math.floor(now / periodMs) * periodMs;
  const start = end - alarm.EvaluationPeriods * periodMs;
  const { timestamps, values } = store.query(
    { scope: metricScope(alarm.accountId, alarm.region), namespace: alarm.Namespace, metricName: alarm.MetricName, dimensions: alarm.Dimensions },
    start,
    end,
    alarm.Period,
    alarm.Statistic,
    now,
  );
  let next: AlarmState;
  let breaching = 0;
  if (values.length === 0 && alarm.TreatMissingData === 'missing') {
    next = 'INSUFFICIENT_DATA';
  } else {
    breaching = values.filter(v => breaches(alarm.ComparisonOperator, v, alarm.Threshold)).length;
    next = breaching >= alarm.DatapointsToAlarm ? 'ALARM' : 'OK';
  }
  if (next === alarm.StateValue) return;
  let reason: string;
  if (next === 'INSUFFICIENT_DATA') {
    reason = `Insufficient Data: ${alarm.EvaluationPeriods} datapoint${alarm.EvaluationPeriods > 1 ? 's were' : ' was'} unknown.`;
  } else {
    const points = values
      .map((v, i) => `${v.toFixed(1)} (${stamp(timestamps[i])})`)
      .reverse()
      .join(', ');
    reason =
      next === 'ALARM'
        ? `Threshold Crossed: ${breaching} out of the last ${alarm.EvaluationPeriods} datapoints [${points}] ${breaching === 1 ? 'was' : 'were'} ${WORDS[alarm.ComparisonOperator]} the threshold (${alarm.Threshold.toFixed(1)}) (minimum ${alarm.DatapointsToAlarm} datapoint for OK -> ALARM transition).`
        : `Threshold Crossed: ${values.length} datapoint${values.length === 1 ? '' : 's'} [${points}] ${values.length === 1 ? 'was' : 'were'} not ${WORDS[alarm.ComparisonOperator]} the threshold (${alarm.Threshold.toFixed(1)}).`;
  }
  alarm.StateValue = next;
  alarm.StateReason = reason;
  alarm.StateUpdatedTimestamp = now;
  alarm.StateTransitionedTimestamp = now;
}
