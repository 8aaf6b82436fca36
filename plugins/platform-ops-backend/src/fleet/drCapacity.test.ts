import { drFleetCapacity } from './drCapacity';

describe('drFleetCapacity (region failover DR capacity under the guardrail policy)', () => {
  it('keeps what the primary ran when it is within the tier limits', () => {
    expect(drFleetCapacity({ name: 'prod', tier: 'prod' }, 6, { instanceTypes: ['g4dn.xlarge', 'g5.xlarge'] })).toMatchObject({
      desired: 6,
      findings: [],
    });
  });

  it('caps at the tier instance limit and says which limit and key', () => {
    const { desired, findings } = drFleetCapacity({ name: 'staging', tier: 'staging' }, 9, { instanceTypes: ['g4dn.xlarge'] });
    expect(desired).toBe(4);
    expect(findings[0]).toContain('platformOps.guardrails.environments.staging.maxGpuInstances');
  });

  it('caps at the dollar limit priced at the dearest type when config raised the count', () => {
    const { desired } = drFleetCapacity({ name: 'prod', tier: 'prod' }, 40, {
      instanceTypes: ['g4dn.xlarge', 'g5.2xlarge'],
      limits: { maxGpuInstances: 40 },
    });
    // $25 / $1.212 = 20.6 -> 20 instances.
    expect(desired).toBe(20);
  });
});
