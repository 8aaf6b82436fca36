import { ConfigReader } from '@backstage/config';
import { PlanTokens, PLAN_TOKEN_TTL_MS } from './planToken';

const USER = 'user:default/ana-platform';
const INPUT = { entityRef: 'resource:default/staging-gpu-fleet', desiredCapacity: 4 };

describe('PlanTokens', () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const tokens = new PlanTokens(Buffer.from('s'.repeat(32)), () => now);

  it('accepts the same user, action and input, whatever the key order, until the expiry', () => {
    const { planToken, expiresAt } = tokens.issue(USER, 'scale-fleet', INPUT);
    expect(expiresAt).toBe('2026-01-01T00:10:00.000Z');
    expect(() => tokens.verify(planToken, USER, 'scale-fleet', { desiredCapacity: 4, entityRef: INPUT.entityRef })).not.toThrow();
    now += PLAN_TOKEN_TTL_MS - 1;
    expect(() => tokens.verify(planToken, USER, 'scale-fleet', INPUT)).not.toThrow();
    now += 1;
    expect(() => tokens.verify(planToken, USER, 'scale-fleet', INPUT)).toThrow(/planToken expired at 2026-01-01T00:10:00.000Z/);
  });

  it('refuses another user, another action or another input', () => {
    const { planToken } = tokens.issue(USER, 'scale-fleet', INPUT);
    expect(() => tokens.verify(planToken, 'user:default/vik-video', 'scale-fleet', INPUT)).toThrow(
      /issued to user:default\/ana-platform, not to you \(user:default\/vik-video\)/,
    );
    expect(() => tokens.verify(planToken, USER, 'set-fleet-spot-share', INPUT)).toThrow(/issued for a different change/);
    expect(() => tokens.verify(planToken, USER, 'scale-fleet', { ...INPUT, desiredCapacity: 5 })).toThrow(/issued for a different change/);
  });

  it('refuses a token signed with another secret, an edited payload and garbage', () => {
    const other = new PlanTokens(Buffer.from('t'.repeat(32)), () => now).issue(USER, 'scale-fleet', INPUT);
    expect(() => tokens.verify(other.planToken, USER, 'scale-fleet', INPUT)).toThrow(/not one this backend issued/);
    const { planToken } = tokens.issue(USER, 'scale-fleet', INPUT);
    const [body, signature] = planToken.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...payload, e: payload.e + 3_600_000 })).toString('base64url')}.${signature}`;
    expect(() => tokens.verify(forged, USER, 'scale-fleet', INPUT)).toThrow(/not one this backend issued/);
    for (const garbage of ['', 'abc', `${planToken}.x`]) {
      expect(() => tokens.verify(garbage, USER, 'scale-fleet', INPUT)).toThrow(/not one this backend issued/);
    }
  });

  it('takes a configured secret (shared by replicas) and refuses a short one', () => {
    const secret = 'x'.repeat(40);
    const a = PlanTokens.fromConfig(new ConfigReader({ platformOps: { actions: { planTokenSecret: secret } } }));
    const b = PlanTokens.fromConfig(new ConfigReader({ platformOps: { actions: { planTokenSecret: secret } } }));
    const { planToken } = a.issue(USER, 'redrive-dlq', INPUT);
    expect(() => b.verify(planToken, USER, 'redrive-dlq', INPUT)).not.toThrow();
    const c = PlanTokens.fromConfig(new ConfigReader({}));
    expect(() => c.verify(planToken, USER, 'redrive-dlq', INPUT)).toThrow(/not one this backend issued/);
    expect(() => PlanTokens.fromConfig(new ConfigReader({ platformOps: { actions: { planTokenSecret: 'short' } } }))).toThrow(
      /at least 32 characters/,
    );
  });
});
