import { evaluateCapacity, evaluateCapacityChange, mergeCapacity } from './capacity';
import { DEFAULT_FLEET_LIMITS, fleetLimitsFor } from './limits';
import { GPU_ON_DEMAND_USD_PER_HOUR, unitHourlyUsd, worstCaseHourlyUsd } from './prices';

const sandbox = fleetLimitsFor({ name: 'sandbox-1', tier: 'sandbox' });
const dev = fleetLimitsFor({ name: 'dev', tier: 'dev' });

describe('fleetLimitsFor', () => {
  it('takes the tier defaults and names the config key that raises them', () => {
    expect(sandbox).toEqual({
      maxGpuInstances: 2,
      maxHourlyUsd: 2.5,
      configKey: 'platformOps.guardrails.environments.sandbox-1',
    });
  });

  it('lets config raise one limit and keeps the other', () => {
    expect(fleetLimitsFor({ name: 'p', tier: 'prod' }, { maxGpuInstances: 40 })).toMatchObject({
      maxGpuInstances: 40,
      maxHourlyUsd: DEFAULT_FLEET_LIMITS.prod.maxHourlyUsd,
    });
  });

  it('gives an unknown tier the smallest (dev) limits', () => {
    expect(fleetLimitsFor({ name: 'x', tier: 'prdo' })).toMatchObject(DEFAULT_FLEET_LIMITS.dev);
  });
});

describe('prices', () => {
  it('prices a mixed fleet at its dearest type, all on-demand', () => {
    expect(worstCaseHourlyUsd(4, ['g4dn.xlarge', 'g5.2xlarge'])).toBe(4 * GPU_ON_DEMAND_USD_PER_HOUR['g5.2xlarge']);
  });

  it('prices an unknown type at the dearest price of the table', () => {
    expect(unitHourlyUsd('p5.48xlarge', 'on-demand')).toBe(Math.max(...Object.values(GPU_ON_DEMAND_USD_PER_HOUR)));
  });

  it('prices spot at the seed saving', () => {
    expect(unitHourlyUsd('g4dn.xlarge', 'spot')).toBe(0.158);
  });
});

describe('evaluateCapacity', () => {
  it('passes a state inside the limits', () => {
    expect(
      evaluateCapacity({ minSize: 1, maxSize: 2, desiredCapacity: 1, instanceTypes: ['g4dn.xlarge'] }, sandbox),
    ).toEqual([]);
  });

  it('refuses 50 GPU workers in a sandbox on count and on dollars, naming the config keys', () => {
    const findings = evaluateCapacity({ minSize: 1, maxSize: 50, instanceTypes: ['g4dn.xlarge'] }, sandbox, 'sandbox-1');
    expect(findings.map(f => [f.rule, f.field, f.configKey])).toEqual([
      ['max-gpu-instances', 'maxSize', 'platformOps.guardrails.environments.sandbox-1.maxGpuInstances'],
      ['max-hourly-usd', 'maxSize', 'platformOps.guardrails.environments.sandbox-1.maxHourlyUsd'],
    ]);
    expect(findings[1].message).toContain('$26.30/hour');
  });

  it('judges a mixed fleet by its dearest type, not its first', () => {
    // 4 x g4dn.xlarge would be $2.10 (under $2.50); 4 x g5.2xlarge is $4.85.
    const limits = fleetLimitsFor({ name: 'sandbox-1', tier: 'sandbox' }, { maxGpuInstances: 5 });
    const findings = evaluateCapacity({ minSize: 0, maxSize: 4, instanceTypes: ['g4dn.xlarge', 'g5.2xlarge'] }, limits);
    expect(findings).toEqual([expect.objectContaining({ rule: 'max-hourly-usd', value: 4.848, limit: 2.5 })]);
  });

  it('refuses an on-demand base above max and min above max', () => {
    const rules = evaluateCapacity(
      { minSize: 3, maxSize: 2, onDemandBaseCapacity: 9, instanceTypes: ['g4dn.xlarge'] },
      fleetLimitsFor({ name: 's', tier: 'staging' }),
    ).map(f => f.rule);
    expect(rules).toEqual(['min-above-max', 'on-demand-base-above-max']);
  });
});

describe('evaluateCapacityChange', () => {
  const devGroup = { minSize: 0, maxSize: 1, desiredCapacity: 0, instanceTypes: ['g4dn.xlarge'] };

  it('merges a min-only scheduled action with the current max: min 50 > max 1 is refused', () => {
    const rules = evaluateCapacityChange(devGroup, { minSize: 50 }, dev).map(f => `${f.rule}:${f.field}`);
    expect(rules).toEqual(['max-gpu-instances:minSize', 'min-above-max:minSize']);
  });

  it('pulls an unset desired capacity inside the new min/max, as AWS does', () => {
    expect(mergeCapacity(devGroup, { minSize: 1 }).desiredCapacity).toBe(1);
    expect(mergeCapacity({ ...devGroup, desiredCapacity: 5, maxSize: 5 }, { maxSize: 2 }).desiredCapacity).toBe(2);
  });

  it('never refuses a move back toward the limits of a group already above them', () => {
    const over = { minSize: 0, maxSize: 30, desiredCapacity: 30, instanceTypes: ['g4dn.xlarge'] };
    expect(evaluateCapacityChange(over, { desiredCapacity: 10 }, sandbox)).toEqual([]);
    expect(evaluateCapacityChange(over, { maxSize: 20, desiredCapacity: 1 }, sandbox)).toEqual([]);
    expect(evaluateCapacityChange(over, { maxSize: 31 }, sandbox).map(f => f.rule)).toEqual([
      'max-gpu-instances',
      'max-hourly-usd',
    ]);
  });
});
