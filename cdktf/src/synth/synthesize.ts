import { resolveSpec } from '../spec/resolve';
import { parseSpec } from '../spec/validate';
import { CdktfGenerator } from './cdktf-generator';
import { SynthResult, TerraformGenerator } from './types';

let defaultGenerator: TerraformGenerator | undefined;

export interface SynthesizeOptions {
  /** Replace the Terraform generator (default: CDKTF in-process). */
  generator?: TerraformGenerator;
}

/**
 * The one entry point from a spec to Terraform JSON. Validates first and throws
 * InvalidSpecError listing every problem, so nothing is produced from a bad spec.
 */
export function synthesize(spec: unknown, options: SynthesizeOptions = {}): SynthResult {
  const resolved = resolveSpec(parseSpec(spec));
  defaultGenerator ??= new CdktfGenerator();
  return (options.generator ?? defaultGenerator).generate(resolved);
}
