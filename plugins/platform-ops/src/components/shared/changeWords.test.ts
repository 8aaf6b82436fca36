import { actionLabel, describeInput } from './changeWords';

describe('change history in words', () => {
  it.each([
    ['fleet-set-desired-capacity', { entityRef: 'resource:default/prod-gpu-fleet', desiredCapacity: 8 }, 'Set desired capacity', 'desired 8'],
    ['fleet-set-size', { minSize: 2, maxSize: 6 }, 'Set min / max', 'min 2, max 6'],
    ['fleet-processes', { action: 'suspend', processes: ['Launch'] }, 'Suspend / resume processes', 'suspend Launch'],
    ['queue-redrive-dlq', { entityRef: 'resource:default/prod-jobs-queue' }, 'Redrive DLQ', 'all messages, as fast as SQS allows'],
    ['queue-redrive-dlq', { maxNumberOfMessagesPerSecond: 10 }, 'Redrive DLQ', 'max messages per second 10'],
    ['fleet-put-scheduled-action', { name: 'night', recurrence: '0 20 * * *' }, 'Schedule', 'name night, cron 0 20 * * *'],
  ])('%s %j', (action, input, label, words) => {
    expect(actionLabel(action)).toBe(label);
    expect(describeInput({ action, input })).toBe(words);
  });
});
