import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startSimulatedBackend } from '../fleet/__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

/**
 * The findings of issue #13, each replayed against the simulated account through the HTTP
 * layer: every one is now refused before AWS is called, naming the field and the limit.
 */
describe('one guardrail policy on every fleet path (simulated account)', () => {
  let server: Awaited<ReturnType<typeof startSimulatedBackend>>['server'];
  beforeAll(async () => {
    ({ server } = await startSimulatedBackend({
      simulation: { backfillHours: 0, seed: 5 },
      // Count limit raised for prod, dollars left at $25: the dollar limit must still hold.
      platformOps: { guardrails: { environments: { prod: { maxGpuInstances: 40 } } } },
    }));
  });

  const auth = mockCredentials.user.header('user:default/ana-platform');
  const post = (path: string, body: object) =>
    request(server).post(`/api/platform-ops/fleets/${path}`).set('Authorization', auth).send(body);
  const mutatingCalls = async () => {
    const { byOperation } = (await request(server).get('/api/platform-ops/aws/ledger').set('Authorization', auth)).body;
    return Object.keys(byOperation).filter(op => !/\.(Describe|Get|List)/.test(op));
  };

  it('refuses a scheduled action that sets only minSize above the group max and the tier limit', async () => {
    const res = await post('scheduled-actions', {
      entityRef: 'resource:default/dev-gpu-fleet',
      name: 'min-only-probe',
      recurrence: '* * * * *',
      minSize: 50,
      reason: 'probe the guardrail',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Refused by guardrail: minSize 50 of dev-gpu-workers when scheduled action min-only-probe fires exceeds the limit of 1 GPU instances; to allow it, raise platformOps.guardrails.environments.dev.maxGpuInstances',
    );
    // Within the tier limit but above the group's max: a 400, min above max.
    const staging = await post('scheduled-actions', {
      entityRef: 'resource:default/staging-gpu-fleet',
      name: 'min-only-probe',
      recurrence: '0 8 * * 1-5',
      minSize: 3,
      maxSize: 4,
      reason: 'morning floor',
      dryRun: true,
    });
    expect(staging.status).toBe(200);
    expect(await mutatingCalls()).toEqual([]);
  });

  it('refuses an on-demand base above max in the spot-share change (base 9, max 4)', async () => {
    const res = await post('spot-share', {
      entityRef: 'resource:default/staging-gpu-fleet',
      onDemandBaseCapacity: 9,
      onDemandPercentageAboveBaseCapacity: 30,
      reason: 'more on-demand',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'onDemandBaseCapacity 9 of staging-gpu-workers would be above its maxSize 4: the base can never be reached',
    );
  });

  it('refuses letters in a cron expression in the dry-run already', async () => {
    const res = await post('scheduled-actions', {
      entityRef: 'resource:default/dev-gpu-fleet',
      name: 'letters',
      recurrence: 'foo bar baz qux quux',
      desiredCapacity: 0,
      reason: 'cron probe',
      dryRun: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('recurrence "foo bar baz qux quux" is not an Auto Scaling cron expression: minute: "foo" is not a number');
  });

  it('refuses a NUL byte in reason with a 400 naming the field, nothing stored', async () => {
    const res = await post('desired-capacity', {
      entityRef: 'resource:default/prod-gpu-fleet',
      desiredCapacity: 5,
      reason: 'nul\u0000byte',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('reason must not contain control characters (such as NUL)');
    const history = await request(server)
      .get('/api/platform-ops/fleets/history?entityRef=resource:default/prod-gpu-fleet')
      .set('Authorization', auth);
    expect(history.body.items).toEqual([]);
    expect(await mutatingCalls()).toEqual([]);
  });

  it('prices the whole instance mix of the fleet at its dearest type, all on-demand', async () => {
    const fleet = (
      await request(server).get('/api/platform-ops/fleets/by-entity?entityRef=resource:default/prod-gpu-fleet').set('Authorization', auth)
    ).body;
    expect(fleet.guardrail).toMatchObject({ maxGpuInstances: 40, maxHourlyUsd: 25 });
    const types: string[] = fleet.distribution.instanceTypes;
    expect(types).toEqual(['g4dn.xlarge', 'g4dn.2xlarge', 'g5.xlarge']);
    // 25 x g5.xlarge on-demand = $25.15 > $25 (priced by the first type it would be $13.15).
    const res = await post('size', { entityRef: 'resource:default/prod-gpu-fleet', minSize: 2, maxSize: 25, reason: 'bigger', dryRun: true });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Refused by guardrail: maxSize 25 of prod-gpu-workers may cost $25.15/hour (all on-demand at $1.01 each, the dearest of g4dn.xlarge, g4dn.2xlarge, g5.xlarge), above the limit of $25.00/hour; to allow it, raise platformOps.guardrails.environments.prod.maxHourlyUsd',
    );
    const ok = await post('size', { entityRef: 'resource:default/prod-gpu-fleet', minSize: 2, maxSize: 24, reason: 'bigger', dryRun: true });
    expect(ok.status).toBe(200);
  });
});
