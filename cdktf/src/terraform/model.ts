import { TerraformJson } from '../synth/types';

/** A resource of a synthesized stack, addressed the way Terraform prints it. */
export interface TfResource {
  stack: string;
  type: string;
  name: string;
  /** `aws_db_instance.database_instance_1234` */
  address: string;
  config: Record<string, unknown>;
}

/** Anything checkPolicy / estimateMonthlyCost accept: one stack or synthesize()'s result. */
export type TerraformInput = TerraformJson | { stacks: Record<string, TerraformJson> };

function isStackMap(input: TerraformInput): input is { stacks: Record<string, TerraformJson> } {
  return (
    typeof input === 'object' &&
    input !== null &&
    'stacks' in input &&
    typeof input.stacks === 'object' &&
    !('resource' in input)
  );
}

export function stacksOf(input: TerraformInput): Record<string, TerraformJson> {
  return isStackMap(input) ? input.stacks : { main: input };
}

export function resourcesOf(input: TerraformInput): TfResource[] {
  const out: TfResource[] = [];
  for (const [stack, json] of Object.entries(stacksOf(input))) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, config] of Object.entries(byName)) {
        out.push({ stack, type, name, address: `${type}.${name}`, config });
      }
    }
  }
  return out;
}

const REF = /\$\{([a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\.|\})/g;

/** Resource addresses a value refers to through `${type.name.attr}` interpolations. */
export function referencesIn(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return [...text.matchAll(REF)].map(m => m[1]);
}

export function refersTo(value: unknown, address: string): boolean {
  return referencesIn(value).includes(address);
}

/** A default tag of a stack's AWS provider (the cost-allocation tags every resource carries). */
function defaultTagOf(json: TerraformJson, key: string): string | undefined {
  const aws = json.provider?.aws;
  for (const p of aws ?? []) {
    const defaults = p.default_tags as { tags?: Record<string, string> }[] | undefined;
    const value = defaults?.[0]?.tags?.[key];
    if (value) return value;
  }
  return undefined;
}

/** The tier a stack was synthesized for, from the provider's default cost-allocation tags. */
export function tierOf(json: TerraformJson): string | undefined {
  return defaultTagOf(json, 'platform-ops:tier');
}

/** The environment a stack belongs to (a GPU pool's stack belongs to its environment). */
export function environmentOf(json: TerraformJson): string | undefined {
  return defaultTagOf(json, 'platform-ops:environment');
}

export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}
