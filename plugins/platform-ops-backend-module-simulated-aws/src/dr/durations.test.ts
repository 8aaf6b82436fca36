import { seededRandom } from '../random';
import { DR_DURATIONS, drawMs, healthCheckConfigFor } from './durations';

describe('DR durations', () => {
  it('draws within each distribution, with variance, centred near its most likely value', () => {
    const random = seededRandom(7);
    for (const d of Object.values(DR_DURATIONS)) {
      const draws = Array.from({ length: 2000 }, () => drawMs(random, d) / 1000);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(d.minSeconds);
      expect(Math.max(...draws)).toBeLessThanOrEqual(d.maxSeconds);
      const sorted = [...draws].sort((a, b) => a - b);
      const median = sorted[1000];
      // A triangular distribution's median lies between its mode and its mean.
      const mean = (d.minSeconds + d.modeSeconds + d.maxSeconds) / 3;
      expect(median).toBeGreaterThan(Math.min(d.modeSeconds, mean) * 0.95);
      expect(median).toBeLessThan(Math.max(d.modeSeconds, mean) * 1.05);
      expect(sorted[1900] - sorted[100]).toBeGreaterThan((d.maxSeconds - d.minSeconds) / 3);
    }
  });

  it('is deterministic for a seed', () => {
    const a = seededRandom(11);
    const b = seededRandom(11);
    expect(drawMs(a, DR_DURATIONS.rdsPromotion)).toBe(drawMs(b, DR_DURATIONS.rdsPromotion));
  });

  it('gives every health check settings AWS allows, fixed per check', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `abcdef-${i}`);
    const configs = ids.map(healthCheckConfigFor);
    for (const c of configs) {
      expect([10, 30]).toContain(c.requestInterval);
      expect(c.failureThreshold).toBeGreaterThanOrEqual(1);
      expect(c.failureThreshold).toBeLessThanOrEqual(10);
    }
    expect(new Set(configs.map(c => c.requestInterval)).size).toBe(2);
    expect(healthCheckConfigFor('abcdef-3')).toEqual(healthCheckConfigFor('abcdef-3'));
  });
});
