import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { seedsFromTerraform, summarizeNotSimulated } from './convert';
import { TerraformSeeds } from './seeds';
import { TerraformSeedSource } from './source';
import { readSynthesizedStacks } from './synthesizedExamples';

export interface DirectorySourceOptions {
  /** Directories holding synthesized environments (see `terraformDirectoriesSource`). */
  roots: string[];
  /** One line per environment applied (and what it could not simulate). */
  log?: (message: string) => void;
}

/** Where an environment's stacks can be under a root, most specific first. */
function candidates(root: string, name: string): string[] {
  // <root>/<name>/terraform: what platform-ops:publish:local-git commits for the environment
  // template (catalog-info.yaml at the repository root, the stacks under terraform/).
  const dirs = [join(root, name), join(root, name, 'terraform'), join(root, 'environments', name, 'terraform')];
  // Repositories the scaffolder published locally: <root>/<repo>/environments/<name>/terraform.
  let repos: string[] = [];
  try {
    repos = readdirSync(root).sort();
  } catch {
    repos = [];
  }
  for (const repo of repos) dirs.push(join(root, repo, 'environments', name, 'terraform'));
  return dirs;
}

/** Modification times of a directory's stack files: a re-published environment is re-read. */
function fingerprint(dir: string): string | undefined {
  try {
    const parts: string[] = [];
    for (const entry of readdirSync(dir).sort()) {
      const path = entry.endsWith('.tf.json') ? join(dir, entry) : join(dir, entry, 'cdk.tf.json');
      try {
        parts.push(`${entry}:${statSync(path).mtimeMs}`);
      } catch {
        // Not a stack.
      }
    }
    return parts.length ? parts.join('|') : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Seeds from synthesized Terraform on disk. For environment `name`, the first of these under
 * each root that holds stacks (`<stack>.tf.json` or `<stack>/cdk.tf.json`) is applied:
 * `<root>/<name>`, `<root>/<name>/terraform` (the environment template's local repository),
 * `<root>/environments/<name>/terraform`, and
 * `<root>/<repo>/environments/<name>/terraform` (the layout the environment template
 * publishes with platform-ops:publish:local-git). Only stacks whose provider tags name the
 * environment count, so another environment's Terraform is never applied by mistake.
 * Files are re-read when they change; unreadable Terraform is logged and skipped.
 */
export function terraformDirectoriesSource(options: DirectorySourceOptions): TerraformSeedSource {
  const cache = new Map<string, { key: string; seeds: TerraformSeeds }>();
  return (environment: PlatformEnvironment) => {
    for (const root of options.roots) {
      for (const dir of candidates(root, environment.name)) {
        const print = fingerprint(dir);
        if (!print) continue;
        const key = `${dir}#${print}`;
        const cached = cache.get(environment.name);
        if (cached?.key === key) return cached.seeds;
        try {
          const seeds = seedsFromTerraform(readSynthesizedStacks(dir), { accountId: environment.location.accountId });
          if (seeds.environment.name !== environment.name) continue;
          cache.set(environment.name, { key, seeds });
          const skipped = Object.entries(summarizeNotSimulated(seeds)).map(([type, n]) => `${type} x${n}`);
          options.log?.(
            `Applied the Terraform of ${environment.name} (${dir}) to the simulated account; not simulated: ${skipped.join(', ') || 'none'}`,
          );
          return seeds;
        } catch (error) {
          options.log?.(`Could not apply the Terraform in ${dir} for ${environment.name}: ${(error as Error).message}`);
        }
      }
    }
    return undefined;
  };
}
