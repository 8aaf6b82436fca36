import { InputError } from '@backstage/errors';
import { PlatformSpec, validateSpec } from '@platformops/cdktf-platform';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json } | undefined;

/** JSON as a template renders it: an absent parameter leaves a key whose value is undefined. */
export type SpecValue = string | number | boolean | null | SpecValue[] | { [key: string]: SpecValue | undefined };

/**
 * Whether a value is JSON as a template renders it. The actions' `spec` input is
 * `z.record(z.custom<SpecValue | undefined>(isSpecValue))`, not `z.record(z.unknown())`, because
 * the scaffolder's `TemplateAction<TInput extends JsonObject>` is part of our published
 * declarations: with `unknown` values they fail `skipLibCheck: false` in an adopter's app
 * (TS2344; scripts/check-packed-types.mjs checks it). `z.custom` keeps the scaffolder's own zod
 * instance, whichever zod version it brings.
 */
export function isSpecValue(value: unknown): value is SpecValue | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(item => item !== undefined && isSpecValue(item));
  if (typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every(isSpecValue);
}

/** The message of a spec value that is not JSON. */
export const NOT_JSON_MESSAGE = 'must be JSON: text, numbers, true/false, lists and objects of them';

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
