import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { ConfigReader } from '@backstage/config';
import { AwsCredentialIdentity } from '@smithy/types';
import { AwsClientFactory } from './AwsClientFactory';
import { readAwsGatewaySettings } from './settings';
import {
  CREDENTIALS_REFRESH_MARGIN_MS,
  shareCredentials,
} from './sharedCredentials';
import { AwsServiceName } from './types';

const HOUR = 3_600_000;

/** Stands in for sts:AssumeRole: counts the sessions it hands out, each valid for an hour. */
function fakeAssumeRole() {
  const calls: string[] = [];
  const manager: AwsCredentialsManager = {
    async getCredentialProvider(opts) {
      const accountId = opts?.accountId ?? 'main';
      return {
        accountId,
        sdkCredentialProvider: async (): Promise<AwsCredentialIdentity> => {
          calls.push(accountId);
          return {
            accessKeyId: `ASIA${accountId}${calls.length}`,
            secretAccessKey: 'secret',
            sessionToken: 'token',
            expiration: new Date(Date.now() + HOUR),
          };
        },
      };
    },
  };
  return { manager, calls };
}

describe('credentials once per account', () => {
  afterEach(() => jest.useRealTimers());

  it('assumes each account role once for all its region and service clients', async () => {
    // Only the clock is faked (timers stay real): the factory reads expiry against Date.now.
    let clock = Date.parse('2026-11-29T12:00:00Z');
    jest.useFakeTimers({
      now: clock,
      doNotFake: [
        'setTimeout',
        'setInterval',
        'setImmediate',
        'nextTick',
        'queueMicrotask',
      ],
    });
    const { manager, calls } = fakeAssumeRole();
    const factory = new AwsClientFactory(
      readAwsGatewaySettings(
        new ConfigReader({ platformOps: { aws: { mode: 'aws' } } }),
      ),
      {
        mode: 'aws',
        credentials: manager,
      },
    );
    const accounts = ['210987654321', '310987654321', '410987654321'];
    const services: AwsServiceName[] = [
      'autoScaling',
      'cloudWatch',
      'sqs',
      'ec2',
    ];
    // What one GET /fleets signs with: every service in two regions of each account, at once.
    const sign = () =>
      Promise.all(
        accounts.flatMap(accountId =>
          ['us-east-1', 'us-west-2'].flatMap(region =>
            services.map(async service =>
              (
                await factory.getClient({ accountId, region }, service)
              ).config.credentials(),
            ),
          ),
        ),
      );
    const first = await sign();
    expect(first).toHaveLength(24);
    expect(calls.sort()).toEqual(accounts);

    // Still valid: no new session. Within the refresh margin: exactly one more per account.
    clock += HOUR - CREDENTIALS_REFRESH_MARGIN_MS - 60_000;
    jest.setSystemTime(clock);
    await sign();
    expect(calls).toHaveLength(3);
    clock += 2 * 60_000;
    jest.setSystemTime(clock);
    const renewed = await sign();
    expect(calls).toHaveLength(6);
    expect(new Set(renewed.map(c => c.accessKeyId)).size).toBe(3);
  });

  it('shares one renewal between concurrent callers and retries after a failed one', async () => {
    let n = 0;
    let fail = true;
    const shared = shareCredentials(async () => {
      n++;
      await new Promise(r => setTimeout(r, 5));
      if (fail) throw new Error('sts unavailable');
      return { accessKeyId: `k${n}`, secretAccessKey: 's' };
    });
    await expect(Promise.all([shared(), shared(), shared()])).rejects.toThrow(
      'sts unavailable',
    );
    expect(n).toBe(1);
    fail = false;
    const [a, b] = await Promise.all([shared(), shared()]);
    expect(n).toBe(2);
    expect(a).toBe(b);
    // Credentials without an expiry (long-term keys) are never renewed.
    await shared();
    expect(n).toBe(2);
  });
});
