import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { PlatformEnvironment, QueueResource, sqsQueueUrl } from '@platformops/plugin-platform-ops-common';
import 'aws-sdk-client-mock-jest';
import { createAwsGateway } from '../aws/AwsGatewayService';
import { awsError, awsModeConfig, mockAwsClients, prodLocation } from '../fleet/__testUtils__/awsFixtures';
import { InventoryService } from '../inventory/InventoryService';
import { QueueService } from './QueueService';

function environmentWith(queueCount: number): PlatformEnvironment {
  const resources: QueueResource[] = Array.from({ length: queueCount }, (_, i) => ({
    kind: 'queue',
    entityRef: `resource:default/q${i}`,
    name: `q${i}`,
    environment: 'prod',
    location: prodLocation,
    consoleUrl: '',
    queueName: `q${i}`,
    queueUrl: sqsQueueUrl(prodLocation, `q${i}`),
    dlqName: `q${i}-dlq`,
  }));
  return {
    entityRef: 'resource:default/prod',
    name: 'prod',
    tier: 'prod',
    location: prodLocation,
    costTag: 'prod',
    resources,
  };
}

function inventoryOf(environment: PlatformEnvironment): InventoryService {
  return {
    getInventory: async () => ({ environments: [environment], problems: [] }),
    getEnvironment: async () => environment,
    getResource: async ref => ({ environment, resource: environment.resources.find(r => r.entityRef === ref)! }),
  };
}

