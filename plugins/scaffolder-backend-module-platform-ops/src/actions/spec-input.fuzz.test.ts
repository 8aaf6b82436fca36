import { InputError } from '@backstage/errors';
import fc from 'fast-check';
import { specFromInput } from './spec-input';

/**
 * The scaffolder actions' spec input under fuzzing: whatever a template (or someone
 * calling the action directly) sends, the answer is a valid spec or an InputError whose
 * message names the bad field, never a crash of another kind. Seeded: FUZZ_SEED replays.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const VALID = { kind: 'environment', name: 'fuzz-env', tier: 'staging', region: 'eu-west-1' };

const control = fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f');
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.integer(), { minLength: 1, maxLength: 2 }), fc.constant({ a: 1 }));
const notNumber = fc.oneof(fc.string({ minLength: 1, maxLength: 5 }), fc.boolean(), fc.constant([1]), fc.constant({ a: 1 }));

/** A field path and values that are wrong there whatever the rest of the spec holds. */
const BAD: [string[], fc.Arbitrary<unknown>][] = [
  [['name'], fc.oneof(notString, fc.constantFrom('A', 'ab', '1abc', 'abc-', 'x'.repeat(40), 'has space'))],
  [['tier'], fc.oneof(notString, fc.constantFrom('qa', 'PROD', 'production'))],
  [['region'], fc.oneof(notString, fc.constantFrom('atlantis-1', 'us-east', 'US-EAST-1'))],
  [['accountId'], fc.oneof(notString, fc.constantFrom('123', '12345678901a', '1234567890123'))],
  [['owner'], fc.oneof(notString, fc.tuple(fc.string({ maxLength: 5 }), control).map(([a, c]) => `team${a}${c}`))],
  [['costCenter'], fc.oneof(notString, fc.constant('c'.repeat(300)))],
  [['gpu', 'max'], fc.oneof(notNumber, fc.integer({ min: 101, max: 1e6 }), fc.integer({ min: -1e6, max: -1 }), fc.constant(1.5))],
  [['gpu', 'spotPercent'], fc.oneof(notNumber, fc.integer({ min: 101, max: 1e6 }))],
  [['gpu', 'instanceTypes'], fc.oneof(fc.constant([]).map(() => ['p5.48xlarge']), fc.constant(['g4dn.xlarge', 7]))],
  [['network', 'azCount'], fc.oneof(notNumber, fc.constantFrom(1, 4, 2.5))],
  [['monthlyBudgetUsd'], fc.oneof(notNumber, fc.integer({ min: -1e6, max: 0 }))],
  [['alarmEmail'], fc.oneof(notString, fc.constantFrom('not-an-email', 'a@', '@b.c'))],
  // null and '' mean "use the preset" to template forms (pruned), so only values that survive.
  [['unknownField'], fc.oneof(fc.integer(), fc.string({ minLength: 1 }), fc.boolean(), fc.constant({ a: 1 }))],
];

/** What specFromInput answers: a spec, an InputError, or the name of anything else thrown. */
function outcomeOf(input: unknown): string {
  try {
    specFromInput(input);
    return 'spec';
  } catch (error) {
    return error instanceof InputError ? 'InputError' : `other: ${String(error)}`;
  }
}

function withValue(path: string[], value: unknown): Record<string, unknown> {
  const spec: Record<string, unknown> = JSON.parse(JSON.stringify(VALID));
  let node = spec;
  for (const key of path.slice(0, -1)) node = (node[key] = (node[key] as Record<string, unknown>) ?? {}) as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return spec;
}

describe(`scaffolder spec input under fuzzing (seed ${SEED})`, () => {
  it('answers one bad field with an InputError naming it (300 specs)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BAD.map((_, i) => i)).chain(i => BAD[i][1].map(value => ({ path: BAD[i][0], value }))),
        ({ path, value }) => {
          let thrown: unknown;
          try {
            specFromInput(withValue(path, value));
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(InputError);
          const field = path[path.length - 1] === 'unknownField' ? 'unknownField' : path.join('.');
          expect((thrown as Error).message).toContain(field);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('never crashes on arbitrary input: a spec or an InputError (300 inputs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), fc.record({ kind: fc.constantFrom('environment', 'gpu-worker-pool', 'queue'), gpu: fc.anything(), queues: fc.anything() })), input => {
        expect(['spec', 'InputError']).toContain(outcomeOf(input));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
