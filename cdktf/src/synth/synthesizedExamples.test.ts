import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { synthesize } from './synthesize';
import { resourcesOnly } from './synthesizedExamples';

/*
 * examples/synthesized/<environment name>/<stack>.tf.json: what `platform-env synth` makes of
 * each examples/<tier>.yaml, committed so that consumers without cdktf (the simulated AWS
 * account's tests and its example estate) read real synthesized Terraform. This test keeps
 * them fresh: after a change to the constructs, regenerate with
 *   UPDATE_SYNTHESIZED_EXAMPLES=1 CI=true yarn backstage-cli package test src/synth/synthesizedExamples.test.ts
 */
const examples = resolve(__dirname, '../../examples');
const out = join(examples, 'synthesized');
const TIER_EXAMPLES = ['dev', 'sandbox', 'staging', 'prod'];

describe('synthesized examples', () => {
  it.each(TIER_EXAMPLES)('examples/synthesized/<environment> matches what the example spec of that tier synthesizes to', example => {
    const spec = parse(readFileSync(join(examples, `${example}.yaml`), 'utf8'));
    const result = synthesize(spec);
    const expected = Object.fromEntries(
      Object.entries(result.stacks).map(([stack, json]) => [`${stack}.tf.json`, `${JSON.stringify(resourcesOnly(json), null, 1)}\n`]),
    );
    // Named after the environment: the simulated account finds an environment's Terraform by its name.
    const dir = join(out, spec.name);
    if (process.env.UPDATE_SYNTHESIZED_EXAMPLES) {
      mkdirSync(dir, { recursive: true });
      for (const [file, content] of Object.entries(expected)) writeFileSync(join(dir, file), content);
    }
    // catalog-info.yaml next to them is the scaffolder module's (its exampleCatalogInfo.test.ts).
    expect(readdirSync(dir).filter(f => f.endsWith('.tf.json')).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, content] of Object.entries(expected)) {
      // On failure: regenerate (see the comment above) and commit the result.
      expect(readFileSync(join(dir, file), 'utf8')).toBe(content);
    }
  }, 60_000);
});
