import {
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import { GetHostedZoneCommand, GetHostedZoneCommandInput } from '@aws-sdk/client-route-53';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { SimulatedAwsHandler, SimulatedCall } from './simulatorContract';
import { createTestGateway } from '../testUtils/createTestGateway';

const prod = { accountId: '410987654321', region: 'us-east-1' };

/** An error as the simulated account throws it: SDK-shaped, so the SDK treats it as AWS's. */
function simulatedAwsError(name: string, httpStatusCode: number) {
  return Object.assign(new Error(`${name} (simulated)`), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode },
  });
}

/** A fake simulated account: records calls, answers from `answer`. */
function fakeAccount(answer: (call: SimulatedCall, n: number) => Record<string, unknown>) {
  const calls: SimulatedCall[] = [];
  const handler: SimulatedAwsHandler = {
    async handle(call) {
      calls.push(call);
      return answer(call, calls.length);
    },
  };
  return { handler, calls };
}

function simulatedGateway(handler: SimulatedAwsHandler, aws: object = {}) {
  return createTestGateway({ platformOps: { aws: { mode: 'simulated', ...aws } } }, handler)
    .gateway;
}

describe('simulated mode: the real SDK clients answered by the simulated account', () => {
  it('hands the handler the input the real client serialised, and returns its answer as output', async () => {
    const account = fakeAccount(() => ({
      AutoScalingGroups: [{ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 6 }],
    }));
    const gateway = simulatedGateway(account.handler);

    const out = await gateway.send(
      prod,
      'autoScaling',
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['prod-gpu-workers'] }),
    );
    await gateway.send(
      { accountId: '310987654321', region: 'us-west-2' },
      'autoScaling',
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 8 }),
    );

    expect(gateway.mode).toBe('simulated');
    expect(out.AutoScalingGroups?.[0].DesiredCapacity).toBe(6);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(account.calls.map(({ request, ...rest }) => rest)).toEqual([
      {
        service: 'autoScaling',
        operation: 'DescribeAutoScalingGroups',
        input: { AutoScalingGroupNames: ['prod-gpu-workers'] },
        location: prod,
      },
      {
        service: 'autoScaling',
        operation: 'SetDesiredCapacity',
        input: { AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: 8 },
        location: { accountId: '310987654321', region: 'us-west-2' },
      },
    ]);
    // The real query-protocol serializer built the wire request from that input.
    const body = new URLSearchParams(account.calls[1].request?.body);
    expect(account.calls[1].request?.method).toBe('POST');
    expect(body.get('Action')).toBe('SetDesiredCapacity');
    expect(body.get('AutoScalingGroupName')).toBe('staging-gpu-workers');
    expect(body.get('DesiredCapacity')).toBe('8');
    expect(gateway.ledger().byOperation).toEqual({
      'AutoScaling.DescribeAutoScalingGroups': 1,
      'AutoScaling.SetDesiredCapacity': 1,
    });
  });

  it('runs the real serializer before the handler: a request it cannot build never reaches it', async () => {
    const account = fakeAccount(() => ({}));
    const gateway = simulatedGateway(account.handler);

    // Route 53 puts Id in the URL path (/2013-04-01/hostedzone/{Id}): without it the
    // REST-XML serializer refuses to build the request.
    const error = await gateway
      .send(prod, 'route53', new GetHostedZoneCommand({} as GetHostedZoneCommandInput))
      .catch(e => e);
    await gateway.send(prod, 'route53', new GetHostedZoneCommand({ Id: 'Z0PROD' }));

    expect(error.message).toContain('Id');
    expect(account.calls).toHaveLength(1);
    expect(account.calls[0].request?.path).toBe('/2013-04-01/hostedzone/Z0PROD');
  });

  it('a simulated throttle is retried by the SDK, then succeeds', async () => {
    const account = fakeAccount((_call, n) => {
      if (n === 1) throw simulatedAwsError('ThrottlingException', 400);
      return { Attributes: { ApproximateNumberOfMessages: '7' } };
    });
    const gateway = simulatedGateway(account.handler, { retry: { maxAttempts: 3 } });

    const out = await gateway.send(
      prod,
      'sqs',
      new GetQueueAttributesCommand({
        QueueUrl: 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs',
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );

    expect(out.Attributes?.ApproximateNumberOfMessages).toBe('7');
    expect(account.calls).toHaveLength(2);
    expect(out.$metadata.attempts).toBe(2);
    expect(gateway.ledger().total).toBe(1); // one call asked for, whatever the retries
  });

  it('throttling that outlasts maxAttempts -> 503 with retry-after', async () => {
    const account = fakeAccount(() => {
      throw simulatedAwsError('Throttling', 400);
    });
    const gateway = simulatedGateway(account.handler, {
      retry: { maxAttempts: 2, throttledRetryAfterSeconds: 7 },
    });

    const error = await gateway
      .send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }))
      .catch(e => e);

    expect(account.calls).toHaveLength(2);
    expect(error).toMatchObject({ name: 'ServiceUnavailableError', retryAfterSeconds: 7 });
  });

  it('a simulated AccessDenied is not retried and reads like the real one', async () => {
    const account = fakeAccount(() => {
      throw simulatedAwsError('AccessDenied', 403);
    });
    const gateway = simulatedGateway(account.handler, { retry: { maxAttempts: 3 } });

    const error = await gateway
      .send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }))
      .catch(e => e);

    expect(account.calls).toHaveLength(1);
    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message: 'the platform-ops role in 410987654321 may not call autoscaling:SetDesiredCapacity',
    });
  });

  it("refuses, as AWS would, an input that breaks AWS's API model, before the simulated account sees it", async () => {
    const account = fakeAccount(() => ({}));
    const gateway = simulatedGateway(account.handler);
    // MinSize is no member of SetDesiredCapacity: the SDK would drop it on the way to AWS,
    // a simulator reading the input would act on it.
    const sneaky = new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 2 });
    Object.assign(sneaky.input, { MinSize: 0 });

    const error = await gateway.send(prod, 'autoScaling', sneaky).catch(e => e);
    expect(error).toMatchObject({ name: 'InputError' });
    expect(error.message).toContain('AWS rejected AutoScaling.SetDesiredCapacity in 410987654321/us-east-1');
    expect(error.message).toContain("'MinSize' is not a member of this structure");
    expect(account.calls).toEqual([]);
  });
});
