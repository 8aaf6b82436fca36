import {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
} from '@smithy/types';

/** Credentials are renewed this long before they expire, so no call signs with stale ones. */
export const CREDENTIALS_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One credential source shared by every client of an account. Each SDK client memoizes its
 * own credentials, so with one client per (account, region, service) an account's role was
 * assumed once per client: 12 sts:AssumeRole calls for one GET /fleets. This keeps one
 * session per account (and role), answers every client from it, renews it once when it is
 * within the margin of its expiry (concurrent callers share that one renewal), and forgets a
 * failed renewal so the next call tries again.
 */
export function shareCredentials(
  provider: AwsCredentialIdentityProvider,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let renewing: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) =>
    !c.expiration ||
    c.expiration.getTime() - now() > CREDENTIALS_REFRESH_MARGIN_MS;
  return async () => {
    if (current && fresh(current)) return current;
    renewing ??= provider()
      .then(c => {
        current = c;
        return c;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
}
