import { Activity, DescribeAutoScalingGroupsCommand, DescribeScalingActivitiesCommand } from '@aws-sdk/client-auto-scaling';
import 'aws-sdk-client-mock-jest';
import { realGateway } from '../runbooks/__testUtils__/harness';
import { awsError, mockAwsClients, prodGroup, prodLocation } from './__testUtils__/awsFixtures';
import { ACTIVITIES_PER_FLEET, readFleetDetail, readFleetsAt } from './FleetReader';

/*
 * A fleet's own read (its card, a change's plan) asks DescribeScalingActivities for that
 * group only (AutoScalingGroupName) and for as many as the view shows (MaxRecords): AWS
 * answers newest first, so that one page is the group's latest, whatever the other groups
 * of the location did. The fleet list reads them only for groups still converging, to say
 * since when. (Against the simulated
 * account: scalingActivitiesSimulated.test.ts, apart because aws-sdk-client-mock here
 * replaces every AutoScalingClient's send.)
 */
const { asg, answerDefaults } = mockAwsClients();
beforeEach(() => answerDefaults());

let n = 0;
function activities(group: string, count: number): Activity[] {
  return Array.from({ length: count }, () => ({
    ActivityId: `act-${++n}`,
    AutoScalingGroupName: group,
    Cause: 'a user request explicitly set group desired capacity',
    StartTime: new Date(Date.UTC(2026, 10, 20, 12) - n * 60_000),
    StatusCode: 'Successful',
    Progress: 100,
  }));
}

describe('scaling activities of one fleet', () => {
  it("asks for the group's own latest activities in one call, and reads no further page", async () => {
    asg
      .on(DescribeScalingActivitiesCommand)
      .resolves({ Activities: activities('prod-gpu-workers', ACTIVITIES_PER_FLEET), NextToken: 'older' });

    const data = await readFleetDetail(realGateway(), prodLocation, 'prod-gpu-workers');

    expect(asg.commandCalls(DescribeScalingActivitiesCommand).map(c => c.args[0].input)).toEqual([
      { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 10 },
    ]);
    expect(data.activities.get('prod-gpu-workers')).toHaveLength(10);
  });

  it('fails with what AWS said when the read is refused, rather than showing no history', async () => {
    asg
      .on(DescribeScalingActivitiesCommand)
      .rejects(awsError('AccessDenied', 403, 'User is not authorized to perform: autoscaling:DescribeScalingActivities'));

    await expect(readFleetDetail(realGateway(), prodLocation, 'prod-gpu-workers')).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'the platform-ops role in 410987654321 may not call autoscaling:DescribeScalingActivities',
    });
  });

  it('are read for the fleet list only for the groups still converging', async () => {
    const converged = prodGroup({
      AutoScalingGroupName: 'batch-workers',
      DesiredCapacity: 2,
      Instances: prodGroup().Instances!.slice(0, 2),
    });
    asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [prodGroup(), converged] });
    asg.on(DescribeScalingActivitiesCommand).resolves({ Activities: activities('prod-gpu-workers', 2) });

    const data = await readFleetsAt(realGateway(), prodLocation, ['prod-gpu-workers', 'batch-workers']);

    // prod-gpu-workers has 4 of 5 in service and one pending; batch-workers 2 of 2.
    expect(asg.commandCalls(DescribeScalingActivitiesCommand).map(c => c.args[0].input)).toEqual([
      { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 10 },
    ]);
    expect([...data.activities.keys()]).toEqual(['prod-gpu-workers']);
    expect(data.read).toBe('list');
  });
});
