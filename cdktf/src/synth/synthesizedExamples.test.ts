import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DRAINS_QUEUE_TAG } from '../constructs/gpu-fleet';
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

  it.each(TIER_EXAMPLES)('every GPU fleet of the committed %s example names a queue of its own region it drains', example => {
    const { name } = parse(readFileSync(join(examples, `${example}.yaml`), 'utf8')) as { name: string };
    type Config = Record<string, unknown> & { name: string; provider?: string };
    const stack = JSON.parse(readFileSync(join(out, name, `${name}.tf.json`), 'utf8')) as {
      resource: Record<string, Record<string, Config>>;
    };
    const groups = Object.values(stack.resource.aws_autoscaling_group);
    const queues = Object.values(stack.resource.aws_sqs_queue);
    for (const g of groups) {
      const drains = (g.tag as { key: string; value: string; propagate_at_launch: boolean }[]).filter(t => t.key === DRAINS_QUEUE_TAG);
      expect(drains).toEqual([{ key: DRAINS_QUEUE_TAG, value: expect.any(String), propagate_at_launch: false }]);
      // A main queue (it redrives to a DLQ) of that name on the group's provider: prod's DR
      // pilot-light group drains the DR copy.
      expect(queues.filter(q => q.name === drains[0].value && q.provider === g.provider && q.redrive_policy)).toHaveLength(1);
    }
    // Prod's DR region has its own group, tagged like the primary; the other tiers have none.
    expect(groups.map(g => g.provider ?? 'aws').sort()).toEqual(example === 'prod' ? ['aws', 'aws.dr'] : ['aws']);
  });
});
