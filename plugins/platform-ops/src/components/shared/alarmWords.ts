import { QueueAlarm } from '@platformops/plugin-platform-ops-common';

const METRIC_WORDS: Record<string, { words: string; unit: string }> = {
  ApproximateNumberOfMessagesVisible: { words: 'messages waiting', unit: '' },
  ApproximateAgeOfOldestMessage: { words: 'oldest message age', unit: ' s' },
  ApproximateNumberOfMessagesNotVisible: { words: 'messages in flight', unit: '' },
};

/** "DLQ messages waiting > 5", "oldest message age > 900 s": the condition in words. */
export function alarmCondition(alarm: QueueAlarm, dlqName?: string): string {
  const metric = alarm.metricName ? METRIC_WORDS[alarm.metricName] ?? { words: alarm.metricName, unit: '' } : undefined;
  const onDlq = Boolean(dlqName && alarm.queueName === dlqName);
  const words = `${onDlq ? 'DLQ ' : ''}${metric?.words ?? 'value'}`;
  return alarm.threshold !== undefined ? `${words} > ${alarm.threshold}${metric?.unit ?? ''}` : words;
}

const METRIC_SHORT: Record<string, { words: string; unit: string }> = {
  ApproximateNumberOfMessagesVisible: { words: 'depth', unit: '' },
  ApproximateAgeOfOldestMessage: { words: 'age', unit: ' s' },
  ApproximateNumberOfMessagesNotVisible: { words: 'in flight', unit: '' },
};

/** "DLQ > 5", "age > 900 s", "depth > 100": the condition short enough for a table cell. */
export function alarmConditionShort(alarm: QueueAlarm, dlqName?: string): string {
  const onDlq = Boolean(dlqName && alarm.queueName === dlqName);
  const metric = alarm.metricName ? METRIC_SHORT[alarm.metricName] ?? { words: alarm.metricName, unit: '' } : undefined;
  const words = onDlq && alarm.metricName === 'ApproximateNumberOfMessagesVisible' ? 'DLQ' : `${onDlq ? 'DLQ ' : ''}${metric?.words ?? 'value'}`;
  return alarm.threshold !== undefined ? `${words} > ${alarm.threshold}${metric?.unit ?? ''}` : words;
}
