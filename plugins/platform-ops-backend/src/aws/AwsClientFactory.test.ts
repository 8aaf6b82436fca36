import { SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import { ConfigReader } from '@backstage/config';
import { AwsClientFactory } from './AwsClientFactory';
import { readAwsGatewaySettings } from './settings';
import {
  queryError,
  sqsJson,
  startFakeAwsServer,
} from './__testUtils__/fakeAwsServer';
import { createTestGateway } from '../testUtils/createTestGateway';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';

/**
 * Real SDK clients against a local endpoint standing in for AWS: what actually goes over
 * the wire (endpoint, signing account and region) and what comes back out of the gateway.
 */
const staging = { accountId: '310987654321', region: 'us-east-1' };
const prodWest = { accountId: '410987654321', region: 'us-west-2' };

const accounts = [
  { accountId: '310987654321', accessKeyId: 'AKIASTAGINGEXAMPLE01', secretAccessKey: 'staging-secret-xyz' },
  { accountId: '410987654321', accessKeyId: 'AKIAPRODEXAMPLE00001', secretAccessKey: 'prod-secret-xyz' },
];

/** Credential=<key id>/<date>/<region>/<service>/aws4_request from a SigV4 header. */
function signedBy(authorization: string) {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
  if (!match) throw new Error(`not a SigV4 header: ${authorization.slice(0, 30)}`);
  return { keyId: match[1], region: match[2], service: match[3] };
}

describe('AWS clients (real SDK, local endpoint)', () => {
  it('uses the endpoint override for every client of that service, each account signing with its own credentials and region', async () => {
    const server = await startFakeAwsServer(() =>
      sqsJson({ Attributes: { ApproximateNumberOfMessages: '42' } }),
    );
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { sqs: server.url } } },
      });

      const stagingAnswer = await gateway.send(
        staging,
        'sqs',
        new GetQueueAttributesCommand({
          QueueUrl: 'https://sqs.us-east-1.amazonaws.com/310987654321/staging-video-jobs',
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );
      await gateway.send(
        prodWest,
        'sqs',
        new GetQueueAttributesCommand({
          QueueUrl: 'https://sqs.us-west-2.amazonaws.com/410987654321/prod-video-jobs',
          AttributeNames: ['ApproximateNumberOfMessages'],
        }),
      );

      expect(stagingAnswer.Attributes?.ApproximateNumberOfMessages).toBe('42');
      expect(server.requests).toHaveLength(2);
      expect(server.requests.map(r => r.headers['x-amz-target'])).toEqual([
        'AmazonSQS.GetQueueAttributes',
        'AmazonSQS.GetQueueAttributes',
      ]);
      expect(signedBy(server.requests[0].authorization)).toEqual({
        keyId: 'AKIASTAGINGEXAMPLE01',
        region: 'us-east-1',
        service: 'sqs',
      });
      expect(signedBy(server.requests[1].authorization)).toEqual({
        keyId: 'AKIAPRODEXAMPLE00001',
        region: 'us-west-2',
        service: 'sqs',
      });
      expect(JSON.parse(server.requests[1].body)).toEqual({
        QueueUrl: 'https://sqs.us-west-2.amazonaws.com/410987654321/prod-video-jobs',
        AttributeNames: ['ApproximateNumberOfMessages'],
      });
    } finally {
      await server.close();
    }
  });

  it('calls Cost Explorer in us-east-1 whatever the resource region', async () => {
    const server = await startFakeAwsServer(() => ({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ ResultsByTime: [] }),
    }));
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { costExplorer: server.url } } },
      });
      await gateway.send(
        prodWest,
        'costExplorer',
        new GetCostAndUsageCommand({
          TimePeriod: { Start: '2026-11-01', End: '2026-11-20' },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
        }),
      );
      expect(signedBy(server.requests[0].authorization)).toEqual({
        keyId: 'AKIAPRODEXAMPLE00001',
        region: 'us-east-1',
        service: 'ce',
      });
    } finally {
      await server.close();
    }
  });

  it('keeps one client per (account, region, service)', async () => {
    const config = new ConfigReader({ aws: { accounts }, platformOps: { aws: { mode: 'aws' } } });
    const factory = new AwsClientFactory(readAwsGatewaySettings(config), {
      mode: 'aws',
      credentials: DefaultAwsCredentialsManager.fromConfig(config),
    });
    const a = await factory.getClient(staging, 'sqs');
    const b = await factory.getClient({ ...staging }, 'sqs');
    const otherRegion = await factory.getClient({ ...staging, region: 'us-west-2' }, 'sqs');
    const otherAccount = await factory.getClient({ ...prodWest, region: 'us-east-1' }, 'sqs');
    const ceWest = await factory.getClient(prodWest, 'costExplorer');
    const ceEast = await factory.getClient({ ...prodWest, region: 'us-east-1' }, 'costExplorer');

    expect(b).toBe(a);
    expect(otherRegion).not.toBe(a);
    expect(otherAccount).not.toBe(a);
    expect(ceWest).toBe(ceEast); // Cost Explorer is global: us-east-1 for both
    expect(await otherRegion.config.region()).toBe('us-west-2');
    expect(a.config.maxAttempts).toBeDefined();
    expect(await a.config.maxAttempts()).toBe(3);
    expect(await a.config.retryStrategy()).toMatchObject({ mode: 'standard' });
  });

  it('passes retry mode and max attempts from config to the SDK', async () => {
    const config = new ConfigReader({
      aws: { accounts },
      platformOps: { aws: { mode: 'aws', retry: { mode: 'adaptive', maxAttempts: 6 } } },
    });
    const factory = new AwsClientFactory(readAwsGatewaySettings(config), {
      mode: 'aws',
      credentials: DefaultAwsCredentialsManager.fromConfig(config),
    });
    const client = await factory.getClient(staging, 'autoScaling');
    expect(await client.config.maxAttempts()).toBe(6);
    expect(await client.config.retryStrategy()).toMatchObject({ mode: 'adaptive' });
  });

  it('an AWS error with the request signed by a configured secret: no secret in logs or in the error', async () => {
    // AWS's message even echoes the access key id here: it must still not come out.
    const server = await startFakeAwsServer(req =>
      queryError(
        403,
        'AccessDenied',
        `User with key ${signedBy(req.authorization).keyId} is not authorized to perform autoscaling:SetDesiredCapacity`,
      ),
    );
    try {
      const { gateway, logger } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { autoScaling: server.url } } },
      });
      const error = await gateway
        .send(
          prodWest,
          'autoScaling',
          new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 8 }),
        )
        .catch(e => e);

      expect(server.requests).toHaveLength(1); // AccessDenied is not retried
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message: 'the platform-ops role in 410987654321 may not call autoscaling:SetDesiredCapacity',
      });
      const everything = [...logger.lines, JSON.stringify(error), error.message, String(error.stack)].join('\n');
      expect(logger.lines.some(l => l.includes('AccessDenied'))).toBe(true);
      for (const secret of ['AKIAPRODEXAMPLE00001', 'prod-secret-xyz', 'Signature=', 'AWS4-HMAC-SHA256']) {
        expect(everything).not.toContain(secret);
      }
    } finally {
      await server.close();
    }
  });

  it('an account missing from aws.accounts -> 403 saying what to configure, nothing sent', async () => {
    const server = await startFakeAwsServer(() => sqsJson({}));
    try {
      const { gateway } = createTestGateway({
        aws: { mainAccount: { accessKeyId: 'AKIAMAINEXAMPLE00001', secretAccessKey: 'main-secret' }, accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { sqs: server.url } } },
      });
      // Unknown account: the credentials manager may try STS to learn the main account's id
      // (unreachable here, or another account): either way there are no credentials for it.
      const error = await gateway
        .send(
          { accountId: '999999999999', region: 'us-east-1' },
          'sqs',
          new GetQueueAttributesCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/999999999999/q' }),
        )
        .catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toContain('no credentials for AWS account 999999999999');
      expect(error.message).not.toContain('main-secret');
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a hung endpoint times out after timeouts.requestMs -> 503, retried maxAttempts times', async () => {
    const server = await startFakeAwsServer(() => 'no-answer');
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: {
          aws: {
            mode: 'aws',
            endpoints: { sqs: server.url },
            timeouts: { requestMs: 300 },
            retry: { maxAttempts: 2 },
          },
        },
      });
      const started = Date.now();
      const error = await gateway
        .send(staging, 'sqs', new GetQueueAttributesCommand({ QueueUrl: 'https://sqs.us-east-1.amazonaws.com/310987654321/q' }))
        .catch(e => e);
      expect(error.name).toBe('ServiceUnavailableError');
      expect(error.message).toContain('AWS did not answer SQS.GetQueueAttributes in 310987654321/us-east-1');
      expect(server.requests).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await server.close();
    }
  });

  it('an AWS 5xx says what AWS answered; an unreadable one says so with the HTTP status', async () => {
    const answers = [
      queryError(500, 'InternalFailure', 'The request processing has failed because of an unknown error'),
      { status: 502, headers: { 'content-type': 'text/html' }, body: '<html><body>Bad Gateway</body></html>' },
    ];
    const server = await startFakeAwsServer(() => answers.shift()!);
    try {
      const { gateway } = createTestGateway({
        aws: { accounts },
        platformOps: { aws: { mode: 'aws', endpoints: { autoScaling: server.url }, retry: { maxAttempts: 1 } } },
      });
      const send = () =>
        gateway
          .send(prodWest, 'autoScaling', new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 8 }))
          .catch(e => e);
      const internal = await send();
      expect(internal.name).toBe('ServiceUnavailableError');
      expect(internal.message).toBe(
        'AWS answered AutoScaling.SetDesiredCapacity in 410987654321/us-west-2 with InternalFailure (HTTP 500): The request processing has failed because of an unknown error',
      );
      const proxy = await send();
      expect(proxy.name).toBe('ServiceUnavailableError');
      expect(proxy.message).toBe(
        'AWS answered AutoScaling.SetDesiredCapacity in 410987654321/us-west-2 with HTTP 502 and a body that could not be read as an AWS error',
      );
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });
});
