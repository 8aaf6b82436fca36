import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseSpec, resolveSpec } from '@platformops/cdktf-platform';
import { catalogInfoYaml } from './entities';

/*
 * cdktf/examples/synthesized/<environment name>/catalog-info.yaml: the catalog entities the environment
 * template publishes for cdktf/examples/<tier>.yaml, next to the same example's synthesized
 * Terraform, so consumers that must not depend on this module (the simulated AWS account's
 * tests) see an environment exactly as the template publishes it. Kept fresh here; after a
 * change to the entities, regenerate with
 *   UPDATE_SYNTHESIZED_EXAMPLES=1 CI=true yarn backstage-cli package test src/catalog/exampleCatalogInfo.test.ts
 */
const examples = resolve(__dirname, '../../../../cdktf/examples');

describe('example catalog-info.yaml', () => {
  it.each(['dev', 'sandbox', 'staging', 'prod'])('examples/synthesized/<environment>/catalog-info.yaml of the %s example is what the template publishes for the example spec of that tier', tier => {
    const spec = parseSpec(parse(readFileSync(join(examples, `${tier}.yaml`), 'utf8')));
    const expected = catalogInfoYaml(resolveSpec(spec));
    const dir = join(examples, 'synthesized', spec.name);
    const file = join(dir, 'catalog-info.yaml');
    if (process.env.UPDATE_SYNTHESIZED_EXAMPLES) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, expected);
    }
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });
});
