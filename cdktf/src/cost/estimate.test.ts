import { synthesize } from '../synth/synthesize';
import { SynthResult } from '../synth/types';
import { estimateMonthlyCost, formatCostEstimate } from './estimate';
import { GPU_ON_DEMAND_USD_PER_HOUR } from '@platformops/platform-ops-guardrails';
import { PRICES } from './price-table';

let dev: SynthResult;
let prod: SynthResult;
beforeAll(() => {
  dev = synthesize({ name: 'dev-1', tier: 'dev', region: 'us-east-1' });
  prod = synthesize({ name: 'prod-1', tier: 'prod', region: 'us-east-1', dns: { hostedZoneId: 'Z0PROD1', zoneName: 'video.example.com' } });
  // The first synthesis in a fresh Jest cache transforms the provider modules: allow for it.
}, 60_000);

describe('estimateMonthlyCost', () => {
  it('prices prod line by line from the bundled table', () => {
    const estimate = estimateMonthlyCost(prod);
    const nat = estimate.lineItems.filter(i => i.resource.startsWith('aws_nat_gateway.'));
    // One per AZ in the primary region, a single one for the DR region's pilot light.
    expect(nat).toHaveLength(4);
    expect(nat.filter(i => i.resource.startsWith('aws_nat_gateway.dr_'))).toHaveLength(1);
    expect(nat[0].monthlyUsd).toBe(32.85);
    const gpu = estimate.lineItems.find(i => i.service === 'GPU fleet' && !i.resource.includes('.dr_'))!;
    // 2 x g4dn.xlarge, 30 % on demand, 70 % spot at 70 % off: 0.526 * (0.6 + 1.4 * 0.3) * 730
    expect(gpu.monthlyUsd).toBeCloseTo(0.526 * (0.6 + 1.4 * 0.3) * 730, 1);
    expect(gpu.priceSource).toBe('seed 004 GPU table');
    const rds = estimate.lineItems.filter(i => i.service === 'RDS');
    expect(rds.find(i => i.description.startsWith('db.r6g.xlarge Multi-AZ'))!.monthlyUsd).toBeCloseTo(0.449 * 2 * 730, 1);
    expect(estimate.totalMonthlyUsd).toBeCloseTo(
      estimate.lineItems.reduce((s, i) => s + i.monthlyUsd, 0),
      1,
    );
    // 2-20 GPU workers: the busy-month bound is far above the baseline.
    expect(estimate.totalAtMaxGpuUsd).toBeGreaterThan(estimate.totalMonthlyUsd + 3000);
  });

  it('prices the DR pilot light at zero capacity and its fixed parts in full', () => {
    const estimate = estimateMonthlyCost(prod);
    const dr = estimate.lineItems.filter(i => i.resource.includes('.dr_'));
    const gpu = dr.filter(i => i.service === 'GPU fleet');
    expect(gpu).toHaveLength(1);
    expect(gpu[0].monthlyUsd).toBe(0);
    expect(gpu[0].description).toContain('DR pilot light: 0 x g4dn.xlarge');
    expect(dr.filter(i => i.service === 'ECS Fargate').map(i => i.monthlyUsd)).toEqual([0, 0]);
    // The DR ALB is paid whether or not it serves traffic: 730 h + 1 LCU.
    expect(dr.find(i => i.service === 'Load balancing')!.monthlyUsd).toBeCloseTo((0.0225 + 0.008) * 730, 1);
    const checks = estimate.lineItems.filter(i => i.service === 'Route 53');
    expect(checks.map(i => i.monthlyUsd)).toEqual([0.5, 0.5]);
    // The DR copy of the assets bucket is priced as Standard-IA, not as a second assets bucket.
    const replica = estimate.lineItems.find(i => i.description.includes('Standard-IA replica'))!;
    expect(replica.monthlyUsd).toBeCloseTo(5000 * 0.0125, 1);
    expect(estimate.lineItems.filter(i => i.description.includes('GB Standard (')).length).toBe(1);
    // The busy-month bound scales the primary fleet only (a failover moves the load).
    const primaryGpu = estimate.lineItems.find(i => i.service === 'GPU fleet' && !i.resource.includes('.dr_'))!;
    const perInstance = 0.526 * (0.3 + 0.7 * 0.3) * 730;
    expect(estimate.totalAtMaxGpuUsd - estimate.totalMonthlyUsd).toBeCloseTo(18 * perInstance, 0);
    expect(primaryGpu.monthlyUsd).toBeCloseTo(2 * perInstance, 1);
  });

  it('prints its assumptions: hours, spot share and discount, storage', () => {
    const text = formatCostEstimate(estimateMonthlyCost(prod));
    expect(text).toContain('730 hours per month');
    expect(text).toContain('70% below on-demand');
    expect(text).toContain('5000 GB in the assets bucket');
    expect(text).toMatch(/\*\*Estimated monthly cost: \$[\d,]+\.\d\d\*\*/);
  });

  it('dev is far cheaper than prod and storage is overridable', () => {
    const d = estimateMonthlyCost(dev).totalMonthlyUsd;
    expect(d).toBeLessThan(estimateMonthlyCost(prod).totalMonthlyUsd / 5);
    expect(estimateMonthlyCost(dev, { storageGb: 1050 }).totalMonthlyUsd).toBeCloseTo(d + 1000 * 0.023, 1);
  });
});

describe('the GPU prices of the estimate', () => {
  it('come from the one GPU price table (gpuPrices.ts), every type of it', () => {
    expect(Object.fromEntries(Object.entries(PRICES.ec2).map(([t, p]) => [t, p.usd]))).toEqual(GPU_ON_DEMAND_USD_PER_HOUR);
  });
});
