import { GetMetricDataCommand, GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { AwsGateway } from '../aws/types';
import { DAILY_STORAGE_TTL_MS, DailyStorageMetrics } from './dailyStorageMetrics';
import { stagingBucket } from './__testUtils__/testBucket';

const bucket = stagingBucket;

const NOW = new Date('2026-11-29T16:00:00Z');

/** A gateway answering GetMetricData (or failing while `fail` says so); records every input. */
function metricsGateway() {
  const sent: GetMetricDataCommandInput[] = [];
  const state = { fail: false };
  const gateway = {
    mode: 'aws',
    async send(_location: unknown, service: string, command: GetMetricDataCommand) {
      expect(service).toBe('cloudWatch');
      expect(command).toBeInstanceOf(GetMetricDataCommand);
      sent.push(command.input);
      if (state.fail) throw new Error('Rate exceeded');
      return { MetricDataResults: [{ Id: 'objects', Timestamps: [new Date('2026-11-28T00:00:00Z')], Values: [sent.length] }] };
    },
  } as unknown as AwsGateway;
  return { gateway, sent, state };
}

describe('DailyStorageMetrics', () => {
  it("asks CloudWatch for the bucket's size per storage class and object count over three whole UTC days", async () => {
    const { gateway, sent } = metricsGateway();
    await new DailyStorageMetrics().read(gateway, bucket, NOW);
    const metric = (id: string, MetricName: string, StorageType: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/S3',
          MetricName,
          Dimensions: [
            { Name: 'BucketName', Value: 'media-staging' },
            { Name: 'StorageType', Value: StorageType },
          ],
        },
        Period: 86_400,
        Stat: 'Average',
      },
      ReturnData: true,
    });
    expect(sent).toEqual([
      {
        MetricDataQueries: [
          metric('size_standard', 'BucketSizeBytes', 'StandardStorage'),
          metric('size_standardIa', 'BucketSizeBytes', 'StandardIAStorage'),
          metric('size_glacierIr', 'BucketSizeBytes', 'GlacierInstantRetrievalStorage'),
          metric('size_deepArchive', 'BucketSizeBytes', 'DeepArchiveStorage'),
          metric('objects', 'NumberOfObjects', 'AllStorageTypes'),
        ],
        StartTime: new Date('2026-11-26T00:00:00Z'),
        EndTime: NOW,
        ScanBy: 'TimestampDescending',
      },
    ]);
  });

  it('shares one read per bucket for an hour, concurrent readers included, then reads again', async () => {
    const { gateway, sent } = metricsGateway();
    let clock = NOW.getTime();
    const storage = new DailyStorageMetrics(DAILY_STORAGE_TTL_MS, () => clock);

    const [a, b] = await Promise.all([storage.read(gateway, bucket, NOW), storage.read(gateway, bucket, NOW)]);
    expect(sent).toHaveLength(1);
    expect(b).toBe(a);

    clock += DAILY_STORAGE_TTL_MS - 1_000;
    expect(await storage.read(gateway, bucket, new Date(clock))).toBe(a);
    expect(sent).toHaveLength(1);

    // Another bucket, or the same name in another account, is its own read.
    await storage.read(gateway, { ...bucket, bucketName: 'media-dev' }, new Date(clock));
    await storage.read(gateway, { ...bucket, location: { ...bucket.location, accountId: '410987654321' } }, new Date(clock));
    expect(sent).toHaveLength(3);

    clock += 2_000;
    const fresh = await storage.read(gateway, bucket, new Date(clock));
    expect(sent).toHaveLength(4);
    expect(fresh[0].Values).toEqual([4]);
  });

  it('does not keep a failed read: the next card asks again', async () => {
    const { gateway, sent, state } = metricsGateway();
    const storage = new DailyStorageMetrics(DAILY_STORAGE_TTL_MS, () => NOW.getTime());
    state.fail = true;
    await expect(storage.read(gateway, bucket, NOW)).rejects.toThrow('Rate exceeded');
    state.fail = false;
    expect((await storage.read(gateway, bucket, NOW))[0].Values).toEqual([2]);
    expect(sent).toHaveLength(2);
  });
});
