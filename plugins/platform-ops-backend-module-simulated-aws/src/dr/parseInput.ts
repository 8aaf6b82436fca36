import { z } from 'zod';

/**
 * Validates a command input the way AWS does before acting: a missing or malformed member is
 * rejected with the service's own validation error (RDS InvalidParameterValue, ECS
 * InvalidParameterException...), naming the member, and nothing changes.
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: Record<string, unknown>,
  invalid: (message: string) => Error,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message = result.error.issues
    .map(issue => `${issue.path.join('.') || 'input'}: ${issue.message}`)
    .join('; ');
  throw invalid(message);
}

/** A non-empty string member. */
export const id = z.string().min(1, 'must not be empty');
