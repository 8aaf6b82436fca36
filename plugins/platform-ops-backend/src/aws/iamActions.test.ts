import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { checkAwsAccounts } from './accountCheck';
import {
  CHANGE_IAM_ACTIONS,
  INDIRECT_IAM_ACTIONS,
  READ_IAM_ACTIONS,
} from './iamActions';
import { iamAction } from './services';
import { AwsServiceName } from './types';
import { importedAwsCommands } from './__testUtils__/importedAwsCommands';

describe('the IAM actions the platform-ops role needs', () => {
  const listed = new Set<string>([...READ_IAM_ACTIONS, ...CHANGE_IAM_ACTIONS]);

  it('are exactly those of the AWS commands the product sends', () => {
    const needed = new Set(
      importedAwsCommands()
        .filter(c => c.service !== 'sts')
        .map(c => iamAction(c.service as AwsServiceName, c.operation)),
    );
    expect([...needed].filter(a => !listed.has(a)).sort()).toEqual([]);
    expect([...listed].filter(a => !needed.has(a)).sort()).toEqual([]);
  });

  it('are the ones the backend README lists, and only those', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('### IAM'),
      readme.indexOf('## ', readme.indexOf('### IAM') + 5),
    );
    const inReadme = new Set(
      [...section.matchAll(/`([a-z0-9-]+:[A-Za-z]+)`/g)].map(m => m[1]),
    );
    const expected = new Set<string>([...listed, ...INDIRECT_IAM_ACTIONS]);
    expect([...expected].filter(a => !inReadme.has(a)).sort()).toEqual([]);
    expect([...inReadme].filter(a => !expected.has(a)).sort()).toEqual([]);
  });
});

describe('checkAwsAccounts', () => {
  it('says per account whether credentials can be obtained, and what the role needs, never failing', async () => {
    const credentials: AwsCredentialsManager = {
      async getCredentialProvider(opts) {
        if (opts?.accountId === '310987654321')
          throw Object.assign(
            new Error('AccessDenied: not authorized to perform sts:AssumeRole'),
            { name: 'AccessDenied' },
          );
        return {
          accountId: opts?.accountId,
          sdkCredentialProvider: async () => ({
            accessKeyId: 'ASIA',
            secretAccessKey: 'never-logged',
            expiration: new Date('2026-11-29T13:00:00Z'),
          }),
        };
      },
    };
    const lines: Array<[string, string]> = [];
    const logger = {
      info: (m: string) => lines.push(['info', m]),
      warn: (m: string) => lines.push(['warn', m]),
      error: () => {},
      debug: () => {},
      child: () => logger,
    };
    const results = await checkAwsAccounts({
      accountIds: ['210987654321', '310987654321'],
      credentials,
      logger,
    });
    expect(results.map(r => [r.accountId, r.ok])).toEqual([
      ['210987654321', true],
      ['310987654321', false],
    ]);
    expect(lines).toContainEqual([
      'info',
      'AWS account 210987654321: credentials obtained, valid until 2026-11-29T13:00:00.000Z',
    ]);
    expect(lines).toContainEqual([
      'warn',
      'AWS account 310987654321: no credentials: AccessDenied: AccessDenied: not authorized to perform sts:AssumeRole; its pages and controls will answer 403 until this is fixed',
    ]);
    expect(lines[0][1]).toContain('autoscaling:SetDesiredCapacity');
    expect(lines.map(l => l[1]).join('\n')).not.toContain('never-logged');
    expect(
      new ConfigReader({}).getOptionalConfigArray('aws.accounts'),
    ).toBeUndefined();
  });
});
