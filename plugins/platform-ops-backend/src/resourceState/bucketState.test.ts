import { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { AwsNotFoundError } from '../aws/errors';
import { AwsCommand, AwsGateway } from '../aws/types';
import { bucketFacts, BucketNotFound } from './bucketState';
import { DailyStorageMetrics } from './dailyStorageMetrics';
import { stagingBucket } from './__testUtils__/testBucket';

const bucket = stagingBucket;

const NOW = new Date('2026-11-29T16:00:00Z');

/** A gateway answering by operation name; records what was sent. */
function fakeGateway(answers: Record<string, (input: any) => unknown>) {
  const sent: Array<{ operation: string; input: object }> = [];
  const gateway = {
    mode: 'aws',
    async send(_location: unknown, _service: unknown, command: AwsCommand) {
      const operation = command.constructor.name.replace(/Command$/, '');
      sent.push({ operation, input: command.input });
      const answer = answers[operation];
      if (!answer) throw new Error(`unexpected ${operation}`);
      return answer(command.input);
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

/** One rule, with replication metrics enabled, to a bucket that is not the platform's DR copy. */
const replicatesWithMetrics = () => ({
  ReplicationConfiguration: {
    Role: 'arn:aws:iam::310987654321:role/r',
    Rules: [{ ID: 'to-dr-region', Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::elsewhere', Metrics: { Status: 'Enabled' } } }],
  },
});

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

  it('asks for replication metrics only when the rule enables them, in a GetMetricData of their own over the last 15 minutes', async () => {
    const replicationAnswer = {
      MetricDataResults: [
        { Id: 'replLatency', Timestamps: [new Date('2026-11-29T15:50:00Z')], Values: [42.4] },
        { Id: 'replPending', Timestamps: [new Date('2026-11-29T15:50:00Z')], Values: [7] },
      ],
    };
    const { gateway, sent } = fakeGateway({
      GetBucketVersioning: () => ({ Status: 'Enabled' }),
      GetBucketReplication: replicatesWithMetrics,
      GetBucketLifecycleConfiguration: () => ({ Rules: [] }),
      GetMetricData: (input: { MetricDataQueries: Array<{ Id: string }> }) =>
        input.MetricDataQueries[0].Id === 'replLatency' ? replicationAnswer : { MetricDataResults: [] },
    });
    const facts = await bucketFacts(gateway, bucket, { drRegion: 'us-west-2', now: NOW });
    // A destination that is not the platform's DR copy: S3 does not say its region, nor do we.
    expect(facts).toContainEqual({ label: 'replication', value: 'enabled: all objects to elsewhere' });
    expect(facts).toContainEqual({
      label: 'replication lag',
      value: '42 s, 7 operations pending (latest 5 minutes)',
    });
    const metricReads = sent.filter(s => s.operation === 'GetMetricData').map(s => s.input as { MetricDataQueries: Array<{ Id: string }> });
    expect(metricReads.map(i => i.MetricDataQueries.map(q => q.Id)).sort()).toEqual([
      ['replLatency', 'replPending'],
      ['size_standard', 'size_standardIa', 'size_glacierIr', 'size_deepArchive', 'objects'],
    ]);
    const dimensions = [
      { Name: 'SourceBucket', Value: 'media-staging' },
      { Name: 'DestinationBucket', Value: 'elsewhere' },
      { Name: 'RuleId', Value: 'to-dr-region' },
    ];
    expect(metricReads.find(i => i.MetricDataQueries[0].Id === 'replLatency')).toEqual({
      MetricDataQueries: [
        {
          Id: 'replLatency',
          MetricStat: { Metric: { Namespace: 'AWS/S3', MetricName: 'ReplicationLatency', Dimensions: dimensions }, Period: 300, Stat: 'Maximum' },
          ReturnData: true,
        },
        {
          Id: 'replPending',
          MetricStat: { Metric: { Namespace: 'AWS/S3', MetricName: 'OperationsPendingReplication', Dimensions: dimensions }, Period: 300, Stat: 'Maximum' },
          ReturnData: true,
        },
      ],
      StartTime: new Date('2026-11-29T15:45:00Z'),
      EndTime: NOW,
      ScanBy: 'TimestampDescending',
    });
  });

  it('reads the replication metrics every time, the daily storage metrics once while they are shared', async () => {
    const { gateway, sent } = fakeGateway({
      GetBucketVersioning: () => ({ Status: 'Enabled' }),
      GetBucketReplication: replicatesWithMetrics,
      GetBucketLifecycleConfiguration: () => ({ Rules: [] }),
      GetMetricData: () => ({ MetricDataResults: [] }),
    });
    const storage = new DailyStorageMetrics(3_600_000, () => NOW.getTime());
    for (const minutes of [0, 5, 10]) {
      await bucketFacts(gateway, bucket, { now: new Date(NOW.getTime() + minutes * 60_000), storage });
    }
    const reads = sent.filter(s => s.operation === 'GetMetricData').map(s => (s.input as { MetricDataQueries: Array<{ Id: string }> }).MetricDataQueries[0].Id);
    expect(reads.filter(id => id === 'replLatency')).toHaveLength(3);
    expect(reads.filter(id => id === 'size_standard')).toHaveLength(1);
  });

  it('says which metrics could not be read: replication lag apart from size and objects', async () => {
    const { gateway } = fakeGateway({
      GetBucketVersioning: () => ({ Status: 'Enabled' }),
      GetBucketReplication: replicatesWithMetrics,
      GetBucketLifecycleConfiguration: () => ({ Rules: [] }),
      GetMetricData: (input: { MetricDataQueries: Array<{ Id: string }> }) => {
        if (input.MetricDataQueries[0].Id === 'replLatency') throw new Error('AWS throttled CloudWatch.GetMetricData');
        return { MetricDataResults: [{ Id: 'objects', Timestamps: [new Date('2026-11-28T00:00:00Z')], Values: [12] }] };
      },
    });
    const facts = await bucketFacts(gateway, bucket, { now: NOW });
    expect(facts).toContainEqual({ label: 'objects', value: '12', asOf: '2026-11-28T00:00:00.000Z' });
    expect(facts).toContainEqual({ label: 'replication lag', value: 'could not be read', problem: 'AWS throttled CloudWatch.GetMetricData' });
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
