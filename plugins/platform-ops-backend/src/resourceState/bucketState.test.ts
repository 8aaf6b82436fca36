import { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { BucketResource } from '@platformops/plugin-platform-ops-common';
import { AwsNotFoundError } from '../aws/errors';
import { AwsCommand, AwsGateway } from '../aws/types';
import { bucketFacts, BucketNotFound } from './bucketState';

const bucket: BucketResource = {
  kind: 'bucket',
  entityRef: 'resource:default/staging-media-bucket',
  name: 'staging-media-bucket',
  environment: 'staging',
  location: { accountId: '310987654321', region: 'us-east-1' },
  bucketName: 'media-staging',
  consoleUrl: 'https://console/s3',
};

const NOW = new Date('2026-11-29T16:00:00Z');

/** A gateway answering by operation name; records what was sent. */
function fakeGateway(answers: Record<string, () => unknown>) {
  const sent: Array<{ operation: string; input: object }> = [];
  const gateway = {
    mode: 'aws',
    async send(_location: unknown, _service: unknown, command: AwsCommand) {
      const operation = command.constructor.name.replace(/Command$/, '');
      sent.push({ operation, input: command.input });
      const answer = answers[operation];
      if (!answer) throw new Error(`unexpected ${operation}`);
      return answer();
    },
    preview: () => {
      throw new Error('not used');
    },
    ledger: () => ({ total: 0, byOperation: {} }),
  } as unknown as AwsGateway;
  return { gateway, sent };
}

const notFound = (code: string) => () => {
  throw new AwsNotFoundError(`AWS S3 in 310987654321/us-east-1: not found (${code})`, code);
};

describe('bucketFacts', () => {
  it('says when a bucket does not replicate although its environment has a DR region, and when no datapoint exists yet', async () => {
    const { gateway } = fakeGateway({
      GetBucketVersioning: () => ({ Status: 'Suspended' }),
      GetBucketReplication: notFound('ReplicationConfigurationNotFoundError'),
      GetBucketLifecycleConfiguration: notFound('NoSuchLifecycleConfiguration'),
      GetMetricData: () => ({ MetricDataResults: [] as MetricDataResult[] }),
    });
    const facts = await bucketFacts(gateway, bucket, { drRegion: 'us-west-2', now: NOW });
    expect(facts).toEqual([
      { label: 'versioning', value: 'suspended (old versions kept, no new ones)' },
      { label: 'replication', value: 'none configured, although the environment has a DR region (us-west-2)' },
      { label: 'lifecycle', value: 'no rules: objects are kept forever' },
      {
        label: 'size',
        value: 'no datapoint in the last 3 days (S3 reports storage once a day; a new bucket gets its first within 48 hours)',
      },
      {
        label: 'objects',
        value: 'no datapoint in the last 3 days (S3 reports storage once a day; a new bucket gets its first within 48 hours)',
      },
    ]);
  });

  it('asks for replication metrics only when the rule enables them, in the same GetMetricData', async () => {
    const { gateway, sent } = fakeGateway({
      GetBucketVersioning: () => ({ Status: 'Enabled' }),
      GetBucketReplication: () => ({
        ReplicationConfiguration: {
          Role: 'arn:aws:iam::310987654321:role/r',
          Rules: [
            {
              ID: 'to-dr-region',
              Status: 'Enabled',
              Destination: { Bucket: 'arn:aws:s3:::elsewhere', Metrics: { Status: 'Enabled' } },
            },
          ],
        },
      }),
      GetBucketLifecycleConfiguration: () => ({ Rules: [] }),
      GetMetricData: () => ({
        MetricDataResults: [
          { Id: 'replLatency', Timestamps: [new Date('2026-11-29T15:50:00Z')], Values: [42.4] },
          { Id: 'replPending', Timestamps: [new Date('2026-11-29T15:50:00Z')], Values: [7] },
        ],
      }),
    });
    const facts = await bucketFacts(gateway, bucket, { drRegion: 'us-west-2', now: NOW });
    // A destination that is not the platform's DR copy: S3 does not say its region, nor do we.
    expect(facts).toContainEqual({ label: 'replication', value: 'enabled: all objects to elsewhere' });
    expect(facts).toContainEqual({
      label: 'replication lag',
      value: '42 s, 7 operations pending (latest 5 minutes)',
    });
    const metrics = sent.find(s => s.operation === 'GetMetricData')!.input as { MetricDataQueries: Array<{ Id: string; MetricStat: unknown }> };
    expect(metrics.MetricDataQueries.find(q => q.Id === 'replLatency')!.MetricStat).toEqual({
      Metric: {
        Namespace: 'AWS/S3',
        MetricName: 'ReplicationLatency',
        Dimensions: [
          { Name: 'SourceBucket', Value: 'media-staging' },
          { Name: 'DestinationBucket', Value: 'elsewhere' },
          { Name: 'RuleId', Value: 'to-dr-region' },
        ],
      },
      Period: 300,
      Stat: 'Maximum',
    });
    expect(metrics.MetricDataQueries.map(q => q.Id)).toContain('replPending');
  });

  it('NoSuchBucket from any read means the bucket is not there at all', async () => {
    const { gateway } = fakeGateway({
      GetBucketVersioning: notFound('NoSuchBucket'),
      GetBucketReplication: notFound('NoSuchBucket'),
      GetBucketLifecycleConfiguration: notFound('NoSuchBucket'),
    });
    await expect(bucketFacts(gateway, bucket, { now: NOW })).rejects.toBeInstanceOf(BucketNotFound);
  });
});
