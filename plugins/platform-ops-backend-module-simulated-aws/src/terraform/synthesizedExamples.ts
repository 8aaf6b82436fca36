import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformStackJson } from './terraformJson';

/**
 * The stacks of one synthesized environment in a directory: every `<stack>.tf.json` (as
 * cdktf/examples/synthesized/ holds them) or `<stack>/cdk.tf.json` (as `platform-env synth`
 * and the scaffolder's synthesize action write them). Empty when there are none.
 */
export function readSynthesizedStacks(dir: string): TerraformStackJson[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.endsWith('.tf.json')) files.push(join(dir, entry));
    else {
      try {
        if (readdirSync(join(dir, entry)).includes('cdk.tf.json')) files.push(join(dir, entry, 'cdk.tf.json'));
      } catch {
        // A file, not a stack directory.
      }
    }
  }
  return files.map(file => JSON.parse(readFileSync(file, 'utf8')) as TerraformStackJson);
}
