import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { PlatformEnvironment, QueueResource, sqsQueueUrl } from '@platformops/plugin-platform-ops-common';
import 'aws-sdk-client-mock-jest';
import { createAwsGateway } from '../aws/AwsGatewayService';
import { awsModeConfig, mockAwsClients, prodLocation } from '../fleet/__testUtils__/awsFixtures';
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

  it('fetches 120 queues x 5 series in ceil(600 / 500) = 2 GetMetricData calls', async () => {
    const service = new QueueService(inventoryOf(environmentWith(120)), gateway(), 10_000);
    const queues = await service.forEnvironment('prod');
    expect(queues).toHaveLength(120);
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    const sizes = aws.cw.commandCalls(GetMetricDataCommand).map(c => c.args[0].input.MetricDataQueries?.length);
    expect(sizes.sort()).toEqual([100, 500]);
    // One GetQueueAttributes per queue and per DLQ: SQS has no batch read.
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 240);
  });

  it('serves 50 concurrent viewers with one set of AWS calls', async () => {
    const service = new QueueService(inventoryOf(environmentWith(3)), gateway(), 10_000);
    await Promise.all(Array.from({ length: 50 }, () => service.forEnvironment('prod')));
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    expect(aws.sqs).toHaveReceivedCommandTimes(GetQueueAttributesCommand, 6);
  });
});
