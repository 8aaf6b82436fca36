import { PROD, STAGING, testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { createTestGateway } from '../testUtils/createTestGateway';
import { ACTIVITIES_PER_FLEET, readFleetDetail } from './FleetReader';

/*
 * A fleet's own read of its scaling activities, through the real SDK client, answered by the
 * simulated account, which filters on AutoScalingGroupName as AWS does.
 */
describe('scaling activities of one fleet, from the simulated account', () => {
  it("shows that group's latest activities only, newest first, as the filtered call answers", async () => {
    const { account, call, clock } = testAccount();
    const sent: Array<Record<string, unknown>> = [];
    const { gateway } = createTestGateway(
      { platformOps: { aws: { mode: 'simulated' } } },
      {
        handle: async c => {
          if (c.operation === 'DescribeScalingActivities') sent.push(c.input);
          return account.handle(c);
        },
      },
    );
    // Enough activities for more than one view: each scale-out launches instances.
    for (const desired of [8, 12, 16]) {
      await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: desired }, PROD);
      clock.advance(5 * 60_000);
    }
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 4 }, STAGING);

    const data = await readFleetDetail(gateway, PROD, 'prod-gpu-workers');

    expect(sent).toEqual([{ AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: ACTIVITIES_PER_FLEET }]);
    const shown = data.activities.get('prod-gpu-workers') ?? [];
    expect(shown).toHaveLength(ACTIVITIES_PER_FLEET);
    expect([...data.activities.keys()]).toEqual(['prod-gpu-workers']);
    const starts = shown.map(a => a.StartTime!.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
  });
});
