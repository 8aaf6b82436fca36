import { InputError } from '@backstage/errors';
import { PlatformSpec, validateSpec } from '@platformops/cdktf-platform';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json } | undefined;

/**
 * Template forms leave optional fields as '' or null, and templating turns absent parameters
 * into undefined; all of those mean "use the tier preset", so they are dropped before
 * validation rather than reported as invalid values.
 */
export function pruneEmpty(value: Json): Json {
  if (Array.isArray(value)) {
    const items = value.map(pruneEmpty).filter(v => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, pruneEmpty(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value === '' || value === null ? undefined : value;
}

/** Validates a template-provided spec, failing the step with every problem listed. */
export function specFromInput(input: unknown): PlatformSpec {
  const result = validateSpec(pruneEmpty(input as Json) ?? {});
  if (!result.ok) {
    throw new InputError(
      `The environment spec is invalid:\n${result.problems
        .map(p => `- ${p.path || '(spec)'}: ${p.message}`)
        .join('\n')}`,
    );
  }
  return result.spec;
}
