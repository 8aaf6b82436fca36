import * as guardrails from '@platformops/platform-ops-guardrails';
import { AUTO_SCALING_PROCESSES } from './fleetQueues';
import { GPU_ON_DEMAND_USD_PER_HOUR, GPU_SPOT_DISCOUNT } from './gpuPrices';
import { describeZodError, entityRefSchema } from './schemas';

describe('entityRefSchema (every route that names an entity)', () => {
  it.each(['resource:default/prod-gpu-fleet', 'Component:default/video-api', 'resource:team-a/prod.queue_1'])(
    'accepts %s',
    ref => {
      expect(entityRefSchema.parse(ref)).toBe(ref);
    },
  );

  it.each([
    ['prod-postgres', 'entityRef must look like resource:default/prod-postgres'],
    ['resource:prod-postgres', 'entityRef must look like resource:default/prod-postgres'],
    [`resource:default/${'a'.repeat(260)}`, 'entityRef must be at most 255 characters'],
  ])('refuses %s with a message that says why', (ref, message) => {
    const parsed = entityRefSchema.safeParse(ref);
    expect(parsed.error && describeZodError(parsed.error)).toContain(message);
  });

  it('says an entityRef is required when there is none', () => {
    const parsed = entityRefSchema.safeParse(undefined);
    expect(parsed.error && describeZodError(parsed.error)).toContain('entityRef is required');
  });
});

describe('the one GPU price table', () => {
  it('is the very table of the guardrails package, which the CDKTF estimate also prices with (not a copy)', () => {
    expect(GPU_ON_DEMAND_USD_PER_HOUR).toBe(guardrails.GPU_ON_DEMAND_USD_PER_HOUR);
    expect(GPU_ON_DEMAND_USD_PER_HOUR['g4dn.xlarge']).toBe(0.526);
    expect(GPU_SPOT_DISCOUNT).toBe(guardrails.GPU_SPOT_DISCOUNT);
  });
});

describe('AUTO_SCALING_PROCESSES', () => {
  it("lists Auto Scaling's nine suspendable processes once", () => {
    expect(new Set(AUTO_SCALING_PROCESSES).size).toBe(9);
    expect(AUTO_SCALING_PROCESSES).toContain('AZRebalance');
  });
});
