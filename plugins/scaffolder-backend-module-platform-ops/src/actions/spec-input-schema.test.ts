import { z } from 'zod';
import { isSpecValue, NOT_JSON_MESSAGE, SpecValue } from './spec-input';

describe('the spec input of the actions', () => {
  // As check.ts, estimate.ts and synthesize.ts declare it.
  const schema = z.record(z.custom<SpecValue | undefined>(isSpecValue, { message: NOT_JSON_MESSAGE }));

  it('accepts a spec as a template renders it: nested objects, arrays, empty and absent values', () => {
    const rendered = {
      kind: 'environment',
      name: 'studio-dev',
      gpu: {
        instanceTypes: ['g5.xlarge'],
        min: 0,
        max: undefined,
        spotShare: null,
      },
      network: { vpcCidr: '' },
      alarmEmail: undefined,
      dr: false,
    };
    expect(schema.parse(rendered)).toEqual(rendered);
  });

  it('refuses values JSON cannot carry, naming where they are', () => {
    const result = schema.safeParse({ name: 'x', gpu: { min: new Date(0) } });
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.error.issues.map(issue => [issue.path.join('.'), issue.message])).toEqual([
      ['gpu', NOT_JSON_MESSAGE],
    ]);
  });

  it('refuses a spec that is not an object', () => {
    expect(schema.safeParse(['environment']).success).toBe(false);
    expect(schema.safeParse('environment').success).toBe(false);
  });
});
