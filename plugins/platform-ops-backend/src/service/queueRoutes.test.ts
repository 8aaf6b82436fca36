import { DescribeAlarmsCommand, GetMetricDataCommand, MetricAlarm, StateValue } from '@aws-sdk/client-cloudwatch';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockCredentials } from '@backstage/backend-test-utils';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { awsError, mockAwsClients } from '../fleet/__testUtils__/awsFixtures';
import { NON_OWNER, OWNER, startFleetBackend } from '../fleet/__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

const QUEUE = 'resource:default/prod-jobs-queue';
const PROD_URL = 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs';
const DLQ_ARN = 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq';

describe('queue routes', () => {
  const aws = mockAwsClients();
  let server: Awaited<ReturnType<typeof startFleetBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startFleetBackend());
  });
  beforeEach(() => aws.answerDefaults());

  const get = (path: string) =>
    request(server).get(`/api/platform-ops${path}`).set('Authorization', mockCredentials.user.header(NON_OWNER));
  const redrive = (body: object, user = OWNER) =>
    request(server)
      .post('/api/platform-ops/queues/redrive')
      .set('Authorization', mockCredentials.user.header(user))
      .send(body);

  it('answers a page of the list when asked, and a clear 400 for a page it cannot serve', async () => {
    const whole = await get('/queues');
    expect(whole.status).toBe(200);
    expect(whole.body.page).toBeUndefined();
    const page = await get('/queues?offset=0&limit=1');
    expect(page.status).toBe(200);
    expect(page.body.queues).toEqual(whole.body.queues.slice(0, 1));
    expect(page.body.page).toEqual({ offset: 0, limit: 1, total: whole.body.queues.length });
    for (const [query, message] of [
      ['limit=0', 'limit must be between 1 and 500'],
      ['limit=501', 'limit must be between 1 and 500'],
      ['limit=ten', 'limit must be a number'],
      ['offset=-1&limit=10', 'offset must be 0 or more'],
      ['offset=1.5&limit=10', 'offset must be a whole number'],
    ]) {
      const res = await get(`/queues?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('answers only the queues needing attention when asked, in order and paged after the filter; 400 on other values', async () => {
    // prod's DLQ alarm fires; every other queue has depth, a young oldest message and no alarm.
    aws.cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: 'prod-video-jobs-dlq-not-empty',
          StateValue: 'ALARM',
          StateUpdatedTimestamp: new Date('2026-11-20T11:40:00.000Z'),
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Threshold: 5,
          Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs-dlq' }],
        },
      ],
    });
    const whole = await get('/queues');
    expect(whole.body.queues.length).toBeGreaterThan(1);
    const healthy = whole.body.queues.filter((q: { entityRef: string }) => q.entityRef !== QUEUE);
    expect(healthy.every((q: { alarms: unknown[]; depthAsOf?: string }) => q.alarms.length === 0 && q.depthAsOf)).toBe(true);

    const attention = await get('/queues?needsAttention=true');
    expect(attention.status).toBe(200);
    expect(attention.body.queues).toEqual(whole.body.queues.filter((q: { entityRef: string }) => q.entityRef === QUEUE));
    expect(attention.body.queues[0].alarms.map((a: { state: string }) => a.state)).toEqual(['ALARM']);
    // The page counts what the filter kept.
    const page = await get('/queues?needsAttention=true&offset=0&limit=10');
    expect(page.body.page).toEqual({ offset: 0, limit: 10, total: 1 });
    // The unfiltered list is still whole after a filtered read (the two are cached apart).
    expect((await get('/queues')).body.queues).toEqual(whole.body.queues);

    for (const value of ['maybe', 'false', '1', '']) {
      const res = await get(`/queues?needsAttention=${value}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('needsAttention must be true (or left out for every item)');
    }
  });

  it("shows one queue live from SQS, with every chart's series and the queue alarms", async () => {
    aws.sqs.on(GetQueueAttributesCommand, { QueueUrl: `${PROD_URL}-dlq` }).resolves({
      Attributes: { ApproximateNumberOfMessages: '7', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0' },
    });
    aws.cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'q0_oldestAgeSeconds', Timestamps: [new Date('2026-11-20T11:58:00Z'), new Date('2026-11-20T11:59:00Z')], Values: [120, 180] },
      ],
    });
    aws.cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        { AlarmName: 'prod-queue-depth', StateValue: 'ALARM', StateUpdatedTimestamp: new Date('2026-11-20T11:58:00.000Z'), Period: 60, EvaluationPeriods: 3, Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 100, Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs' }] },
        { AlarmName: 'other-service', StateValue: 'OK', Namespace: 'AWS/SQS', Dimensions: [{ Name: 'QueueName', Value: 'someone-elses-queue' }] },
        { AlarmName: 'cpu', StateValue: 'OK', Namespace: 'AWS/EC2' },
      ],
    });

    const res = await get(`/queues/by-entity?entityRef=${QUEUE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: QUEUE,
      queueUrl: PROD_URL,
      found: true,
      visible: 60,
      inFlight: 3,
      delayed: 0,
      dlqName: 'prod-video-jobs-dlq',
      dlqVisible: 7,
      depthSource: 'sqs',
      drainedBy: ['resource:default/prod-gpu-fleet'],
    });
    expect(res.body.depthAsOf).toBeUndefined();
    expect(res.body.series.oldestAgeSeconds).toEqual([
      { timestamp: '2026-11-20T11:58:00.000Z', value: 120 },
      { timestamp: '2026-11-20T11:59:00.000Z', value: 180 },
    ]);
    expect(res.body.alarms).toEqual([
      expect.objectContaining({ name: 'prod-queue-depth', state: 'ALARM', threshold: 100, stateUpdatedAt: '2026-11-20T11:58:00.000Z', queueName: 'prod-video-jobs', evaluationSeconds: 180 }),
    ]);
    // The queue's own read keeps GetQueueAttributes (live), for the queue and its DLQ.
    for (const QueueUrl of [PROD_URL, `${PROD_URL}-dlq`]) {
      expect(aws.sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, {
        QueueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
        ],
      });
    }
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 2);
    // The environment's list read (alarms, drained-by) and the queue's charts: one call each.
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    const charts = aws.cw.commandCalls(GetMetricDataCommand)[1].args[0].input;
    expect(charts.ScanBy).toBe('TimestampAscending');
    expect(charts.MetricDataQueries?.map(q => [q.Id, q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat])).toEqual([
      ['q0_visible', 'ApproximateNumberOfMessagesVisible', 'Maximum'],
      ['q0_inFlight', 'ApproximateNumberOfMessagesNotVisible', 'Maximum'],
      ['q0_delayed', 'ApproximateNumberOfMessagesDelayed', 'Maximum'],
      ['q0_oldestAgeSeconds', 'ApproximateAgeOfOldestMessage', 'Maximum'],
      ['q0_dlqVisible', 'ApproximateNumberOfMessagesVisible', 'Maximum'],
      ['q0_sent', 'NumberOfMessagesSent', 'Sum'],
      ['q0_deleted', 'NumberOfMessagesDeleted', 'Sum'],
    ]);
    expect(charts.MetricDataQueries?.[4]).toEqual({
      Id: 'q0_dlqVisible',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: 'prod-video-jobs-dlq' }],
        },
        Period: 60,
        Stat: 'Maximum',
      },
      ReturnData: true,
    });
    expect(aws.cw).toHaveReceivedCommandWith(DescribeAlarmsCommand, { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 });
  });

  it('lists depths from CloudWatch without one SQS call per queue, the full hour on request', async () => {
    aws.cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'q0_visible', Timestamps: [new Date('2026-11-20T11:58:00Z'), new Date('2026-11-20T11:59:00Z')], Values: [50, 60] },
        { Id: 'q0_inFlight', Timestamps: [new Date('2026-11-20T11:59:00Z')], Values: [4] },
        { Id: 'q0_delayed', Timestamps: [new Date('2026-11-20T11:59:00Z')], Values: [1] },
        { Id: 'q0_oldestAgeSeconds', Timestamps: [new Date('2026-11-20T11:58:00Z'), new Date('2026-11-20T11:59:00Z')], Values: [180, 240] },
        { Id: 'q0_dlqVisible', Timestamps: [new Date('2026-11-20T11:58:00Z')], Values: [9] },
      ],
    });
    const list = await get('/queues?environment=prod');
    expect(list.status).toBe(200);
    expect(list.body.queues[0]).toMatchObject({
      visible: 60,
      inFlight: 4,
      delayed: 1,
      dlqVisible: 9,
      depthSource: 'cloudwatch',
      depthAsOf: '2026-11-20T11:59:00.000Z',
      oldestAgeSeconds: 240,
    });
    // The table's fields only: no series, URLs or account (the queue's own read has them).
    expect(Object.keys(list.body.queues[0]).sort()).toEqual(
      ['alarms', 'alarmsOk', 'delayed', 'depthAsOf', 'depthSource', 'dlqName', 'dlqVisible', 'drainedBy', 'entityRef', 'environment', 'found', 'inFlight', 'oldestAgeSeconds', 'queueName', 'visible'].sort(),
    );
    expect(list.body.problems).toBeUndefined();
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 0);
    // Compressed by the route (once per cached answer), plain for a client that takes no gzip.
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    const plain = await get('/queues?environment=prod').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text).queues[0]).toMatchObject({ visible: 60, depthSource: 'cloudwatch' });
    expect(aws.cw.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries?.map(q => q.Id)).toEqual([
      'q0_visible',
      'q0_inFlight',
      'q0_delayed',
      'q0_oldestAgeSeconds',
      'q0_dlqVisible',
    ]);
    const full = await get('/queues?environment=prod&series=full');
    expect(full.body.queues[0].series.visible).toHaveLength(2);
    expect(aws.cw.commandCalls(GetMetricDataCommand).at(-1)?.args[0].input.MetricDataQueries?.map(q => q.Id)).toContain('q0_sent');
    expect((await get('/queues?series=some')).status).toBe(400);
  });

  it('lists alarms not in OK without their reason and only counts those in OK; the queue itself keeps them all', async () => {
    const alarm = (name: string, queue: string, state: StateValue, metricName: string, threshold: number): MetricAlarm => ({
      AlarmName: name,
      StateValue: state,
      StateReason: `Threshold Crossed: 1 datapoint for ${name}`,
      StateUpdatedTimestamp: new Date('2026-11-20T11:40:00.000Z'),
      Period: 60,
      EvaluationPeriods: 5,
      Namespace: 'AWS/SQS',
      MetricName: metricName,
      Threshold: threshold,
      Dimensions: [{ Name: 'QueueName', Value: queue }],
    });
    aws.cw.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        alarm('prod-video-jobs-dlq-not-empty', 'prod-video-jobs-dlq', 'ALARM', 'ApproximateNumberOfMessagesVisible', 5),
        alarm('prod-video-jobs-oldest-message-age', 'prod-video-jobs', 'OK', 'ApproximateAgeOfOldestMessage', 900),
        alarm('prod-video-jobs-depth', 'prod-video-jobs', 'OK', 'ApproximateNumberOfMessagesVisible', 1000),
        alarm('prod-video-jobs-in-flight', 'prod-video-jobs', 'INSUFFICIENT_DATA', 'ApproximateNumberOfMessagesNotVisible', 50),
      ],
    });
    const list = await get('/queues?environment=prod');
    expect(list.status).toBe(200);
    const item = list.body.queues.find((q: { entityRef: string }) => q.entityRef === QUEUE);
    expect(item.alarms).toEqual([
    // The queue's own alarms, then its DLQ's.
      {
        name: 'prod-video-jobs-in-flight',
        state: 'INSUFFICIENT_DATA',
        metricName: 'ApproximateNumberOfMessagesNotVisible',
        threshold: 50,
        stateUpdatedAt: '2026-11-20T11:40:00.000Z',
        queueName: 'prod-video-jobs',
        evaluationSeconds: 300,
      },
      {
        name: 'prod-video-jobs-dlq-not-empty',
        state: 'ALARM',
        metricName: 'ApproximateNumberOfMessagesVisible',
        threshold: 5,
        stateUpdatedAt: '2026-11-20T11:40:00.000Z',
        queueName: 'prod-video-jobs-dlq',
        evaluationSeconds: 300,
      },
    ]);
    expect(item.alarmsOk).toBe(2);
    // The age alarm is OK, yet its threshold is listed: the health strip warns before it fires.
    expect(item.ageAlarmThreshold).toBe(900);
    expect(list.text).not.toContain('Threshold Crossed');
    expect(list.text).not.toContain('prod-video-jobs-depth');

    const own = await get(`/queues/by-entity?entityRef=${QUEUE}`);
    expect(own.body.alarms.map((a: { name: string; state: string; reason?: string }) => [a.name, a.state, a.reason])).toEqual([
      ['prod-video-jobs-oldest-message-age', 'OK', 'Threshold Crossed: 1 datapoint for prod-video-jobs-oldest-message-age'],
      ['prod-video-jobs-depth', 'OK', 'Threshold Crossed: 1 datapoint for prod-video-jobs-depth'],
      ['prod-video-jobs-in-flight', 'INSUFFICIENT_DATA', 'Threshold Crossed: 1 datapoint for prod-video-jobs-in-flight'],
      ['prod-video-jobs-dlq-not-empty', 'ALARM', 'Threshold Crossed: 1 datapoint for prod-video-jobs-dlq-not-empty'],
    ]);
    const full = await get('/queues?environment=prod&series=full');
    expect(full.body.queues.find((q: { entityRef: string }) => q.entityRef === QUEUE).alarms).toHaveLength(4);
  });

  it('lists a queue without alarms with none counted and no age threshold', async () => {
    const list = await get('/queues?environment=prod');
    const item = list.body.queues.find((q: { entityRef: string }) => q.entityRef === QUEUE);
    expect(item).toMatchObject({ alarms: [], alarmsOk: 0 });
    expect(item).not.toHaveProperty('ageAlarmThreshold');
  });

  it('shows a queue AWS does not have as missing on its own read, and as no data in the list', async () => {
    aws.sqs.on(GetQueueAttributesCommand).rejects(awsError('AWS.SimpleQueueService.NonExistentQueue', 400, 'The specified queue does not exist.'));
    aws.cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const res = await get(`/queues/by-entity?entityRef=${QUEUE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entityRef: QUEUE, found: false });
    const list = await get('/queues?environment=prod');
    expect(list.status).toBe(200);
    expect(list.body.queues[0]).toMatchObject({ entityRef: QUEUE, depthSource: 'cloudwatch' });
    expect(list.body.queues[0].depthAsOf).toBeUndefined();
  });

  it('falls back to SQS and names cloudwatch:GetMetricData in problems when CloudWatch refuses the list', async () => {
    aws.cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 403, 'User is not authorized to perform: cloudwatch:GetMetricData'));
    for (const path of ['/queues', '/queues?environment=prod']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      const prod = res.body.queues.find((q: { entityRef: string }) => q.entityRef === QUEUE);
      expect(prod).toMatchObject({ visible: 60, inFlight: 3, depthSource: 'sqs', found: true });
      expect(res.body.problems).toContainEqual({
        environment: 'prod',
        message: 'queue depth from CloudWatch unavailable in 410987654321/us-east-1: cloudwatch:GetMetricData denied',
        iamAction: 'cloudwatch:GetMetricData',
        fallback: expect.stringContaining('GetQueueAttributes'),
      });
    }
    expect(aws.sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, { QueueUrl: `${PROD_URL}-dlq` });
  });

  it('maps AWS refusals on a queue read: throttling 503, AccessDenied 403', async () => {
    aws.cw.on(GetMetricDataCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
    expect((await get(`/queues/by-entity?entityRef=${QUEUE}`)).status).toBe(503);
    expect((await get('/queues?environment=prod')).status).toBe(503);
    aws.cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 403, 'not authorized to cloudwatch:GetMetricData'));
    const denied = await get(`/queues/by-entity?entityRef=${QUEUE}`);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain('cloudwatch:GetMetricData');
  });

  it('redrives the DLQ to its queue with the exact command, and shows progress', async () => {
    aws.sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
    aws.sqs.on(ListMessageMoveTasksCommand).resolves({
      Results: [{ TaskHandle: 'task-1', Status: 'RUNNING', SourceArn: DLQ_ARN, ApproximateNumberOfMessagesMoved: 3, ApproximateNumberOfMessagesToMove: 7 }],
    });
    const res = await redrive({ entityRef: QUEUE, maxNumberOfMessagesPerSecond: 10, reason: 'poison message fixed in v2.3' });
    expect(res.status).toBe(200);
    expect(res.body.mutation).toMatchObject({ status: 'succeeded', result: { calls: 1, taskHandle: 'task-1' } });
    expect(aws.sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      SourceArn: DLQ_ARN,
      DestinationArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs',
      MaxNumberOfMessagesPerSecond: 10,
    });

    const progress = await get(`/queues/redrive?entityRef=${QUEUE}`);
    expect(progress.status).toBe(200);
    expect(aws.sqs).toHaveReceivedCommandWith(ListMessageMoveTasksCommand, { SourceArn: DLQ_ARN, MaxResults: 10 });
    expect(progress.body.tasks).toEqual([
      expect.objectContaining({ status: 'RUNNING', approximateNumberOfMessagesMoved: 3, approximateNumberOfMessagesToMove: 7 }),
    ]);
    const history = await get(`/queues/history?entityRef=${QUEUE}`);
    expect(history.body.items[0]).toMatchObject({ action: 'queue-redrive-dlq', reason: 'poison message fixed in v2.3' });
  });

  it('refuses a non-owner redrive, and a dry-run sends nothing', async () => {
    const refused = await redrive({ entityRef: QUEUE, reason: 'let me' }, NON_OWNER);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('platform-ops.queue.redrive');
    const dry = await redrive({ entityRef: QUEUE, reason: 'check first', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.mutation.plan).toEqual([
      expect.objectContaining({
        command: 'StartMessageMoveTaskCommand',
        input: { SourceArn: DLQ_ARN, DestinationArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs' },
      }),
    ]);
    expect(aws.sqs).not.toHaveReceivedCommand(StartMessageMoveTaskCommand);
  });

  it('400s bad input and 404s a non-queue, calling nothing', async () => {
    const bad = await redrive({ entityRef: QUEUE, maxNumberOfMessagesPerSecond: 0, reason: 'go' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('maxNumberOfMessagesPerSecond must be between 1 and 500');
    const fleet = await redrive({ entityRef: 'resource:default/prod-gpu-fleet', reason: 'wrong entity' });
    expect(fleet.status).toBe(404);
    expect(aws.sqs.calls()).toHaveLength(0);
  });

  it('maps AWS refusing the redrive (a move task already running) to a clear 4xx', async () => {
    aws.sqs.on(StartMessageMoveTaskCommand).rejects(awsError('AccessDenied', 403, 'not authorized to sqs:StartMessageMoveTask'));
    const res = await redrive({ entityRef: QUEUE, reason: 'again' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('StartMessageMoveTask');
  });
});