describe('QueueService', () => {
  const aws = mockAwsClients();
  beforeEach(() => aws.answerDefaults());
  const gateway = () =>
    createAwsGateway({
      config: new ConfigReader(awsModeConfig),
      logger: mockServices.logger.mock(),
    });

  it('reads 120 queues x 5 depths in ceil(600 / 500) = 2 GetMetricData calls and no SQS call', async () => {
    const now = new Date('2026-11-20T12:00:30Z');
    const service = new QueueService(inventoryOf(environmentWith(120)), gateway(), 10_000, () => now);
    const queues = await service.forEnvironment('prod');
    expect(queues).toHaveLength(120);
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 0);
    const inputs = aws.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input);
    const all = inputs.flatMap(i => i.MetricDataQueries ?? []);
    expect(inputs.map(i => i.MetricDataQueries?.length).sort()).toEqual([100, 500]);
    // Every query once, ids unique; the hour before the last whole minute, oldest first.
    expect(new Set(all.map(q => q.Id)).size).toBe(600);
    for (const input of inputs) {
      expect(input).toMatchObject({
        StartTime: new Date('2026-11-20T11:00:00Z'),
        EndTime: new Date('2026-11-20T12:00:00Z'),
        ScanBy: 'TimestampAscending',
      });
    }
    expect(all.filter(q => q.Id?.startsWith('q7_'))).toEqual(
      [
        ['visible', 'ApproximateNumberOfMessagesVisible', 'q7'],
        ['inFlight', 'ApproximateNumberOfMessagesNotVisible', 'q7'],
        ['delayed', 'ApproximateNumberOfMessagesDelayed', 'q7'],
        ['oldestAgeSeconds', 'ApproximateAgeOfOldestMessage', 'q7'],
        ['dlqVisible', 'ApproximateNumberOfMessagesVisible', 'q7-dlq'],
      ].map(([kind, MetricName, queue]) => ({
        Id: `q7_${kind}`,
        MetricStat: {
          Metric: { Namespace: 'AWS/SQS', MetricName, Dimensions: [{ Name: 'QueueName', Value: queue }] },
          Period: 60,
          Stat: 'Maximum',
        },
        ReturnData: true,
      })),
    );
    expect(queues[7]).toMatchObject({ visible: 60, inFlight: 3, delayed: 0, dlqVisible: 0, depthSource: 'cloudwatch', depthAsOf: '2026-11-20T11:59:00.000Z' });
  });

  it('follows NextToken within a batch with the same queries until AWS stops sending one', async () => {
    aws.cw.on(GetMetricDataCommand).callsFake(input => {
      const minute = (m: number) => new Date(Date.UTC(2026, 10, 20, 11, m));
      if (!input.NextToken) {
        return { MetricDataResults: [{ Id: 'q0_visible', Timestamps: [minute(58)], Values: [5] }], NextToken: 'page-2' };
      }
      return { MetricDataResults: [{ Id: 'q0_visible', Timestamps: [minute(59)], Values: [8] }, { Id: 'q0_inFlight', Timestamps: [minute(59)], Values: [2] }] };
    });
    const service = new QueueService(inventoryOf(environmentWith(1)), gateway(), 10_000);
    const [queue] = await service.forEnvironment('prod');
    const calls = aws.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input);
    expect(calls.map(c => c.NextToken)).toEqual([undefined, 'page-2']);
    expect(calls[1].MetricDataQueries).toEqual(calls[0].MetricDataQueries);
    expect(queue).toMatchObject({ visible: 8, inFlight: 2 });
    expect(queue.series.visible.map(p => p.value)).toEqual([5, 8]);
  });

  it('a queue without DLQ has no DLQ query: 3 queues x 4 depths in one call', async () => {
    const environment = environmentWith(3);
    for (const r of environment.resources) delete (r as QueueResource).dlqName;
    const service = new QueueService(inventoryOf(environment), gateway(), 10_000);
    await service.forEnvironment('prod');
    const input = aws.cw.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect(input.MetricDataQueries).toHaveLength(12);
    expect(input.MetricDataQueries?.some(q => q.Id?.endsWith('_dlqVisible'))).toBe(false);
  });

  it('falls back to GetQueueAttributes per queue and DLQ, and says why, when GetMetricData is denied', async () => {
    aws.cw.on(GetMetricDataCommand).rejects(awsError('AccessDenied', 403, 'not authorized to perform cloudwatch:GetMetricData'));
    const service = new QueueService(inventoryOf(environmentWith(2)), gateway(), 10_000);
    const { queues, problems } = await service.listForEnvironment('prod');
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 4);
    expect(aws.sqs).toHaveReceivedCommandWith(GetQueueAttributesCommand, { QueueUrl: sqsQueueUrl(prodLocation, 'q1-dlq') });
    expect(queues[1]).toMatchObject({ visible: 60, inFlight: 3, dlqVisible: 60, depthSource: 'sqs' });
    expect(problems).toEqual([
      {
        environment: 'prod',
        message: `queue depth from CloudWatch unavailable in ${prodLocation.accountId}/${prodLocation.region}: cloudwatch:GetMetricData denied`,
        iamAction: 'cloudwatch:GetMetricData',
        fallback: 'live counts from SQS GetQueueAttributes, one call per queue and DLQ; no oldest-message age',
      },
    ]);
  });

  it('reads one queue live from SQS for its own view, and its charts in one call', async () => {
    const service = new QueueService(inventoryOf(environmentWith(30)), gateway(), 10_000);
    const queue = await service.byEntity('resource:default/q4');
    expect(queue).toMatchObject({ queueName: 'q4', found: true, visible: 60, inFlight: 3, dlqVisible: 60, depthSource: 'sqs' });
    expect(queue.series.sent).toHaveLength(1);
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 2);
    expect(aws.sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input.QueueUrl).sort()).toEqual([
      sqsQueueUrl(prodLocation, 'q4'),
      sqsQueueUrl(prodLocation, 'q4-dlq'),
    ]);
    const charts = aws.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input).find(i => i.MetricDataQueries?.length === 7);
    expect(charts?.MetricDataQueries?.map(q => q.MetricStat?.Metric?.Dimensions?.[0].Value)).toEqual(['q4', 'q4', 'q4', 'q4', 'q4-dlq', 'q4', 'q4']);
    expect(charts?.MetricDataQueries?.slice(5).map(q => q.MetricStat?.Stat)).toEqual(['Sum', 'Sum']);
  });

  it('serves 50 concurrent viewers with one set of AWS calls', async () => {
    const service = new QueueService(inventoryOf(environmentWith(3)), gateway(), 10_000);
    await Promise.all(Array.from({ length: 50 }, () => service.forEnvironment('prod')));
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 0);
  });
});
