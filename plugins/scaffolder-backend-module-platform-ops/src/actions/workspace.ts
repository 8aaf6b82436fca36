import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { TerraformJson } from '@platformops/cdktf-platform';

/** Writes relative-path files under a directory of the workspace, refusing to escape it. */
export async function writeFiles(base: string, files: Record<string, string>): Promise<string[]> {
  const written: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    const target = resolveSafeChildPath(base, file);
    await fs.mkdir(dirname(target), { recursive: true });
    await fs.writeFile(target, content);
    written.push(file);
  }
  return written;
}

/**
 * Reads back the stacks `platform-ops:environment:synthesize` wrote (`<stack>/cdk.tf.json`
 * under the target directory), so check and estimate judge the files that get published.
 */
export async function readStacks(workspacePath: string, targetPath: string): Promise<Record<string, TerraformJson>> {
  const dir = resolveSafeChildPath(workspacePath, targetPath);
  let entries: string[];
  try {
    entries = await fs.readdir(dir);
  } catch {
    throw new InputError(
      `No Terraform found at ${targetPath}: run platform-ops:environment:synthesize first or pass a spec`,
    );
  }
  const stacks: Record<string, TerraformJson> = {};
  for (const stack of entries.sort()) {
    const file = join(dir, stack, 'cdk.tf.json');
    try {
      stacks[stack] = JSON.parse(await fs.readFile(file, 'utf8')) as TerraformJson;
    } catch {
      // Not a stack directory (a README, a plan file): skip it.
    }
  }
  if (Object.keys(stacks).length === 0) {
    throw new InputError(`No <stack>/cdk.tf.json files under ${targetPath}`);
  }
  return stacks;
}
