import { ResolvedSpec } from '../spec/resolve';

/** Terraform JSON configuration of one stack (the `cdk.tf.json` / `*.tf.json` format). */
export interface TerraformJson {
  terraform?: Record<string, unknown>;
  provider?: Record<string, Record<string, unknown>[]>;
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface SynthResult {
  /** Stack name -> Terraform JSON. */
  stacks: Record<string, TerraformJson>;
  /** Relative path -> file content, ready to be written (e.g. `prod-1/cdk.tf.json`). */
  files: Record<string, string>;
  /** Which generator produced it, e.g. `cdktf@0.21.0`. */
  generator: string;
}

/**
 * Anything that turns a resolved spec into Terraform JSON. CDKTF is archived upstream; this
 * interface is the seam where another generator (plain TS emitting JSON, Pulumi, HCL
 * templates) can replace it without touching templates or the scaffolder actions.
 */
export interface TerraformGenerator {
  readonly name: string;
  generate(spec: ResolvedSpec): SynthResult;
}
