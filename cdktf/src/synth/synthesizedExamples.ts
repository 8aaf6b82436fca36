import { TerraformJson } from './types';

/**
 * The part of a synthesized stack that says what exists: providers (aliases, regions,
 * default tags) and resources, without cdktf's construct metadata ("//" keys). This is
 * what examples/synthesized/ holds and what the simulated AWS account applies.
 */
export function resourcesOnly(stack: TerraformJson): { provider: unknown; resource: unknown } {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([key]) => key !== '//')
          .map(([key, v]) => [key, strip(v)]),
      );
    }
    return value;
  };
  return { provider: stack.provider ?? {}, resource: strip(stack.resource ?? {}) };
}
