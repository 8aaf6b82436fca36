import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformDirectoriesSource } from './directorySource';

const synthesized = resolvePackagePath('@platformops/plugin-platform-ops-backend-module-simulated-aws', '../../cdktf/examples/synthesized');

function environment(name: string): PlatformEnvironment {
  return { entityRef: `resource:default/${name}`, name, tier: 'prod', location: { accountId: '410987654321', region: 'us-east-1' }, costTag: name, resources: [] };
}

describe('terraformDirectoriesSource', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tf-source-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /**
   * The layout the environment template leaves with platform-ops:publish:local-git: the
   * repository <name> holds environments/<name> of the workspace, so
   * <root>/<name>/terraform/<stack>/cdk.tf.json.
   */
  function publish(name: string, from = name) {
    for (const stack of [from, `${from}-state`]) {
      const dir = join(root, name, 'terraform', stack);
      cpSync(join(synthesized, from, `${stack}.tf.json`), join(dir, 'cdk.tf.json'));
    }
  }

  it('finds an environment the template published, logs what it does not simulate, and re-reads it when it changes', () => {
    publish('prod');
    const log: string[] = [];
    const source = terraformDirectoriesSource({ roots: [root], log: m => log.push(m) });

    const seeds = source(environment('prod'))!;
    expect(seeds.environment).toMatchObject({ name: 'prod', region: 'us-east-1', drRegion: 'us-west-2' });
    expect(seeds.autoScalingGroups.map(g => g.region).sort()).toEqual(['us-east-1', 'us-west-2']);
    expect(log).toEqual([expect.stringMatching(/^Applied the Terraform of prod \(.*\/prod\/terraform\) to the simulated account; not simulated: .*aws_vpc x2/)]);
    // Asked again (every model asks): read once.
    expect(source(environment('prod'))).toBe(seeds);
    expect(log).toHaveLength(1);

    // Re-published with a different group size: the new file is applied.
    const file = join(root, 'prod', 'terraform', 'prod', 'cdk.tf.json');
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('"max_size": 20', '"max_size": 12'));
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(source(environment('prod'))!.autoScalingGroups.every(g => g.maxSize === 12)).toBe(true);
  });

  it('has nothing for an environment without Terraform, and never applies another environment\'s Terraform', () => {
    // staging's stacks published under the name prod: their tags say staging.
    publish('prod', 'staging');
    const source = terraformDirectoriesSource({ roots: [root, join(root, 'missing')] });
    expect(source(environment('prod'))).toBeUndefined();
    expect(source(environment('dev'))).toBeUndefined();
  });

  it('logs and skips Terraform it cannot read instead of failing the account', () => {
    const dir = join(root, 'prod');
    cpSync(join(synthesized, 'prod'), dir, { recursive: true });
    writeFileSync(join(dir, 'prod.tf.json'), '{ not json');
    const log: string[] = [];
    const source = terraformDirectoriesSource({ roots: [root], log: m => log.push(m) });
    expect(source(environment('prod'))).toBeUndefined();
    expect(log).toEqual([expect.stringContaining(`Could not apply the Terraform in ${dir} for prod`)]);
  });
});
