import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a dry-run's plan token may be applied: long enough to read the plan, short enough to be current. */
export const PLAN_TOKEN_TTL_MS = 10 * 60 * 1000;

interface PlanTokenPayload {
  /** userEntityRef of who dry-ran the change: only they may apply it. */
  u: string;
  /** Action name (e.g. platform-ops:fleet-scale). */
  a: string;
  /** sha256 of the change's own input, canonical JSON: any edit after the dry-run is refused. */
  h: string;
  /** Expiry, epoch milliseconds. */
  e: number;
}

/** JSON with sorted keys, so the same input always hashes the same whatever its key order. */
function canonical(value: JsonValue | undefined): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter(k => value[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const inputHash = (input: { [key: string]: JsonValue | undefined }) =>
  createHash('sha256').update(canonical(input as JsonValue)).digest('base64url');

/**
 * Plan tokens: what an agent gets from a dry-run and must hand back to apply it. The token is
 * an HMAC over {user, action, input hash, expiry}, so it proves that this user saw the plan of
 * exactly this change a few minutes ago; nothing is stored, so any replica can check it when
 * they share the configured secret.
 */
export class PlanTokens {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `platformOps.actions.planTokenSecret` when set (needed with several replicas: a token
   * issued by one must verify on another); otherwise a random per-process secret, so a restart
   * simply asks the agent to dry-run again.
   */
  static fromConfig(config: Config): PlanTokens {
    const configured = config.getOptionalString('platformOps.actions.planTokenSecret');
    if (configured !== undefined && configured.length < 32) {
      throw new Error('platformOps.actions.planTokenSecret must be at least 32 characters');
    }
    return new PlanTokens(configured ? Buffer.from(configured, 'utf8') : randomBytes(32));
  }

  issue(userEntityRef: string, action: string, input: { [key: string]: JsonValue | undefined }) {
    const expiresAt = this.now() + PLAN_TOKEN_TTL_MS;
    const payload: PlanTokenPayload = { u: userEntityRef, a: action, h: inputHash(input), e: expiresAt };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { planToken: `${body}.${this.sign(body)}`, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Throws, saying why, unless the token was issued to this user for exactly this change and is current. */
  verify(token: string, userEntityRef: string, action: string, input: { [key: string]: JsonValue | undefined }): void {
    const [body, signature, extra] = token.split('.');
    const expected = body ? this.sign(body) : '';
    if (
      !body ||
      !signature ||
      extra !== undefined ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw new InputError(
        'planToken is not one this backend issued (altered, truncated, or from before a restart): dry-run the change again (without planToken) and apply with the new token',
      );
    }
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PlanTokenPayload;
    if (payload.u !== userEntityRef) {
      throw new NotAllowedError(
        `planToken was issued to ${payload.u}, not to you (${userEntityRef}): dry-run the change yourself to get your own token`,
      );
    }
    if (payload.a !== action || payload.h !== inputHash(input)) {
      throw new InputError(
        'planToken was issued for a different change (another action, target or value): dry-run this exact change and apply it with the token that dry-run returns',
      );
    }
    if (payload.e <= this.now()) {
      throw new InputError(
        `planToken expired at ${new Date(payload.e).toISOString()} (tokens last ${PLAN_TOKEN_TTL_MS / 60000} minutes): dry-run the change again to see the current plan`,
      );
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
