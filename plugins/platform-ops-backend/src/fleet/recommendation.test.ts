import { DEFAULT_SCALING_RULE, readFleetSettings } from './fleetSettings';
import { recommendCapacity, stepWorkers } from './recommendation';
import { ConfigReader } from '@backstage/config';

const base = {
  emptyForMinutes: 0,
  desiredCapacity: 1,
  minSize: 0,
  maxSize: 20,
  maxGpuInstances: 20,
  rule: DEFAULT_SCALING_RULE,
};

describe('backlog rule (seeds 000 and 004)', () => {
  it.each([
    [0, 0],
    [9, 0],
    [10, 1],
    [24, 1],
    [25, 2],
    [50, 4],
    [100, 8],
    [500, 40],
  ])('%i visible messages -> %i workers', (visible, workers) => {
    expect(stepWorkers(visible, DEFAULT_SCALING_RULE)).toBe(workers);
  });

  it('scales up to the step, capped by the guardrail', () => {
    expect(recommendCapacity({ ...base, visible: 50 })).toMatchObject({ desiredCapacity: 4, direction: 'up' });
    const capped = recommendCapacity({ ...base, visible: 500, maxGpuInstances: 4 });
    expect(capped).toMatchObject({ desiredCapacity: 4, direction: 'up' });
    expect(capped.reason).toContain('capped at 4');
  });

  it('adds a worker above the scale-up threshold even when the steps are met', () => {
    const advice = recommendCapacity({ ...base, visible: 120, desiredCapacity: 10 });
    expect(advice).toMatchObject({ desiredCapacity: 11, direction: 'up' });
    expect(advice.reason).toContain('above the scale-up threshold of 100');
  });

  it('scales in to the minimum only after 10 minutes empty', () => {
    expect(recommendCapacity({ ...base, visible: 0, desiredCapacity: 4, emptyForMinutes: 9 })).toMatchObject({
      desiredCapacity: 4,
      direction: 'hold',
    });
    expect(recommendCapacity({ ...base, visible: 0, desiredCapacity: 4, emptyForMinutes: 10, minSize: 1 })).toMatchObject({
      desiredCapacity: 1,
      direction: 'down',
    });
  });

  it('scales down below 20 messages, never to zero while messages wait', () => {
    expect(recommendCapacity({ ...base, visible: 12, desiredCapacity: 6 })).toMatchObject({ desiredCapacity: 1, direction: 'down' });
    expect(recommendCapacity({ ...base, visible: 5, desiredCapacity: 2 })).toMatchObject({ desiredCapacity: 1, direction: 'down' });
    // 30 messages with 4 workers: above the scale-down threshold, hold.
    expect(recommendCapacity({ ...base, visible: 30, desiredCapacity: 4 })).toMatchObject({ desiredCapacity: 4, direction: 'hold' });
  });

  it('reads a per-fleet rule and guardrails from config, with tier defaults', () => {
    const settings = readFleetSettings(
      new ConfigReader({
        platformOps: {
          fleet: { rules: { fleets: { 'dev-gpu-fleet': { steps: [{ messages: 1, workers: 1 }], scaleInAfterEmptyMinutes: 2 } } } },
          guardrails: { environments: { staging: { maxGpuInstances: 6 } } },
        },
      }),
    );
    expect(settings.ruleFor('dev-gpu-fleet')).toEqual({
      ...DEFAULT_SCALING_RULE,
      steps: [{ messages: 1, workers: 1 }],
      scaleInAfterEmptyMinutes: 2,
    });
    expect(settings.ruleFor('prod-gpu-fleet')).toEqual(DEFAULT_SCALING_RULE);
    expect(settings.guardrailFor({ name: 'staging', tier: 'staging' })).toEqual({
      maxGpuInstances: 6,
      maxHourlyUsd: 5,
      configKey: 'platformOps.guardrails.environments.staging',
    });
    expect(settings.guardrailFor({ name: 'dev', tier: 'dev' })).toMatchObject({ maxGpuInstances: 1, maxHourlyUsd: 1.25 });
  });
});
