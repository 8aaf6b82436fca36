import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  CHANGE_IAM_ACTIONS,
  INDIRECT_IAM_ACTIONS,
  READ_IAM_ACTIONS,
} from './iamActions';

/**
 * At start-up with real AWS: for each account in the `aws.accounts` config, whether its
 * credentials (usually an assumed role) can be obtained, and once what the role needs. A
 * set-up gap shows in the first minute of the log, not as a 403 on somebody's dashboard.
 * Never fails the start: an account may be unreachable for reasons that pass.
 */
export async function checkAwsAccounts(options: {
  accountIds: string[];
  credentials: AwsCredentialsManager;
  logger: LoggerService;
}): Promise<Array<{ accountId: string; ok: boolean; detail: string }>> {
  const { accountIds, credentials, logger } = options;
  logger.info(
    `AWS: the platform-ops role in each account needs, to read: ${READ_IAM_ACTIONS.join(
      ', ',
    )}; to change: ${CHANGE_IAM_ACTIONS.join(
      ', ',
    )} (and ${INDIRECT_IAM_ACTIONS.join(', ')} for DLQ redrives)`,
  );
  const results = await Promise.all(
    accountIds.map(async accountId => {
      try {
        const { sdkCredentialProvider } =
          await credentials.getCredentialProvider({ accountId });
        const identity = await sdkCredentialProvider();
        const until = identity.expiration
          ? `, valid until ${identity.expiration.toISOString()}`
          : '';
        return { accountId, ok: true, detail: `credentials obtained${until}` };
      } catch (error) {
        // The error's name and message only: never the credentials or the request.
        const e = error instanceof Error ? error : new Error(String(error));
        return {
          accountId,
          ok: false,
          detail: `no credentials: ${e.name}: ${e.message}`,
        };
      }
    }),
  );
  for (const r of results) {
    if (r.ok) logger.info(`AWS account ${r.accountId}: ${r.detail}`);
    else
      logger.warn(
        `AWS account ${r.accountId}: ${r.detail}; its pages and controls will answer 403 until this is fixed`,
      );
  }
  return results;
}
