import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFrontModel } from '../dr/cloudfront/CloudFrontModel';
import { seededRandom } from '../random';
import { TaggingModel } from '../tagging/TaggingModel';
import { seedsFromTerraform } from './convert';
import { TerraformStackJson } from './terraformJson';

/*
 * Two environments made by the same template in one account (as a team creating a second
 * prod environment does): the same Terraform addresses, two distributions, each found by the
 * Tagging API with its own tags, as the region failover looks them up.
 */
const dir = join(resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', '../../cdktf/examples/synthesized'), 'prod');

/** The prod example's stacks as the template would synthesize them for environment `name`. */
function stacksOf(name: string): TerraformStackJson[] {
  return ['prod.tf.json', 'prod-state.tf.json'].map(file =>
    JSON.parse(readFileSync(join(dir, file), 'utf8').replaceAll('"prod', `"${name}`).replaceAll('"platform-ops:environment": "prod"', `"platform-ops:environment": "${name}"`)),
  );
}

function environment(name: string): PlatformEnvironment {
  return { entityRef: `resource:default/${name}`, name, tier: 'prod', location: { accountId: '410987654321', region: 'us-east-1' }, drRegion: 'us-west-2', costTag: name, resources: [] };
}

describe('CloudFront distributions applied from Terraform', () => {
  it('gives each environment of one template in one account its own distribution, listed by the Tagging API in us-east-1 with its tags', () => {
    const seeds = new Map(['prod', 'prod-two'].map(name => [name, seedsFromTerraform(stacksOf(name))]));
    const inventory = { environments: [environment('prod'), environment('prod-two')], problems: [] };
    const cloudFront = new CloudFrontModel({ inventory, random: seededRandom(1), now: new Date('2026-11-20T12:00:00Z'), terraform: env => seeds.get(env.name) });
    const tagging = new TaggingModel(() => ({ environments: [], problems: [] }), undefined, () => cloudFront.taggedResources());

    const find = (env: string, region = 'us-east-1') =>
      (
        tagging.handle(
          'GetResources',
          { ResourceTypeFilters: ['cloudfront:distribution'], TagFilters: [{ Key: 'platform-ops:environment', Values: [env] }, { Key: 'platform-ops:role', Values: ['cdn'] }] },
          { accountId: '410987654321', region },
        ) as { ResourceTagMappingList: { ResourceARN: string }[] }
      ).ResourceTagMappingList.map(m => m.ResourceARN);

    const [one] = find('prod');
    const [two] = find('prod-two');
    expect(one).toMatch(/^arn:aws:cloudfront::410987654321:distribution\/E[A-Z0-9]{13}$/);
    expect(two).toMatch(/^arn:aws:cloudfront::410987654321:distribution\/E[A-Z0-9]{13}$/);
    expect(one).not.toBe(two);
    // Global: listed in us-east-1 only.
    expect(find('prod', 'us-west-2')).toEqual([]);
  });
});
