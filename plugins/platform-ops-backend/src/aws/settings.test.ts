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
    });
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
