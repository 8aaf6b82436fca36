import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  AWS_MODEL_SOURCE,
  modelledServices,
  operationModel,
} from './awsApiModel';
import { validateAwsInput, validationMessage } from './validateAwsInput';

describe('AWS API models', () => {
  it('are exactly what the aws-sdk package publishes (no hand edits, no drift)', () => {
    const script = resolve(
      __dirname,
      '../../../../../scripts/aws-models/extract.mjs',
    );
    // Throws (non-zero exit) when the committed JSON differs from a fresh extraction.
    expect(
      execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' }),
    ).toContain('matches aws-sdk@');
    expect(AWS_MODEL_SOURCE).toMatch(/^aws-sdk@2\.\d+\.\d+ /);
  });

  it('cover every service the gateway can call', () => {
    expect(modelledServices()).toEqual(
      expect.arrayContaining([
        'autoScaling',
        'cloudWatch',
        'sqs',
        'costExplorer',
        'budgets',
        'rds',
        'route53',
        'ecs',
        'elastiCache',
        'ec2',
        'cloudFront',
        'sts',
      ]),
    );
  });

  it("carry AWS's paging tokens", () => {
    expect(operationModel('ecs', 'ListTaskDefinitions')?.paginator).toEqual({
      inputToken: 'nextToken',
      outputToken: 'nextToken',
      limitKey: 'maxResults',
    });
    expect(
      operationModel('autoScaling', 'DescribeScalingActivities')?.paginator,
    ).toMatchObject({ inputToken: 'NextToken', limitKey: 'MaxRecords' });
    expect(
      operationModel('route53', 'ListResourceRecordSets')?.paginator
        ?.inputToken,
    ).toEqual(['StartRecordName', 'StartRecordType', 'StartRecordIdentifier']);
  });
});

describe('validateAwsInput', () => {
  it('accepts a well-formed input', () => {
    expect(
      validateAwsInput('autoScaling', 'SetDesiredCapacity', {
        AutoScalingGroupName: 'prod-gpu',
        DesiredCapacity: 3,
        HonorCooldown: false,
      }),
    ).toEqual([]);
  });

  it('refuses a member the operation does not have (the SDK would drop it silently)', () => {
    const problems = validateAwsInput('autoScaling', 'SetDesiredCapacity', {
      AutoScalingGroupName: 'g',
      DesiredCapacity: 3,
      MinSize: 1,
    });
    expect(problems).toEqual([
      { path: 'MinSize', message: expect.stringContaining('is not a member') },
    ]);
  });

  it('refuses a missing required member and a wrong type, naming the path', () => {
    expect(
      validateAwsInput('autoScaling', 'SetDesiredCapacity', {
        DesiredCapacity: '3',
      }),
    ).toEqual([
      {
        path: 'AutoScalingGroupName',
        message: 'is required (member must not be null)',
      },
      { path: 'DesiredCapacity', message: 'expected an integer, got a string' },
    ]);
  });

  it('follows nested lists and shape references (Route 53 change batch)', () => {
    const problems = validateAwsInput('route53', 'ChangeResourceRecordSets', {
      HostedZoneId: 'Z1',
      ChangeBatch: {
        Changes: [
          {
            ResourceRecordSet: {
              Name: 'api.example.com',
              Type: 'A',
              Failover: 'PRIMARY',
              TTL: '60',
            },
          },
        ],
      },
    });
    expect(problems).toEqual([
      {
        path: 'ChangeBatch.Changes[0].Action',
        message: 'is required (member must not be null)',
      },
      {
        path: 'ChangeBatch.Changes[0].ResourceRecordSet.TTL',
        message: 'expected an integer, got a string',
      },
    ]);
  });

  it("validates recursive shapes (Cost Explorer's filter expression)", () => {
    const input = {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-29' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: {
        And: [
          { Tags: { Key: 'environment', Values: ['prod'] } },
          { Not: { Dimensions: { Key: 'SERVICE', Values: 'EC2' } } },
        ],
      },
    };
    expect(validateAwsInput('costExplorer', 'GetCostAndUsage', input)).toEqual([
      {
        path: 'Filter.And[1].Not.Dimensions.Values',
        message: 'expected a list, got a string',
      },
    ]);
  });

  it('accepts REST members bound to the URI or a header (CloudFront If-Match)', () => {
    expect(
      validateAwsInput('cloudFront', 'GetDistributionConfig', { Id: 'E123' }),
    ).toEqual([]);
    expect(
      validateAwsInput('cloudFront', 'UpdateDistribution', {
        Id: 'E123',
        IfMatch: 'E2',
        DistributionConfig: 'x',
      }),
    ).toEqual([
      {
        path: 'DistributionConfig',
        message: 'expected a structure, got a string',
      },
    ]);
  });

  it('checks timestamps and maps', () => {
    expect(
      validateAwsInput('cloudWatch', 'GetMetricData', {
        MetricDataQueries: [{ Id: 'q1', Expression: 'SUM(METRICS())' }],
        StartTime: new Date('2026-11-29T00:00:00Z'),
        EndTime: 'not a date',
      }),
    ).toEqual([
      { path: 'EndTime', message: 'expected a timestamp, got a string' },
    ]);
    expect(
      validateAwsInput('sqs', 'SetQueueAttributes', {
        QueueUrl: 'https://q',
        Attributes: { VisibilityTimeout: 30 },
      }),
    ).toEqual([
      {
        path: 'Attributes["VisibilityTimeout"]',
        message: 'expected a string, got a number',
      },
    ]);
  });

  it('refuses an operation AWS does not have', () => {
    expect(
      validateAwsInput('autoScaling', 'SetDesiredCapacityFast', {}),
    ).toEqual([
      {
        path: '',
        message:
          "autoScaling has no operation SetDesiredCapacityFast in AWS's API model",
      },
    ]);
  });

  it("words problems as AWS's validation errors do", () => {
    expect(
      validationMessage([
        {
          path: 'DesiredCapacity',
          message: 'is required (member must not be null)',
        },
      ]),
    ).toBe(
      "1 validation error detected: 'DesiredCapacity' is required (member must not be null)",
    );
  });

  it('accepts a number for a text member bound to the query string (Route 53 MaxItems), not in a body', () => {
    expect(validateAwsInput('route53', 'ListResourceRecordSets', { HostedZoneId: 'Z1', MaxItems: 100 })).toEqual([]);
    expect(
      validateAwsInput('route53', 'ChangeResourceRecordSets', {
        HostedZoneId: 'Z1',
        ChangeBatch: { Comment: 42, Changes: [] },
      }),
    ).toEqual([{ path: 'ChangeBatch.Comment', message: 'expected a string, got a number' }]);
  });
});
