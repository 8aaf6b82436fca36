import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetBucketLifecycleConfigurationCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockCredentials } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { awsError, mockAwsClients } from '../fleet/__testUtils__/awsFixtures';
import { NON_OWNER, startFleetBackend } from '../fleet/__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

const PROD_BUCKET = 'prod-assets-410987654321';

describe('GET /resources/state for a bucket', () => {
  const aws = mockAwsClients();
  const s3 = mockClient(S3Client);
  let server: Awaited<ReturnType<typeof startFleetBackend>>['server'];

  beforeAll(async () => {
    ({ server } = await startFleetBackend());
  });
  beforeEach(() => {
    aws.answerDefaults();
    s3.reset();
  });

  const get = (entityRef: string) =>
    request(server)
      .get(`/api/platform-ops/resources/state?entityRef=${encodeURIComponent(entityRef)}`)
      .set('Authorization', mockCredentials.user.header(NON_OWNER));

  // Each test reads a bucket no earlier test read: answers are shared for a few seconds.
  it('replication to the DR bucket, lifecycle in words, versioning, and the daily size and object count', async () => {
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(GetBucketReplicationCommand).resolves({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::410987654321:role/prod-s3-replication',
        Rules: [
          {
            ID: 'to-dr-region',
            Status: 'Enabled',
            Priority: 0,
            Filter: { Prefix: '' },
            DeleteMarkerReplication: { Status: 'Enabled' },
            Destination: { Bucket: `arn:aws:s3:::${PROD_BUCKET}-usw2`, StorageClass: 'STANDARD_IA' },
          },
        ],
      },
    });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        { ID: 'abort-incomplete-uploads', Status: 'Enabled', Filter: { Prefix: '' }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 } },
        {
          ID: 'tiering',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Transitions: [
            { Days: 90, StorageClass: 'STANDARD_IA' },
            { Days: 180, StorageClass: 'GLACIER_IR' },
          ],
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        },
        { ID: 'temp-cleanup', Status: 'Disabled', Filter: { Prefix: 'temp/' }, Expiration: { Days: 1 } },
      ],
    });
    const day = new Date('2026-11-27T00:00:00Z');
    const older = new Date('2026-11-26T00:00:00Z');
    aws.cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'size_standard', Timestamps: [day, older], Values: [5.5e12, 5.4e12], StatusCode: 'Complete' },
        { Id: 'size_standardIa', Timestamps: [day], Values: [3e12], StatusCode: 'Complete' },
        { Id: 'size_glacierIr', Timestamps: [day], Values: [1.5e12], StatusCode: 'Complete' },
        { Id: 'size_deepArchive', Timestamps: [], Values: [], StatusCode: 'Complete' },
        { Id: 'objects', Timestamps: [older, day], Values: [416_000, 416_667], StatusCode: 'Complete' },
      ],
    });
    const before = Date.now();
    const res = await get('resource:default/prod-media-bucket');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'bucket', found: true, awsName: PROD_BUCKET });
    expect(res.body.facts).toEqual([
      { label: 'versioning', value: 'enabled' },
      {
        label: 'replication',
        value: `enabled: all objects to ${PROD_BUCKET}-usw2 in us-west-2 (stored as Standard-IA, deletions replicated)`,
      },
      { label: 'lifecycle rule abort-incomplete-uploads', value: 'all objects: unfinished uploads abandoned after 7 days' },
      {
        label: 'lifecycle rule tiering',
        value: 'all objects: to Standard-IA after 90 days, to Glacier Instant Retrieval after 180 days; old versions deleted 30 days after being replaced',
      },
      { label: 'lifecycle rule temp-cleanup', value: 'disabled (not applied): objects under temp/: deleted after 1 day' },
      {
        label: 'size',
        value: '10.0 TB (Standard 5.5 TB, Standard-IA 3.0 TB, Glacier Instant Retrieval 1.5 TB)',
        asOf: '2026-11-27T00:00:00.000Z',
      },
      { label: 'objects', value: '416,667', asOf: '2026-11-27T00:00:00.000Z' },
    ]);
    for (const Command of [GetBucketVersioningCommand, GetBucketReplicationCommand, GetBucketLifecycleConfigurationCommand]) {
      expect(s3).toHaveReceivedCommandTimes(Command, 1);
      expect(s3.commandCalls(Command)[0].args[0].input).toEqual({ Bucket: PROD_BUCKET });
    }
    // One GetMetricData: the daily storage metrics (no replication metrics: the rule does not enable them).
    expect(aws.cw).toHaveReceivedCommandTimes(GetMetricDataCommand, 1);
    const input = aws.cw.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect(input.MetricDataQueries).toEqual([
      ...[
        ['size_standard', 'StandardStorage'],
        ['size_standardIa', 'StandardIAStorage'],
        ['size_glacierIr', 'GlacierInstantRetrievalStorage'],
        ['size_deepArchive', 'DeepArchiveStorage'],
      ].map(([Id, storageType]) => ({
        Id,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/S3',
            MetricName: 'BucketSizeBytes',
            Dimensions: [
              { Name: 'BucketName', Value: PROD_BUCKET },
              { Name: 'StorageType', Value: storageType },
            ],
          },
          Period: 86400,
          Stat: 'Average',
        },
        ReturnData: true,
      })),
      {
        Id: 'objects',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/S3',
            MetricName: 'NumberOfObjects',
            Dimensions: [
              { Name: 'BucketName', Value: PROD_BUCKET },
              { Name: 'StorageType', Value: 'AllStorageTypes' },
            ],
          },
          Period: 86400,
          Stat: 'Average',
        },
        ReturnData: true,
      },
    ]);
    // Three whole UTC days up to now.
    const start = (input.StartTime as Date).getTime();
    expect(start % 86_400_000).toBe(0);
    expect(before - start).toBeGreaterThan(3 * 86_400_000 - 1);
    expect(before - start).toBeLessThan(4 * 86_400_000);
  });

  it('a part AWS refuses is shown in place with the IAM action; "none configured" is not an error', async () => {
    s3.on(GetBucketVersioningCommand).resolves({});
    s3.on(GetBucketReplicationCommand).rejects(
      awsError('AccessDenied', 403, 'User: arn:aws:sts::310987654321:assumed-role/platform-ops is not authorized to perform: s3:GetReplicationConfiguration'),
    );
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 404, 'The lifecycle configuration does not exist'));
    aws.cw.on(GetMetricDataCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
    const res = await get('resource:default/staging-media-bucket');
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(true);
    expect(res.body.facts).toEqual([
      { label: 'versioning', value: 'never enabled' },
      {
        label: 'replication',
        value: 'could not be read',
        problem: 'the platform-ops role in 310987654321 may not call s3:GetReplicationConfiguration',
      },
      { label: 'lifecycle', value: 'no rules: objects are kept forever' },
      {
        label: 'size and objects',
        value: 'could not be read',
        problem: expect.stringContaining('AWS throttled CloudWatch.GetMetricData in 310987654321/us-east-1'),
      },
    ]);
  });

  it('a bucket S3 does not have (NoSuchBucket) is found: false: its Terraform is not applied yet', async () => {
    s3.on(GetBucketVersioningCommand).rejects(awsError('NoSuchBucket', 404, 'The specified bucket does not exist'));
    s3.on(GetBucketReplicationCommand).rejects(awsError('NoSuchBucket', 404, 'The specified bucket does not exist'));
    s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchBucket', 404, 'The specified bucket does not exist'));
    const res = await get('resource:default/dev-media-bucket');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'bucket', found: false, facts: [], awsName: 'dev-assets-210987654321' });
    expect(s3).toHaveReceivedCommandWith(GetBucketVersioningCommand, { Bucket: 'dev-assets-210987654321' });
  });
});
