import { z } from 'zod';

/**
 * Control characters in free text. PostgreSQL refuses NUL (0x00) in a text column, AWS's
 * string patterns refuse the C0 range except tab / CR / LF, and none of them is anything a
 * person means to type in a name. Refused in every free-text field of every change, with a
 * 400 naming the field, before anything is planned, sent or stored.
 */
// Matching control characters is the point of these two expressions.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LINE_BREAK = /[\u0000-\u001F\u007F]/;

/** Fields whose text may span lines (tab, CR and LF allowed). @public */
export const MULTILINE_TEXT_FIELDS: readonly string[] = ['reason', 'comment', 'description'];

/** True when `text` holds a control character (tab/CR/LF allowed only when `multiline`). @public */
export function hasControlCharacter(text: string, multiline = false): boolean {
  return (multiline ? CONTROL : CONTROL_OR_LINE_BREAK).test(text);
}

/** The zod refinement of one free-text field. @public */
export function noControlCharacters(field: string, options: { multiline?: boolean } = {}) {
  return (text: string) => !hasControlCharacter(text, options.multiline ?? MULTILINE_TEXT_FIELDS.includes(field));
}

/** The message of a refused field. @public */
export function controlCharacterMessage(field: string): string {
  return `${field} must not contain control characters (such as NUL)`;
}

/**
 * The path (e.g. "reason", "steps.2.name", a key itself) of the first string anywhere in a
 * request body that holds a control character, or undefined. Keys are checked too: a key
 * becomes a field name in history and audit rows.
 *
 * @public
 */
export function findControlCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    const field = path[path.length - 1] ?? 'body';
    return hasControlCharacter(value, MULTILINE_TEXT_FIELDS.includes(field)) ? path.join('.') || 'body' : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], [...path, String(i)]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (hasControlCharacter(key)) return [...path, JSON.stringify(key)].join('.');
      const found = findControlCharacter(inner, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The one refinement every change request body passes (the shared change envelope applies
 * it): no control character in any free-text field, anywhere in the body. @public
 */
export const freeTextBodySchema = z.unknown().superRefine((body, ctx) => {
  const field = findControlCharacter(body);
  if (field) ctx.addIssue({ code: z.ZodIssueCode.custom, path: field.split('.'), message: controlCharacterMessage(field) });
});
