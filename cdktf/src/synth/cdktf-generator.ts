import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ResolvedSpec } from '../spec/resolve';
import { EnvironmentStack } from '../stacks/environment-stack';
import { GpuPoolStack } from '../stacks/gpu-pool-stack';
import { QueueStack } from '../stacks/queue-stack';
import { StateBackendStack } from '../stacks/state-backend-stack';
import { SynthResult, TerraformGenerator, TerraformJson } from './types';

/** Stack names per spec kind; they become directory names in the output. */
export function stackNames(spec: ResolvedSpec): string[] {
  switch (spec.kind) {
    case 'environment':
      return [`${spec.name}-state`, spec.name];
    case 'gpu-worker-pool':
      return [`${spec.environment}-gpu-${spec.name}`];
    case 'queue':
      return [`${spec.environment}-queue-${spec.name}`];
    default:
      return [];
  }
}

/** Adds the stacks of a spec to an app; exported for the CLI-vs-in-process benchmark. */
export function buildStacks(app: App, spec: ResolvedSpec): TerraformStack[] {
  const [first, second] = stackNames(spec);
  switch (spec.kind) {
    case 'environment':
      return [new StateBackendStack(app, first, spec), new EnvironmentStack(app, second, spec)];
    case 'gpu-worker-pool':
      return [new GpuPoolStack(app, first, spec)];
    case 'queue':
      return [new QueueStack(app, first, spec)];
    default:
      return [];
  }
}

interface Manifest {
  stacks: Record<string, { synthesizedStackPath: string }>;
}

/**
 * CDKTF in-process: the same App.synth() the `cdktf synth` CLI runs in its child process,
 * into a private temp dir that is read back and removed. No CLI, no child process, and the
 * output is byte-for-byte what the CLI would write.
 */
export class CdktfGenerator implements TerraformGenerator {
  readonly name = 'cdktf@0.21.0';

  generate(spec: ResolvedSpec): SynthResult {
    const outdir = mkdtempSync(join(tmpdir(), 'platform-ops-synth-'));
    try {
      const app = new App({ outdir, skipBackendValidation: true });
      buildStacks(app, spec);
      app.synth();
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as Manifest;
      const stacks: Record<string, TerraformJson> = {};
      const files: Record<string, string> = {};
      for (const [name, stack] of Object.entries(manifest.stacks)) {
        const content = readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8');
        stacks[name] = JSON.parse(content) as TerraformJson;
        files[`${name}/cdk.tf.json`] = content;
      }
      return { stacks, files, generator: this.name };
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }
}
