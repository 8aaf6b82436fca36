import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from '@aws-sdk/client-auto-scaling';
import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  DBInstanceNotFoundFault,
  RDSClient,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import {
  QueueDoesNotExist,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createTestGateway } from '../testUtils/createTestGateway';
import { AwsThrottledError } from './errors';

const prod = { accountId: '410987654321', region: 'us-east-1' };
const config = {
  aws: {
    accounts: [
      { accountId: '410987654321', accessKeyId: 'AKIAPRODEXAMPLE00001', secretAccessKey: 'prod-secret' },
    ],
  },
  platformOps: { aws: { mode: 'aws' } },
};

/** An error shaped like the SDK's ServiceException for an AWS error code. */
function awsError(name: string, httpStatusCode: number, message: string) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-123' },
  });
}

describe('DefaultAwsGateway (SDK clients mocked)', () => {
  const asg = mockClient(AutoScalingClient);
  const sqs = mockClient(SQSClient);
  const rds = mockClient(RDSClient);
  const ce = mockClient(CostExplorerClient);
  const budgets = mockClient(BudgetsClient);

  beforeEach(() => {
    asg.reset();
    sqs.reset();
    rds.reset();
    ce.reset();
    budgets.reset();
  });

  it('sends the exact command and input, returns the output and counts the call', async () => {
    asg.on(SetDesiredCapacityCommand).resolves({ $metadata: { httpStatusCode: 200 } });
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: 'prod-gpu-workers',
          MinSize: 4,
          MaxSize: 20,
          DesiredCapacity: 6,
          DefaultCooldown: 600,
          AvailabilityZones: ['us-east-1a'],
          HealthCheckType: 'EC2',
          CreatedTime: new Date('2026-01-01T00:00:00Z'),
        },
      ],
    });
    const { gateway } = createTestGateway(config);

    await gateway.send(
      prod,
      'autoScaling',
      new SetDesiredCapacityCommand({
        AutoScalingGroupName: 'prod-gpu-workers',
        DesiredCapacity: 8,
        HonorCooldown: false,
      }),
    );
    const described = await gateway.send(
      prod,
      'autoScaling',
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ['prod-gpu-workers'] }),
    );

    expect(asg).toHaveReceivedCommandTimes(SetDesiredCapacityCommand, 1);
    expect(asg).toHaveReceivedCommandWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: 'prod-gpu-workers',
      DesiredCapacity: 8,
      HonorCooldown: false,
    });
    expect(asg.commandCalls(SetDesiredCapacityCommand)[0].args[0].input).toEqual({
      AutoScalingGroupName: 'prod-gpu-workers',
      DesiredCapacity: 8,
      HonorCooldown: false,
    });
    expect(described.AutoScalingGroups?.[0].DesiredCapacity).toBe(6);
    expect(gateway.ledger()).toEqual({
      total: 2,
      byOperation: {
        'AutoScaling.DescribeAutoScalingGroups': 1,
        'AutoScaling.SetDesiredCapacity': 1,
      },
    });
  });

  it('previews a command without calling AWS, Cost Explorer in us-east-1', () => {
    const { gateway } = createTestGateway(config);
    const west = { accountId: '410987654321', region: 'us-west-2' };

    const move = gateway.preview(
      west,
      'sqs',
      new StartMessageMoveTaskCommand({
        SourceArn: 'arn:aws:sqs:us-west-2:410987654321:prod-video-jobs-dlq',
        MaxNumberOfMessagesPerSecond: 10,
      }),
    );
    const cost = gateway.preview(
      west,
      'costExplorer',
      new GetCostAndUsageCommand({
        TimePeriod: { Start: '2026-11-01', End: '2026-11-20' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      }),
    );

    expect(move).toEqual({
      service: 'SQS',
      command: 'StartMessageMoveTaskCommand',
      input: {
        SourceArn: 'arn:aws:sqs:us-west-2:410987654321:prod-video-jobs-dlq',
        MaxNumberOfMessagesPerSecond: 10,
      },
      accountId: '410987654321',
      region: 'us-west-2',
    });
    expect(cost.region).toBe('us-east-1');
    expect(cost.command).toBe('GetCostAndUsageCommand');
    expect(sqs.calls()).toHaveLength(0);
    expect(ce.calls()).toHaveLength(0);
    expect(gateway.ledger().total).toBe(0);
  });

  describe('maps AWS errors once, to what the user should read', () => {
    it.each([
      ['AccessDenied', 'autoScaling', 'autoscaling:SetDesiredCapacity'],
      ['AccessDeniedException', 'costExplorer', 'ce:GetCostAndUsage'],
      ['UnauthorizedOperation', 'rds', 'rds:RebootDBInstance'],
      ['AccessDenied', 'sqs', 'sqs:StartMessageMoveTask'],
    ] as const)('%s from %s -> 403 naming %s and the account', async (code, service, action) => {
      const error = awsError(code, 403, 'User: arn:aws:sts::410987654321:assumed-role/x is not authorized');
      asg.on(SetDesiredCapacityCommand).rejects(error);
      ce.on(GetCostAndUsageCommand).rejects(error);
      rds.on(RebootDBInstanceCommand).rejects(error);
      sqs.on(StartMessageMoveTaskCommand).rejects(error);
      const { gateway } = createTestGateway(config);
      const command = {
        autoScaling: new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }),
        costExplorer: new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
        }),
        rds: new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres', ForceFailover: true }),
        sqs: new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:410987654321:dlq' }),
      }[service];

      const failure = gateway.send(prod, service, command);

      await expect(failure).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `the platform-ops role in 410987654321 may not call ${action}`,
      });
      expect(gateway.ledger().total).toBe(1);
    });

    it('names the IAM action where it differs from the API name (Budgets reads)', async () => {
      budgets.on(DescribeBudgetsCommand).rejects(awsError('AccessDeniedException', 400, 'no'));
      const { gateway } = createTestGateway(config);
      await expect(
        gateway.send(prod, 'budgets', new DescribeBudgetsCommand({ AccountId: '410987654321' })),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: 'the platform-ops role in 410987654321 may not call budgets:ViewBudget',
      });
      expect(budgets).toHaveReceivedCommandWith(DescribeBudgetsCommand, { AccountId: '410987654321' });
    });

    it('throttling that outlasted the retries -> 503 with a retry-after', async () => {
      asg.on(SetDesiredCapacityCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
      const { gateway } = createTestGateway(config);

      const error = await gateway
        .send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }))
        .catch(e => e);

      expect(error).toBeInstanceOf(AwsThrottledError);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.retryAfterSeconds).toBe(5);
      expect(error.message).toContain('AutoScaling.SetDesiredCapacity in 410987654321/us-east-1');
    });

    it('a 429 without a known code is throttling too', async () => {
      ce.on(GetCostAndUsageCommand).rejects(awsError('SomethingNew', 429, 'slow down'));
      const { gateway } = createTestGateway({
        ...config,
        platformOps: { aws: { mode: 'aws', retry: { throttledRetryAfterSeconds: 30 } } },
      });
      const error = await gateway
        .send(prod, 'costExplorer', new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-11-02' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
        }))
        .catch(e => e);
      expect(error).toMatchObject({ name: 'ServiceUnavailableError', retryAfterSeconds: 30 });
    });

    it('not found (SQS queue, RDS instance) -> 404', async () => {
      sqs
        .on(StartMessageMoveTaskCommand)
        .rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));
      rds
        .on(RebootDBInstanceCommand)
        .rejects(new DBInstanceNotFoundFault({ message: 'DBInstance prod-postgres not found.', $metadata: {} }));
      const { gateway } = createTestGateway(config);

      await expect(
        gateway.send(prod, 'sqs', new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:410987654321:dlq' })),
      ).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('QueueDoesNotExist') });
      await expect(
        gateway.send(prod, 'rds', new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres' })),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message: expect.stringContaining('DBInstance prod-postgres not found.'),
      });
    });

    it('the query-protocol name AWS.SimpleQueueService.NonExistentQueue -> 404', async () => {
      sqs.on(StartMessageMoveTaskCommand).rejects(awsError('AWS.SimpleQueueService.NonExistentQueue', 400, 'no queue'));
      const { gateway } = createTestGateway(config);
      await expect(
        gateway.send(prod, 'sqs', new StartMessageMoveTaskCommand({ SourceArn: 'arn:aws:sqs:us-east-1:410987654321:dlq' })),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it.each(['ValidationError', 'InvalidParameterValue', 'InvalidParameterCombination'])(
      '%s -> 400 with AWS message',
      async code => {
        asg
          .on(SetDesiredCapacityCommand)
          .rejects(awsError(code, 400, 'New SetDesiredCapacity value 30 is above max value 20 for the AutoScalingGroup.'));
        const { gateway } = createTestGateway(config);
        await expect(
          gateway.send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 30 })),
        ).rejects.toMatchObject({
          name: 'InputError',
          message:
            'AWS rejected AutoScaling.SetDesiredCapacity in 410987654321/us-east-1: New SetDesiredCapacity value 30 is above max value 20 for the AutoScalingGroup.',
        });
      },
    );

    it.each(['InvalidChangeBatch', 'InconsistentQuantities', 'IllegalUpdate', 'InvalidIfMatchVersion'])(
      'the Route 53 / CloudFront change error %s -> 400',
      async code => {
        rds.on(RebootDBInstanceCommand).rejects(awsError(code, 400, 'the change cannot apply'));
        const { gateway } = createTestGateway(config);
        await expect(
          gateway.send(prod, 'rds', new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres' })),
        ).rejects.toMatchObject({ name: 'InputError' });
      },
    );

    it.each(['PreconditionFailed', 'TestFailoverNotAvailableFault'])(
      'the stale-state error %s -> 409',
      async code => {
        rds.on(RebootDBInstanceCommand).rejects(awsError(code, 412, 'changed since read'));
        const { gateway } = createTestGateway(config);
        await expect(
          gateway.send(prod, 'rds', new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres' })),
        ).rejects.toMatchObject({ name: 'ConflictError' });
      },
    );

    it('a resource in the wrong state -> 409', async () => {
      rds.on(RebootDBInstanceCommand).rejects(awsError('InvalidDBInstanceState', 400, 'Instance is rebooting'));
      const { gateway } = createTestGateway(config);
      await expect(
        gateway.send(prod, 'rds', new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres' })),
      ).rejects.toMatchObject({ name: 'ConflictError' });
    });

    it('an unknown AWS error -> a plain 500 error naming the code, without the raw error', async () => {
      const raw = Object.assign(awsError('InternalFailure', 400, 'boom'), {
        $response: { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAPRODEXAMPLE00001/...' } },
      });
      asg.on(SetDesiredCapacityCommand).rejects(raw);
      const { gateway } = createTestGateway(config);
      const error = await gateway
        .send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }))
        .catch(e => e);
      expect(error.name).toBe('Error');
      expect(error.message).toBe('AWS AutoScaling.SetDesiredCapacity in 410987654321/us-east-1 failed: InternalFailure: boom');
      expect(error).not.toHaveProperty('$response');
      expect(error.cause).toBeUndefined();
    });
  });

  it('logs a failed call without the error object, credentials or headers', async () => {
    const raw = Object.assign(awsError('AccessDenied', 403, 'denied for AKIAPRODEXAMPLE00001'), {
      $response: { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAPRODEXAMPLE00001 Signature=abcdef0123' } },
    });
    asg.on(SetDesiredCapacityCommand).rejects(raw);
    const { gateway, logger } = createTestGateway(config);

    await gateway
      .send(prod, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'g', DesiredCapacity: 1 }))
      .catch(() => undefined);

    const log = logger.lines.join('\n');
    expect(log).toContain('AutoScaling.SetDesiredCapacity in 410987654321/us-east-1 failed: AccessDenied');
    expect(log).toContain('req-123');
    expect(log).not.toContain('AKIAPRODEXAMPLE00001');
    expect(log).not.toContain('Signature=');
    expect(log).not.toContain('prod-secret');
  });
});
