import { Activity, DescribeScalingActivitiesCommand } from '@aws-sdk/client-auto-scaling';
import 'aws-sdk-client-mock-jest';
import { realGateway } from '../runbooks/__testUtils__/harness';
import { awsError, mockAwsClients, prodLocation } from './__testUtils__/awsFixtures';
import { ACTIVITIES_PER_FLEET, MAX_ACTIVITIES_PER_CALL, readFleetDetail, readFleetsAt } from './FleetReader';

/*
 * DescribeScalingActivities of a location, paged with NextToken (AWS's paginators file:
 * NextToken in and out, limit MaxRecords, whose default and maximum are 100), until every
 * the fleet has its latest activities or AWS has no more pages. Only one fleet's own read
 * (its card, a change's plan) asks for them; the fleet list never does.
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

describe('scaling activities of the fleets, read over pages', () => {
  it('reads on while the fleet was crowded out of the first pages by a busier group, and stops once it has its latest', async () => {
    asg
      .on(DescribeScalingActivitiesCommand)
      .resolvesOnce({ Activities: activities('batch-workers', 100), NextToken: 'page-2' })
      .resolvesOnce({ Activities: [...activities('prod-gpu-workers', 4), ...activities('batch-workers', 96)], NextToken: 'page-3' })
      .resolvesOnce({ Activities: activities('prod-gpu-workers', 12), NextToken: 'page-4' })
      .resolvesOnce({ Activities: activities('prod-gpu-workers', 100) });

    const data = await readFleetDetail(realGateway(), prodLocation, 'prod-gpu-workers');

    expect(asg.commandCalls(DescribeScalingActivitiesCommand).map(c => c.args[0].input)).toEqual([
      { MaxRecords: MAX_ACTIVITIES_PER_CALL },
      { MaxRecords: 100, NextToken: 'page-2' },
      { MaxRecords: 100, NextToken: 'page-3' },
    ]);
    expect(data.activities.get('prod-gpu-workers')!.length).toBeGreaterThanOrEqual(ACTIVITIES_PER_FLEET);
    expect(data.activities.get('prod-gpu-workers')!.length).toBe(16);
  });

  it('pages to the end when the fleets have fewer activities than a view shows, keeping only their own', async () => {
    asg
      .on(DescribeScalingActivitiesCommand)
      .resolvesOnce({ Activities: [...activities('prod-gpu-workers', 3), ...activities('someone-elses-group', 97)], NextToken: 'p2' })
      .resolvesOnce({ Activities: activities('prod-gpu-workers', 2) });

    const data = await readFleetDetail(realGateway(), prodLocation, 'prod-gpu-workers');

    expect(asg).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 2);
    expect(asg.commandCalls(DescribeScalingActivitiesCommand)[1].args[0].input).toEqual({ MaxRecords: 100, NextToken: 'p2' });
    expect(data.activities.get('prod-gpu-workers')).toHaveLength(5);
    expect(data.activities.has('someone-elses-group')).toBe(false);
  });

  it('fails with what AWS said when a later page is refused (an expired token), rather than showing half the history', async () => {
    asg
      .on(DescribeScalingActivitiesCommand)
      .resolvesOnce({ Activities: activities('prod-gpu-workers', 2), NextToken: 'p2' })
      .rejectsOnce(awsError('InvalidNextToken', 400, 'The token provided is invalid.'));

    await expect(readFleetDetail(realGateway(), prodLocation, 'prod-gpu-workers')).rejects.toMatchObject({
      message: expect.stringContaining('The token provided is invalid.'),
    });
  });

  it('are not read for the fleet list, which shows none', async () => {
    await readFleetsAt(realGateway(), prodLocation, ['prod-gpu-workers', 'batch-workers']);
    expect(asg).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 0);
  });
});
