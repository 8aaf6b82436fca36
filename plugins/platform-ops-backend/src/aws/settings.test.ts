import { ConfigReader } from '@backstage/config';
import { readAwsGatewaySettings } from './settings';

describe('readAwsGatewaySettings', () => {
  it('leaves the mode to the installation (see createAwsGateway) with standard retries', () => {
    expect(readAwsGatewaySettings(new ConfigReader({}))).toEqual({
      mode: undefined,
      retryMode: 'standard',
      maxAttempts: 3,
      throttledRetryAfterSeconds: 5,
      requestTimeoutMs: 10_000,
      connectionTimeoutMs: 3_000,
      endpoints: {},
      stsEndpoint: undefined,
    });
  });

  it('reads every key', () => {
    const settings = readAwsGatewaySettings(
      new ConfigReader({
        platformOps: {
          aws: {
            mode: 'aws',
            retry: { mode: 'adaptive', maxAttempts: 5, throttledRetryAfterSeconds: 20 },
            timeouts: { requestMs: 4000, connectionMs: 1000 },
            endpoints: { sqs: 'http://localhost:4566', rds: 'http://localhost:4566' },
          },
        },
      }),
    );
    expect(settings).toEqual({
      mode: 'aws',
      retryMode: 'adaptive',
      maxAttempts: 5,
      throttledRetryAfterSeconds: 20,
      requestTimeoutMs: 4000,
      connectionTimeoutMs: 1000,
      endpoints: { sqs: 'http://localhost:4566', rds: 'http://localhost:4566' },
      stsEndpoint: undefined,
    });
  });

  it('points every service and STS at one endpoint with `default`, a service key still winning', () => {
    const settings = readAwsGatewaySettings(
      new ConfigReader({
        platformOps: { aws: { endpoints: { default: 'http://emulator:4566', sqs: 'http://sqs:9324' } } },
      }),
    );
    expect(settings.endpoints).toEqual({
      autoScaling: 'http://emulator:4566',
      cloudWatch: 'http://emulator:4566',
      sqs: 'http://sqs:9324',
      costExplorer: 'http://emulator:4566',
      budgets: 'http://emulator:4566',
      rds: 'http://emulator:4566',
      route53: 'http://emulator:4566',
      ecs: 'http://emulator:4566',
      elastiCache: 'http://emulator:4566',
      ec2: 'http://emulator:4566',
      cloudFront: 'http://emulator:4566',
      s3: 'http://emulator:4566',
      resourceGroupsTagging: 'http://emulator:4566',
    });
    expect(settings.stsEndpoint).toBe('http://emulator:4566');
    const sts = readAwsGatewaySettings(new ConfigReader({ platformOps: { aws: { endpoints: { sts: 'http://sts:1' } } } }));
    expect(sts.stsEndpoint).toBe('http://sts:1');
    expect(sts.endpoints).toEqual({});
  });

  it('refuses bad config at start-up, naming each key', () => {
    const read = () =>
      readAwsGatewaySettings(
        new ConfigReader({
          platformOps: {
            aws: { mode: 'real', retry: { maxAttempts: 0 }, endpoints: { sqss: 'http://x' } },
          },
        }),
      );
    expect(read).toThrow(/platformOps\.aws\.mode/);
    expect(read).toThrow(/platformOps\.aws\.retry\.maxAttempts/);
    expect(read).toThrow(/unknown service "sqss"/);
  });
});
