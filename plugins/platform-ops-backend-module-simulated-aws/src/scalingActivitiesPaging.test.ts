import { errorOf, MINUTE, PROD, STAGING, testAccount } from './testUtils';

/*
 * DescribeScalingActivities as the Auto Scaling API reference describes it: MaxRecords
 * default and maximum 100, NextToken paging (the paginators file of AWS's model: NextToken
 * in, NextToken out, limit MaxRecords), activities still in progress first, then by start
 * time newest first, InvalidNextToken for a token it did not hand out.
 */
type Activity = { ActivityId: string; AutoScalingGroupName: string; StatusCode: string; StartTime: Date };

async function allPages(
  call: ReturnType<typeof testAccount>['call'],
  input: Record<string, unknown>,
  location = STAGING,
  between?: () => Promise<void>,
) {
  const ids: string[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const out = await call('autoScaling', 'DescribeScalingActivities', { ...input, NextToken }, location);
    pages++;
    ids.push(...(out.Activities as Activity[]).map(a => a.ActivityId));
    NextToken = out.NextToken;
    if (NextToken) await between?.();
  } while (NextToken);
  return { ids, pages };
}

/** Staging (2 instances, max 4) scaled out to 4 and back to 3: three finished activities. */
async function scaleTwice(call: ReturnType<typeof testAccount>['call'], clock: ReturnType<typeof testAccount>['clock']) {
  await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);
  clock.advance(5 * MINUTE);
  await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
  clock.advance(5 * MINUTE);
}

describe('simulated DescribeScalingActivities: paging and order as AWS', () => {
  it('pages with NextToken to the end: every activity once, in the one-call order', async () => {
    const { call, clock } = testAccount();
    await scaleTwice(call, clock);

    const whole = await call('autoScaling', 'DescribeScalingActivities', { MaxRecords: 100 }, STAGING);
    const wholeIds = (whole.Activities as Activity[]).map(a => a.ActivityId);
    expect(wholeIds.length).toBeGreaterThanOrEqual(3);
    expect(whole.NextToken).toBeUndefined();

    const paged = await allPages(call, { MaxRecords: 1 });
    expect(paged.ids).toEqual(wholeIds);
    expect(paged.pages).toBe(wholeIds.length);
  });

  it('lists in-progress activities first, then newest first', async () => {
    const { call, clock } = testAccount();
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 3 }, STAGING);
    clock.advance(5 * MINUTE);
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);

    const { Activities } = await call('autoScaling', 'DescribeScalingActivities', {}, STAGING);
    const list = Activities as Activity[];
    const running = list.map(a => !['Successful', 'Failed', 'Cancelled'].includes(a.StatusCode));
    expect(running[0]).toBe(true);
    // No in-progress activity after a finished one.
    expect(running.indexOf(false)).toBeGreaterThan(0);
    expect(running.slice(running.indexOf(false)).every(r => !r)).toBe(true);
    const finished = list.filter((_a, i) => !running[i]).map(a => a.StartTime.getTime());
    expect(finished).toEqual([...finished].sort((a, b) => b - a));
  });

  it('neither repeats nor skips an activity when a new one starts between two pages', async () => {
    const { call, clock } = testAccount();
    await scaleTwice(call, clock);
    const before = await allPages(call, { MaxRecords: 1 });

    let scaled = false;
    const paged = await allPages(call, { MaxRecords: 1 }, STAGING, async () => {
      if (scaled) return;
      scaled = true;
      await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 2 }, STAGING);
    });

    expect(new Set(paged.ids).size).toBe(paged.ids.length);
    // Everything there at the start is read; the new activity sorts before the cursor.
    expect(paged.ids.slice(1)).toEqual(before.ids.slice(1));
  });

  it.each([
    ['a forged token', () => ({ NextToken: 'not-a-token' })],
    ['a token of another group', (token: string) => ({ AutoScalingGroupName: 'staging-gpu-workers', NextToken: token })],
  ])('refuses %s with InvalidNextToken (400)', async (_what, input) => {
    const { call, clock } = testAccount();
    await scaleTwice(call, clock);
    const first = await call('autoScaling', 'DescribeScalingActivities', { MaxRecords: 1 }, STAGING);
    expect(first.NextToken).toEqual(expect.any(String));

    const error = await errorOf(call('autoScaling', 'DescribeScalingActivities', { MaxRecords: 1, ...input(first.NextToken) }, STAGING));
    expect(error.name).toBe('InvalidNextToken');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it("AutoScalingGroupName limits the answer to that group's activities; a group not in the account and region answers none, no error", async () => {
    const { call, clock } = testAccount();
    await scaleTwice(call, clock);
    const all = (await call('autoScaling', 'DescribeScalingActivities', {}, STAGING)).Activities as Activity[];
    expect(all.length).toBeGreaterThanOrEqual(3);

    const own = await call('autoScaling', 'DescribeScalingActivities', { AutoScalingGroupName: 'staging-gpu-workers' }, STAGING);
    expect((own.Activities as Activity[]).map(a => a.ActivityId)).toEqual(all.filter(a => a.AutoScalingGroupName === 'staging-gpu-workers').map(a => a.ActivityId));

    // Staging's group seen from prod's account, and a name nobody uses: an empty list, as AWS.
    for (const [group, location] of [['staging-gpu-workers', PROD], ['no-such-group', STAGING]] as const) {
      const none = await call('autoScaling', 'DescribeScalingActivities', { AutoScalingGroupName: group }, location);
      expect(none.Activities).toEqual([]);
      expect(none.NextToken).toBeUndefined();
    }
    // With ActivityIds too, the group still limits the answer.
    const ids = await call('autoScaling', 'DescribeScalingActivities', { AutoScalingGroupName: 'no-such-group', ActivityIds: [all[0].ActivityId] }, STAGING);
    expect(ids.Activities).toEqual([]);
  });

  it('refuses an empty AutoScalingGroupName with a ValidationError', async () => {
    const { call } = testAccount();
    const error = await errorOf(call('autoScaling', 'DescribeScalingActivities', { AutoScalingGroupName: '' }, STAGING));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('refuses MaxRecords above 100 (the documented maximum) with a ValidationError', async () => {
    const { call } = testAccount();
    const error = await errorOf(call('autoScaling', 'DescribeScalingActivities', { MaxRecords: 101 }, PROD));
    expect(error.name).toBe('ValidationError');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
