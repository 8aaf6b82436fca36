import { explainCronRecurrence } from './awsCron';

describe('explainCronRecurrence (Auto Scaling Recurrence)', () => {
  it.each(['30 0 1 1,6,12 *', '0 20 * * 1-5', '*/15 * * * *', '0 9-17/2 * * mon', '0 0 1 jan *', '0 0 * * 7', '5/10 * * * *', '  0 6 * * *  '])(
    'accepts %s',
    cron => {
      expect(explainCronRecurrence(cron)).toBeUndefined();
    },
  );

  it.each([
    ['foo bar baz qux quux', 'minute: "foo" is not a number'],
    ['60 * * * *', 'minute: 60 is outside 0-59'],
    ['0 24 * * *', 'hour: 24 is outside 0-23'],
    ['0 0 0 * *', 'day of month: 0 is outside 1-31'],
    ['0 0 * 13 *', 'month: 13 is outside 1-12'],
    ['0 0 * * 8', 'day of week: 8 is outside 0-7'],
    ['0 0 * jan-mar *', 'month: "jan" is not a number'],
    ['5-1 * * * *', 'minute: range 5-1 runs backwards'],
    ['*/0 * * * *', 'minute: step "0" must be a number from 1'],
    ['1,,2 * * * *', 'minute: has an empty list element'],
    ['* * * *', 'must have five fields (minute hour day-of-month month day-of-week), not 4'],
    ['* * * * * *', 'not 6'],
    ['', 'must be 1-255 characters'],
    ['-1 * * * *', 'minute: "" is not a number'],
  ])('refuses %j: %s', (cron, why) => {
    expect(explainCronRecurrence(cron)).toContain(why);
  });
});
