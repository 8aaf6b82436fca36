import { MINUTE, PROD, STAGING, errorOf, testAccount } from './testUtils/testAccount';

const PROD_URL = 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs';
const PROD_DLQ_URL = 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs-dlq';
const PROD_DLQ_ARN = 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs-dlq';

async function depth(call: ReturnType<typeof testAccount>['call'], url: string) {
  const { Attributes } = await call('sqs', 'GetQueueAttributes', {
    QueueUrl: url,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
  });
  return { visible: Number(Attributes.ApproximateNumberOfMessages), notVisible: Number(Attributes.ApproximateNumberOfMessagesNotVisible) };
}

describe('simulated SQS', () => {
  it('answers GetQueueUrl, and QueueDoesNotExist (wire code AWS.SimpleQueueService.NonExistentQueue) for unknown queues', async () => {
    const { call } = testAccount();
    expect(await call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' })).toEqual({ QueueUrl: PROD_URL });
    const error = await errorOf(call('sqs', 'GetQueueUrl', { QueueName: 'prod-video-jobs' }, STAGING));
    expect(error.name).toBe('QueueDoesNotExist');
    expect(error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('reports attributes with the redrive policy (DLQ after 3 receives) and refuses unknown attribute names', async () => {
    const { call } = testAccount();
    const { Attributes } = await call('sqs', 'GetQueueAttributes', { QueueUrl: PROD_URL, AttributeNames: ['All'] });
    expect(JSON.parse(Attributes.RedrivePolicy)).toEqual({ deadLetterTargetArn: PROD_DLQ_ARN, maxReceiveCount: 3 });
    expect(Attributes).toMatchObject({ QueueArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs', VisibilityTimeout: '300' });
    for (const key of ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']) {
      expect(Attributes[key]).toMatch(/^\d+$/);
    }
    const bad = await errorOf(call('sqs', 'GetQueueAttributes', { QueueUrl: PROD_URL, AttributeNames: ['Depth'] }));
    expect(bad.name).toBe('InvalidAttributeName');
  });

  it('builds a backlog while the fleet is at zero and drains it once workers are InService', async () => {
    const { call, clock } = testAccount();
    await call('autoScaling', 'UpdateAutoScalingGroup', { AutoScalingGroupName: 'prod-gpu-workers', MinSize: 0, DesiredCapacity: 0 });
    clock.advance(40 * MINUTE);
    const backlog = await depth(call, PROD_URL);
    // ~130 jobs/h around the day's peak: 40 minutes without workers leave dozens waiting.
    expect(backlog.visible).toBeGreaterThan(60);
    expect(backlog.notVisible).toBe(0);

    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 10 });
    clock.advance(2 * MINUTE);
    // Still booting: nobody receives yet.
    expect((await depth(call, PROD_URL)).visible).toBeGreaterThanOrEqual(backlog.visible);
    clock.advance(6 * MINUTE);
    expect((await depth(call, PROD_URL)).notVisible).toBeGreaterThan(0);
    clock.advance(50 * MINUTE);
    expect((await depth(call, PROD_URL)).visible).toBeLessThan(backlog.visible / 4);
  });

  it('sends jobs that keep failing to the DLQ after maxReceiveCount, and a move task redrives them', async () => {
    const { account, call, clock } = testAccount();
    const before = (await depth(call, PROD_DLQ_URL)).visible;
    // Enough workers that retries are not stuck behind new jobs (FIFO-ish standard queue).
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 16 });
    account.faults.set({ jobFailureRate: 1 });
    clock.advance(20 * MINUTE);
    // Three failed receives take at least 2 visibility timeouts (300 s) before the move.
    const early = (await depth(call, PROD_DLQ_URL)).visible;
    clock.advance(60 * MINUTE);
    const grown = (await depth(call, PROD_DLQ_URL)).visible;
    expect(grown).toBeGreaterThan(before + 20);
    expect(grown).toBeGreaterThan(early);

    account.faults.clear();
    const { TaskHandle } = await call('sqs', 'StartMessageMoveTask', { SourceArn: PROD_DLQ_ARN, MaxNumberOfMessagesPerSecond: 1 });
    expect(TaskHandle).toEqual(expect.any(String));
    const again = await errorOf(call('sqs', 'StartMessageMoveTask', { SourceArn: PROD_DLQ_ARN }));
    expect(again.name).toBe('UnsupportedOperation');
    clock.advance(10_000);
    const running = (await call('sqs', 'ListMessageMoveTasks', { SourceArn: PROD_DLQ_ARN })).Results[0];
    expect(running).toMatchObject({ Status: 'RUNNING', TaskHandle, ApproximateNumberOfMessagesToMove: grown });
    expect(running.ApproximateNumberOfMessagesMoved).toBe(10);
    clock.advance(5 * MINUTE);
    const done = (await call('sqs', 'ListMessageMoveTasks', { SourceArn: PROD_DLQ_ARN })).Results[0];
    expect(done).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: grown });
    expect(done.TaskHandle).toBeUndefined();
    // Only jobs still failing from before the fix was cleared arrive after the move.
    expect((await depth(call, PROD_DLQ_URL)).visible).toBeLessThan(grown / 4);
  });

  it('cancels a running move task and refuses tasks on a queue that is not a DLQ', async () => {
    const { account, call, clock } = testAccount();
    await call('autoScaling', 'SetDesiredCapacity', { AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 16 });
    account.faults.set({ jobFailureRate: 1 });
    clock.advance(60 * MINUTE);
    const { TaskHandle } = await call('sqs', 'StartMessageMoveTask', { SourceArn: PROD_DLQ_ARN, MaxNumberOfMessagesPerSecond: 1 });
    clock.advance(3_000);
    expect(await call('sqs', 'CancelMessageMoveTask', { TaskHandle })).toEqual({ ApproximateNumberOfMessagesMoved: 3 });
    expect((await call('sqs', 'ListMessageMoveTasks', { SourceArn: PROD_DLQ_ARN })).Results[0].Status).toBe('CANCELLED');
    const unknown = await errorOf(call('sqs', 'CancelMessageMoveTask', { TaskHandle: 'nope' }));
    expect(unknown.name).toBe('ResourceNotFoundException');
    const notDlq = await errorOf(call('sqs', 'StartMessageMoveTask', { SourceArn: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs' }));
    expect(notDlq.name).toBe('UnsupportedOperation');
    expect(PROD).toBeDefined();
  });
});
