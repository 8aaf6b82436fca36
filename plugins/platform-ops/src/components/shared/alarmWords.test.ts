import { QueueAlarm } from '@platformops/plugin-platform-ops-common';
import { alarmCondition, alarmConditionShort } from './alarmWords';

const alarm = (metricName: string, threshold: number, queueName: string): QueueAlarm => ({
  name: 'a', state: 'ALARM', metricName, threshold, queueName,
});

describe('alarm conditions in words', () => {
  it.each([
    [alarm('ApproximateNumberOfMessagesVisible', 5, 'jobs-dlq'), 'DLQ messages waiting > 5', 'DLQ > 5'],
    [alarm('ApproximateNumberOfMessagesVisible', 100, 'jobs'), 'messages waiting > 100', 'depth > 100'],
    [alarm('ApproximateAgeOfOldestMessage', 900, 'jobs'), 'oldest message age > 900 s', 'age > 900 s'],
    [alarm('NumberOfMessagesSent', 1, 'jobs'), 'NumberOfMessagesSent > 1', 'NumberOfMessagesSent > 1'],
  ])('%j', (a, long, short) => {
    expect(alarmCondition(a, 'jobs-dlq')).toBe(long);
    expect(alarmConditionShort(a, 'jobs-dlq')).toBe(short);
  });
});
