import {
  DeleteScheduledActionCommand,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  DescribeScalingActivitiesCommand,
  DescribeScheduledActionsCommand,
  EnableMetricsCollectionCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  ResumeProcessesCommand,
  SetDesiredCapacityCommand,
  SuspendProcessesCommand,
  UpdateAutoScalingGroupCommand,
} from '@aws-sdk/client-auto-scaling';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { mockCredentials } from '@backstage/backend-test-utils';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { awsError, mockAwsClients, prodGroup } from '../fleet/__testUtils__/awsFixtures';
import { NON_OWNER, OWNER, startFleetBackend } from '../fleet/__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

const FLEET = 'resource:default/prod-gpu-fleet';
const MUTATING = [
  SetDesiredCapacityCommand,
  UpdateAutoScalingGroupCommand,
  SuspendProcessesCommand,
  ResumeProcessesCommand,
  PutScalingPolicyCommand,
  PutScheduledUpdateGroupActionCommand,
  DeleteScheduledActionCommand,
  EnableMetricsCollectionCommand,
];

describe('fleet routes', () => {
  const aws = mockAwsClients();
  let server: Awaited<ReturnType<typeof startFleetBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startFleetBackend());
  });
  beforeEach(() => aws.answerDefaults());

  const post = (path: string, body: object, user = OWNER) =>
    request(server)
      .post(`/api/platform-ops/fleets/${path}`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(body);
  const get = (path: string) =>
    request(server).get(`/api/platform-ops${path}`).set('Authorization', mockCredentials.user.header(NON_OWNER));

  const expectNoChangeSent = () => {
    // Checked by name: the matcher's typing takes one command class at a time.
    const sent = aws.asg.calls().map(c => c.args[0].constructor.name);
    for (const command of MUTATING) expect(sent).not.toContain(command.name);
  };

  describe('reads', () => {
    it('shows a fleet with capacity, spot mix, cost, backlog and a recommendation', async () => {
      const res = await get(`/fleets/by-entity?entityRef=${FLEET}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        entityRef: FLEET,
        asgName: 'prod-gpu-workers',
        found: true,
        desiredCapacity: 5,
        minSize: 2,
        maxSize: 20,
        inService: 4,
        pending: 1,
        lifecycleSource: 'ec2',
        distribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 30 },
        suspendedProcesses: ['AZRebalance'],
        // 2 on-demand x 0.526 + 3 spot x 0.158
        hourlyUsd: 1.526,
        backlog: { visible: 60, perInstance: 15 },
        guardrail: { maxGpuInstances: 20, maxHourlyUsd: 25 },
      });
      expect(res.body.instances).toEqual([
        { instanceType: 'g4dn.xlarge', lifecycle: 'on-demand', count: 2, unitHourlyUsd: 0.526 },
        { instanceType: 'g4dn.xlarge', lifecycle: 'spot', count: 3, unitHourlyUsd: 0.158 },
      ]);
      // 60 visible: beyond the 50-message step, 12.5 messages per worker -> 5 workers: hold.
      expect(res.body.recommendation).toMatchObject({ desiredCapacity: 5, direction: 'hold' });
    });

    it('pages the fleet list like the queue list: a slice, the total, and a 400 past the largest page', async () => {
      const whole = await get('/fleets');
      const page = await get(`/fleets?offset=${whole.body.fleets.length - 1}&limit=5`);
      expect(page.status).toBe(200);
      expect(page.body.fleets).toEqual(whole.body.fleets.slice(-1));
      expect(page.body.page).toEqual({ offset: whole.body.fleets.length - 1, limit: 5, total: whole.body.fleets.length });
      const tooBig = await get('/fleets?limit=1000');
      expect(tooBig.status).toBe(400);
      expect(tooBig.body.error.message).toContain('limit must be between 1 and 500');
    });

    it('lists the groups of a location in one batched call, without what only the card shows', async () => {
      // prod-gpu-workers is converging (4 of 5 in service, 1 pending): the list asks since when.
      aws.asg.on(DescribeScalingActivitiesCommand).resolves({
        Activities: [
          { ActivityId: 'a-2', AutoScalingGroupName: 'prod-gpu-workers', Description: 'Launching a new EC2 instance: i-prod5', Cause: 'desired 4 -> 5', StatusCode: 'InProgress', Progress: 30, StartTime: new Date('2026-11-29T22:01:00Z') },
          { ActivityId: 'a-1', AutoScalingGroupName: 'prod-gpu-workers', Description: 'Launching a new EC2 instance: i-prod4', Cause: 'desired 3 -> 4', StatusCode: 'Successful', Progress: 100, StartTime: new Date('2026-11-29T21:30:00Z'), EndTime: new Date('2026-11-29T21:33:00Z') },
        ],
      });
      const res = await get('/fleets?environment=prod');
      expect(res.status).toBe(200);
      expect(aws.asg).toHaveReceivedCommandTimes(DescribeAutoScalingGroupsCommand, 1);
      expect(aws.asg).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, {
        AutoScalingGroupNames: ['prod-gpu-workers'],
        MaxRecords: 100,
      });
      // Policies and scheduled actions are the fleet card's: the list does not read them.
      expect(aws.asg).toHaveReceivedCommandTimes(DescribePoliciesCommand, 0);
      expect(aws.asg).toHaveReceivedCommandTimes(DescribeScheduledActionsCommand, 0);
      // Activities only for a group still converging, one page of that group's own.
      expect(aws.asg.commandCalls(DescribeScalingActivitiesCommand).map(c => c.args[0].input)).toEqual([
        { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 10 },
      ]);
      // The table's fields only (no instances, policies, activities, guardrail, backlog chart).
      expect(Object.keys(res.body.fleets[0]).sort()).toEqual(
        ['asgName', 'backlog', 'convergingSince', 'desiredCapacity', 'distribution', 'entityRef', 'environment', 'found', 'hourlyUsd', 'inService', 'maxSize', 'minSize', 'pending', 'recommendation', 'terminating'].sort(),
      );
      // Since the launch still in progress started (the finished one is history).
      expect(res.body.fleets[0].convergingSince).toBe('2026-11-29T22:01:00.000Z');
      expect(Object.keys(res.body.fleets[0].recommendation)).not.toContain('rule');
      // The backlog comes from the queue list's CloudWatch read, not from SQS.
      expect(res.body.fleets[0].backlog).toEqual({ queueRef: 'resource:default/prod-jobs-queue', visible: 60, perInstance: 15 });
      // Asked for in full, the same read says which parts it left out.
      const full = await get('/fleets?environment=prod&series=full');
      expect(full.body.fleets[0]).toMatchObject({ read: 'list', policies: [], scheduledActions: [], convergingSince: '2026-11-29T22:01:00.000Z' });
      expect(full.body.fleets[0].activities.map((a: { id: string }) => a.id)).toEqual(['a-2', 'a-1']);
      expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 0);
    });

    it('answers only the fleets needing attention when asked: a converging one kept, a converged one left out', async () => {
      const converging = await get('/fleets?environment=prod&needsAttention=true');
      expect(converging.status).toBe(200);
      expect(converging.body.fleets.map((f: { asgName: string; pending: number }) => [f.asgName, f.pending])).toEqual([['prod-gpu-workers', 1]]);
      expect(converging.body.fleets).toEqual((await get('/fleets?environment=prod')).body.fleets);

      aws.asg.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [prodGroup({ DesiredCapacity: 4, Instances: prodGroup().Instances!.slice(0, 4) })],
      });
      const converged = await get('/fleets?environment=prod&needsAttention=true&offset=0&limit=5');
      expect(converged.status).toBe(200);
      expect(converged.body.fleets).toEqual([]);
      expect(converged.body.page).toEqual({ offset: 0, limit: 5, total: 0 });
      expect((await get('/fleets?environment=prod')).body.fleets).toHaveLength(1);

      const maybe = await get('/fleets?needsAttention=maybe');
      expect(maybe.status).toBe(400);
      expect(maybe.body.error.message).toContain('needsAttention must be true (or left out for every item)');
    });

    it('asks no activities of a converged group, and says no "since" for it', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).resolves({
        AutoScalingGroups: [prodGroup({ DesiredCapacity: 4, Instances: prodGroup().Instances!.slice(0, 4) })],
      });
      const res = await get('/fleets?environment=prod');
      expect(res.status).toBe(200);
      expect(res.body.fleets[0]).toMatchObject({ desiredCapacity: 4, inService: 4, pending: 0 });
      expect(res.body.fleets[0]).not.toHaveProperty('convergingSince');
      expect(aws.asg).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 0);
    });

    it('still lists a converging group when AWS refuses its activities, without a "since"', async () => {
      aws.asg
        .on(DescribeScalingActivitiesCommand)
        .rejects(awsError('AccessDenied', 403, 'User is not authorized to perform: autoscaling:DescribeScalingActivities'));
      const res = await get('/fleets?environment=prod');
      expect(res.status).toBe(200);
      expect(res.body.fleets[0]).toMatchObject({ desiredCapacity: 5, inService: 4, pending: 1 });
      expect(res.body.fleets[0]).not.toHaveProperty('convergingSince');
      expect(aws.asg).toHaveReceivedCommandWith(DescribeScalingActivitiesCommand, { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 10 });
    });

    it("reads one fleet's policies and scheduled actions by group name, paged to the end", async () => {
      aws.asg.on(DescribePoliciesCommand).callsFake(input =>
        input.NextToken
          ? { ScalingPolicies: [{ AutoScalingGroupName: 'prod-gpu-workers', PolicyName: 'second-page', PolicyType: 'StepScaling' }] }
          : { ScalingPolicies: [{ AutoScalingGroupName: 'prod-gpu-workers', PolicyName: 'first-page', PolicyType: 'StepScaling' }], NextToken: 'p2' },
      );
      const res = await get(`/fleets/by-entity?entityRef=${FLEET}`);
      expect(res.status).toBe(200);
      expect(res.body.read).toBe('detail');
      expect(res.body.policies.map((p: { name: string }) => p.name)).toEqual(['first-page', 'second-page']);
      expect(aws.asg.commandCalls(DescribePoliciesCommand).map(c => c.args[0].input)).toEqual([
        { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 100, NextToken: undefined },
        { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 100, NextToken: 'p2' },
      ]);
      expect(aws.asg).toHaveReceivedCommandWith(DescribeScheduledActionsCommand, { AutoScalingGroupName: 'prod-gpu-workers', MaxRecords: 100 });
      expect(aws.asg).toHaveReceivedCommandWith(DescribeAutoScalingGroupsCommand, { AutoScalingGroupNames: ['prod-gpu-workers'], MaxRecords: 100 });
    });

    it('answers every environment, and names one whose account refuses', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).callsFake(async () => {
        throw awsError('AccessDenied', 403, 'User is not authorized to perform: autoscaling:DescribeAutoScalingGroups');
      });
      const res = await get('/fleets');
      expect(res.status).toBe(200);
      expect(res.body.fleets).toEqual([]);
      expect(res.body.problems.map((p: { environment: string }) => p.environment)).toEqual(['dev', 'staging', 'prod']);
      expect(res.body.problems[0].message).toContain('autoscaling:DescribeAutoScalingGroups');
    });

    it('maps AWS refusals on a fleet read: throttling 503, AccessDenied 403', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
      expect((await get(`/fleets/by-entity?entityRef=${FLEET}`)).status).toBe(503);
      aws.asg.on(DescribeAutoScalingGroupsCommand).rejects(awsError('AccessDenied', 403, 'not authorized'));
      expect((await get(`/fleets/by-entity?entityRef=${FLEET}`)).status).toBe(403);
    });

    it('404s a fleet not in the catalog and a non-fleet entity, 400s a missing entityRef', async () => {
      const missing = await get('/fleets/by-entity?entityRef=resource:default/qa-gpu-fleet');
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('is not a Platform Ops resource in the catalog');
      const queue = await get('/fleets/by-entity?entityRef=resource:default/prod-jobs-queue');
      expect(queue.status).toBe(404);
      expect(queue.body.error.message).toContain('not a gpu-fleet');
      expect((await get('/fleets/by-entity')).status).toBe(400);
      expect((await get('/fleets?environment=qa')).status).toBe(404);
    });
  });

  describe('changes', () => {
    it('sets the desired capacity with the exact command, and records it in history', async () => {
      const res = await post('desired-capacity', {
        entityRef: FLEET,
        desiredCapacity: 8,
        reason: 'backlog from the launch campaign',
      });
      expect(res.status).toBe(200);
      expect(res.body.mutation).toMatchObject({ status: 'succeeded', action: 'fleet-set-desired-capacity', actor: OWNER });
      expect(aws.asg).toHaveReceivedCommandTimes(SetDesiredCapacityCommand, 1);
      expect(aws.asg).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        DesiredCapacity: 8,
        HonorCooldown: false,
      });
      const history = await get(`/fleets/history?entityRef=${FLEET}`);
      expect(history.body.items[0]).toMatchObject({
        action: 'fleet-set-desired-capacity',
        reason: 'backlog from the launch campaign',
        input: { desiredCapacity: 8 },
      });
    });

    it('refuses a non-owner and sends nothing', async () => {
      const res = await post('desired-capacity', { entityRef: FLEET, desiredCapacity: 8, reason: 'please' }, NON_OWNER);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'The permission policy refused platform-ops.fleet.scale on resource:default/prod-gpu-fleet for you; ask an owner of that catalog entity to make the change, or to add you to its owning group',
      );
      expectNoChangeSent();
    });

    it('a dry-run returns the exact commands and sends none', async () => {
      const res = await post('spot-share', {
        entityRef: FLEET,
        onDemandBaseCapacity: 2,
        onDemandPercentageAboveBaseCapacity: 20,
        reason: 'more spot',
        dryRun: true,
      });
      expect(res.status).toBe(200);
      expect(res.body.mutation.status).toBe('dry-run');
      expect(res.body.mutation.plan).toEqual([
        expect.objectContaining({
          command: 'UpdateAutoScalingGroupCommand',
          accountId: '410987654321',
          region: 'us-east-1',
          input: {
            AutoScalingGroupName: 'prod-gpu-workers',
            MixedInstancesPolicy: {
              InstancesDistribution: { OnDemandBaseCapacity: 2, OnDemandPercentageAboveBaseCapacity: 20 },
            },
          },
        }),
      ]);
      expectNoChangeSent();
    });

    it('replays an idempotency key instead of scaling twice', async () => {
      const body = { entityRef: FLEET, desiredCapacity: 6, reason: 'retry-safe', idempotencyKey: 'scale-prod-0001' };
      const first = await post('desired-capacity', body);
      const second = await post('desired-capacity', body);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ replayed: true, mutation: { id: first.body.mutation.id } });
      expect(aws.asg).toHaveReceivedCommandTimes(SetDesiredCapacityCommand, 1);
    });

    it.each([
      [{ desiredCapacity: -1 }, 'desiredCapacity must not be negative'],
      [{ desiredCapacity: 2.5 }, 'desiredCapacity must be a whole number of instances'],
      [{ desiredCapacity: '5' }, 'desiredCapacity must be a number'],
      [{ desiredCapacity: 5, reason: undefined }, 'reason is required'],
    ])('400s %j with what was wrong, and calls nothing', async (input, message) => {
      const res = await post('desired-capacity', { entityRef: FLEET, reason: 'valid reason', ...input });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(aws.asg.calls()).toHaveLength(0);
      expect(aws.sqs.calls()).toHaveLength(0);
    });

    it('400s a desired capacity outside min/max, and sends no change', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [prodGroup({ MaxSize: 6 })] });
      const res = await post('desired-capacity', { entityRef: FLEET, desiredCapacity: 7, reason: 'too many' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "desiredCapacity 7 is outside prod-gpu-workers's min 2 / max 6; change min/max first",
      );
      expectNoChangeSent();
    });

    it('404s an unknown fleet and sends nothing', async () => {
      const res = await post('desired-capacity', { entityRef: 'resource:default/qa-gpu-fleet', desiredCapacity: 1, reason: 'x'.repeat(5) });
      expect(res.status).toBe(404);
      expect(aws.asg.calls()).toHaveLength(0);
    });

    it('refuses a change beyond the environment guardrail, naming the limit and the config key', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [prodGroup({ MaxSize: 40 })] });
      const res = await post('desired-capacity', { entityRef: FLEET, desiredCapacity: 25, reason: 'big batch' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Refused by guardrail: desiredCapacity 25 of prod-gpu-workers exceeds the limit of 20 GPU instances; to allow it, raise platformOps.guardrails.environments.prod.maxGpuInstances',
      );
      // Further out than the group already is (max 40, left there by Terraform): refused.
      const size = await post('size', { entityRef: FLEET, minSize: 2, maxSize: 45, reason: 'big batch' });
      expect(size.status).toBe(403);
      expect(size.body.error.message).toContain('maxSize 45 of prod-gpu-workers exceeds the limit of 20 GPU instances');
      expect(size.body.error.message).toContain('raise platformOps.guardrails.environments.prod.maxHourlyUsd');
      expectNoChangeSent();
      // Back toward the limit is never refused (scaling down in an incident must work).
      const down = await post('size', { entityRef: FLEET, minSize: 2, maxSize: 30, reason: 'less exposure', dryRun: true });
      expect(down.status).toBe(200);
    });

    it('sets min/max with UpdateAutoScalingGroup and 400s min > max', async () => {
      const ok = await post('size', { entityRef: FLEET, minSize: 3, maxSize: 12, reason: 'steady base' });
      expect(ok.status).toBe(200);
      expect(aws.asg).toHaveReceivedCommandWith(UpdateAutoScalingGroupCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        MinSize: 3,
        MaxSize: 12,
      });
      const bad = await post('size', { entityRef: FLEET, minSize: 5, maxSize: 4, reason: 'typo' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('minSize must not be greater than maxSize');
    });

    it('400s a spot share on a group without a mixed instances policy', async () => {
      aws.asg
        .on(DescribeAutoScalingGroupsCommand)
        .resolves({ AutoScalingGroups: [prodGroup({ MixedInstancesPolicy: undefined })] });
      const res = await post('spot-share', {
        entityRef: FLEET,
        onDemandBaseCapacity: 0,
        onDemandPercentageAboveBaseCapacity: 30,
        reason: 'spot',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('has no MixedInstancesPolicy');
      expectNoChangeSent();
    });

    it('suspends and resumes processes with the exact commands', async () => {
      await post('processes', { entityRef: FLEET, action: 'suspend', processes: ['Launch', 'Terminate'], reason: 'incident' });
      expect(aws.asg).toHaveReceivedCommandWith(SuspendProcessesCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        ScalingProcesses: ['Launch', 'Terminate'],
      });
      await post('processes', { entityRef: FLEET, action: 'resume', processes: ['Launch'], reason: 'incident over' });
      expect(aws.asg).toHaveReceivedCommandWith(ResumeProcessesCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        ScalingProcesses: ['Launch'],
      });
      const bad = await post('processes', { entityRef: FLEET, action: 'suspend', processes: ['Reboot'], reason: 'nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toContain('each process must be one of Launch');
    });

    it('puts a backlog-per-instance target-tracking policy, enabling the group metric first, with a preview', async () => {
      const res = await post('target-tracking', {
        entityRef: FLEET,
        acceptableLatencySeconds: 300,
        averageProcessingSeconds: 30,
        reason: 'AWS-recommended backlog scaling',
      });
      expect(res.status).toBe(200);
      expect(res.body.preview).toEqual({
        targetBacklogPerInstance: 10,
        visible: 60,
        inService: 4,
        currentBacklogPerInstance: 15,
        wouldSetDesiredCapacity: 6,
        // 6 instances: 1 base + ceil(5 x 30 %) = 3 on-demand, 3 spot
        hourlyUsdAtThatCapacity: 2.052,
      });
      const sent = aws.asg.calls().map(c => c.args[0].constructor.name);
      expect(sent.indexOf('EnableMetricsCollectionCommand')).toBeLessThan(sent.indexOf('PutScalingPolicyCommand'));
      expect(aws.asg).toHaveReceivedCommandWith(EnableMetricsCollectionCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        Granularity: '1Minute',
        Metrics: ['GroupInServiceInstances'],
      });
      expect(aws.asg).toHaveReceivedCommandWith(PutScalingPolicyCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        PolicyName: 'platform-ops-backlog-per-instance',
        PolicyType: 'TargetTrackingScaling',
        EstimatedInstanceWarmup: 300,
        TargetTrackingConfiguration: {
          TargetValue: 10,
          CustomizedMetricSpecification: {
            Metrics: [
              {
                Id: 'm1',
                Label: 'Visible messages',
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/SQS',
                    MetricName: 'ApproximateNumberOfMessagesVisible',
                    Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs' }],
                  },
                  Stat: 'Sum',
                },
                ReturnData: false,
              },
              {
                Id: 'm2',
                Label: 'In-service instances',
                MetricStat: {
                  Metric: {
                    Namespace: 'AWS/AutoScaling',
                    MetricName: 'GroupInServiceInstances',
                    Dimensions: [{ Name: 'AutoScalingGroupName', Value: 'prod-gpu-workers' }],
                  },
                  Stat: 'Average',
                },
                ReturnData: false,
              },
              { Id: 'e1', Label: 'Backlog per instance', Expression: 'm1 / m2', ReturnData: true },
            ],
          },
        },
      });
    });

    it('needs the scaling-policy permission for a policy (owner of scale is not enough)', async () => {
      const res = await post(
        'target-tracking',
        { entityRef: FLEET, acceptableLatencySeconds: 300, averageProcessingSeconds: 30, reason: 'try' },
        NON_OWNER,
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('platform-ops.fleet.scaling-policy');
      expectNoChangeSent();
    });

    it('puts a "dev to zero at night" scheduled action and deletes it', async () => {
      const put = await post('scheduled-actions', {
        entityRef: FLEET,
        name: 'night-off',
        recurrence: '0 20 * * 1-5',
        timeZone: 'Europe/Paris',
        minSize: 0,
        desiredCapacity: 0,
        reason: 'no jobs at night',
      });
      expect(put.status).toBe(200);
      expect(aws.asg).toHaveReceivedCommandWith(PutScheduledUpdateGroupActionCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        ScheduledActionName: 'night-off',
        Recurrence: '0 20 * * 1-5',
        TimeZone: 'Europe/Paris',
        MinSize: 0,
        DesiredCapacity: 0,
      });
      const badCron = await post('scheduled-actions', { entityRef: FLEET, name: 'x', recurrence: 'every night', desiredCapacity: 0, reason: 'bad cron' });
      expect(badCron.status).toBe(400);
      expect(badCron.body.error.message).toContain('recurrence "every night" is not an Auto Scaling cron expression: must have five fields');

      const missing = await post('scheduled-actions/delete', { entityRef: FLEET, name: 'night-off', reason: 'back to 24/7' });
      expect(missing.status).toBe(404);
      aws.asg.on(DescribeScheduledActionsCommand).resolves({
        ScheduledUpdateGroupActions: [
          { AutoScalingGroupName: 'prod-gpu-workers', ScheduledActionName: 'night-off', Recurrence: '0 20 * * 1-5' },
        ],
      });
      const del = await post('scheduled-actions/delete', { entityRef: FLEET, name: 'night-off', reason: 'back to 24/7' });
      expect(del.status).toBe(200);
      expect(aws.asg).toHaveReceivedCommandWith(DeleteScheduledActionCommand, {
        AutoScalingGroupName: 'prod-gpu-workers',
        ScheduledActionName: 'night-off',
      });
    });

    it.each([
      ['Throttling', 400, 503],
      ['AccessDenied', 403, 403],
      ['ValidationError', 400, 400],
    ])('when AWS answers %s (HTTP %s) to the change, the user gets %s and history says failed', async (code, http, expected) => {
      aws.asg.on(SetDesiredCapacityCommand).rejects(awsError(code, http, `${code}: refused`));
      const res = await post('desired-capacity', { entityRef: FLEET, desiredCapacity: 3, reason: 'scale down' });
      expect(res.status).toBe(expected);
      const history = await get(`/fleets/history?entityRef=${FLEET}`);
      expect(history.body.items[0]).toMatchObject({ status: 'failed', input: { desiredCapacity: 3 } });
    });

    it('404s a change to a group the catalog declares but AWS does not have', async () => {
      aws.asg.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
      const res = await post('desired-capacity', { entityRef: FLEET, desiredCapacity: 3, reason: 'scale' });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain('Auto Scaling group prod-gpu-workers');
      expectNoChangeSent();
    });
  });
});
