import { DEV, PROD, errorOf, testAccount } from '../testUtils/testAccount';

const PROD_BUCKET = 'prod-assets-410987654321';
const PROD_DR = { accountId: PROD.accountId, region: 'us-west-2' };

describe('simulated S3', () => {
  it('seeds the media bucket as the Terraform creates it: versioned, replicated to the DR copy, lifecycle rules', async () => {
    const { call } = testAccount();
    expect(await call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET })).toEqual({ Status: 'Enabled', MFADelete: 'Disabled' });
    const replication = await call('s3', 'GetBucketReplication', { Bucket: PROD_BUCKET });
    expect(replication.ReplicationConfiguration).toEqual({
      Role: 'arn:aws:iam::410987654321:role/prod-s3-replication',
      Rules: [
        {
          ID: 'to-dr-region',
          Priority: 0,
          Status: 'Enabled',
          Filter: { Prefix: '' },
          DeleteMarkerReplication: { Status: 'Enabled' },
          Destination: { Bucket: `arn:aws:s3:::${PROD_BUCKET}-usw2`, StorageClass: 'STANDARD_IA' },
        },
      ],
    });
    const lifecycle = await call('s3', 'GetBucketLifecycleConfiguration', { Bucket: PROD_BUCKET });
    expect(lifecycle.Rules.map((r: { ID: string }) => r.ID)).toEqual(['abort-incomplete-uploads', 'tiering', 'temp-cleanup']);
    expect(lifecycle.Rules[1]).toMatchObject({
      Transitions: [
        { Days: 90, StorageClass: 'STANDARD_IA' },
        { Days: 180, StorageClass: 'GLACIER_IR' },
      ],
      NoncurrentVersionExpiration: { NoncurrentDays: 30 },
    });
    // The DR copy exists in the DR region: versioned, kept 90 days, replicating nowhere.
    expect(await call('s3', 'GetBucketVersioning', { Bucket: `${PROD_BUCKET}-usw2` }, PROD_DR)).toMatchObject({ Status: 'Enabled' });
    const drReplication = await errorOf(call('s3', 'GetBucketReplication', { Bucket: `${PROD_BUCKET}-usw2` }, PROD_DR));
    expect([drReplication.name, drReplication.$metadata.httpStatusCode]).toEqual(['ReplicationConfigurationNotFoundError', 404]);
  });

  it('dev: not versioned (seed 001), no DR region so no replication, no noncurrent-version rule', async () => {
    const { call } = testAccount();
    const bucket = 'dev-assets-210987654321';
    expect(await call('s3', 'GetBucketVersioning', { Bucket: bucket }, DEV)).toEqual({});
    expect((await errorOf(call('s3', 'GetBucketReplication', { Bucket: bucket }, DEV))).name).toBe('ReplicationConfigurationNotFoundError');
    const lifecycle = await call('s3', 'GetBucketLifecycleConfiguration', { Bucket: bucket }, DEV);
    expect(lifecycle.Rules[1].NoncurrentVersionExpiration).toBeUndefined();
  });

  it('answers as S3 does: missing bucket 404, wrong region 301, another account 403, bad name 400', async () => {
    const { call } = testAccount();
    const missing = await errorOf(call('s3', 'GetBucketVersioning', { Bucket: 'not-applied-yet' }));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
    const wrongRegion = await errorOf(call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET }, PROD_DR));
    expect([wrongRegion.name, wrongRegion.$metadata.httpStatusCode]).toEqual(['PermanentRedirect', 301]);
    const otherAccount = await errorOf(call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET }, { ...PROD, accountId: DEV.accountId }));
    expect([otherAccount.name, otherAccount.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
    const owner = await errorOf(call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET, ExpectedBucketOwner: DEV.accountId }));
    expect(owner.name).toBe('AccessDenied');
    const badName = await errorOf(call('s3', 'GetBucketVersioning', { Bucket: 'No_Such' }));
    expect([badName.name, badName.$metadata.httpStatusCode]).toEqual(['InvalidBucketName', 400]);
  });

  it('refuses what the fault injector denies by the IAM action S3 checks (s3:GetReplicationConfiguration)', async () => {
    const { account, call } = testAccount();
    account.faults.set({ accessDenied: ['s3:GetReplicationConfiguration'] });
    const denied = await errorOf(call('s3', 'GetBucketReplication', { Bucket: PROD_BUCKET }));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain('s3:GetReplicationConfiguration');
    expect(await call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET })).toMatchObject({ Status: 'Enabled' });
  });

  it('feeds one daily storage datapoint per day at midnight UTC, growing day by day', async () => {
    const { call, clock } = testAccount({ start: '2026-11-20T12:00:00Z', backfillHours: 24 });
    await call('s3', 'GetBucketVersioning', { Bucket: PROD_BUCKET });
    clock.advance(24 * 3_600_000); // 11-21 12:00: two midnights passed (11-20 in the backfill, 11-21)
    const query = (Id: string, MetricName: string, StorageType: string) => ({
      Id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/S3',
          MetricName,
          Dimensions: [
            { Name: 'BucketName', Value: PROD_BUCKET },
            { Name: 'StorageType', Value: StorageType },
          ],
        },
        Period: 86400,
        Stat: 'Average',
      },
    });
    const out = await call('cloudWatch', 'GetMetricData', {
      StartTime: new Date('2026-11-17T00:00:00Z'),
      EndTime: clock.now(),
      MetricDataQueries: [query('standard', 'BucketSizeBytes', 'StandardStorage'), query('objects', 'NumberOfObjects', 'AllStorageTypes')],
    });
    const [standard, objects] = out.MetricDataResults;
    // Each datapoint is the day that ended at the midnight it was sampled: 11-19 and 11-20.
    expect(standard.Timestamps.map((t: Date) => t.toISOString())).toEqual(['2026-11-20T00:00:00.000Z', '2026-11-19T00:00:00.000Z']);
    // Prod holds about 10 TB (seed 000), 55 % in Standard, and grows.
    expect(standard.Values[0]).toBeGreaterThan(5e12);
    expect(standard.Values[0]).toBeLessThan(12e12);
    expect(standard.Values[0]).toBeGreaterThan(standard.Values[1]);
    expect(objects.Values[0]).toBeGreaterThan(100_000);
    // In the DR region, the DR copy is reported there (Standard-IA only), not the source.
    const dr = await call(
      'cloudWatch',
      'GetMetricData',
      {
        StartTime: new Date('2026-11-17T00:00:00Z'),
        EndTime: clock.now(),
        MetricDataQueries: [query('standard', 'BucketSizeBytes', 'StandardStorage')],
      },
      PROD_DR,
    );
    expect(dr.MetricDataResults[0].Values).toEqual([]);
  });
});
