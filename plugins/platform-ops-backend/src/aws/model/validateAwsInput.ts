import { ModelShape, operationModel, serviceModel } from './awsApiModel';

/** One way an input breaks AWS's model, with the member's path (ChangeBatch.Changes[0].Action). */
export interface InputProblem {
  path: string;
  message: string;
}

/**
 * Checks an SDK v3 command input against AWS's model of the operation: unknown members,
 * missing required members and wrong types, the checks AWS's request validation makes before
 * anything happens. (The extracted models carry no enums, lengths or patterns: those stay
 * with the validation of each capability's own schemas.)
 *
 * Unknown members matter most: the SDK's serializer silently drops a member the operation does
 * not have, so AWS never sees it, while a simulator reading the input object would act on it.
 */
export function validateAwsInput(
  service: string,
  operation: string,
  input: unknown,
): InputProblem[] {
  if (!serviceModel(service))
    return [{ path: '', message: `no AWS model for service ${service}` }];
  const op = operationModel(service, operation);
  if (!op)
    return [
      {
        path: '',
        message: `${service} has no operation ${operation} in AWS's API model`,
      },
    ];
  const problems: InputProblem[] = [];
  check(service, op.input, input ?? {}, '', problems);
  return problems;
}

function resolve(service: string, shape: ModelShape): ModelShape {
  let current = shape;
  // A member may reference a table shape; its own keys (location, ...) do not change the type.
  while (current.shape) {
    const target = serviceModel(service)!.shapes[current.shape];
    if (!target) break;
    current = {
      ...target,
      ...current,
      shape: undefined,
      type: target.type ?? current.type,
    };
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  );
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function check(
  service: string,
  raw: ModelShape,
  value: unknown,
  path: string,
  problems: InputProblem[],
): void {
  const shape = resolve(service, raw);
  const at = path || 'input';
  const wrong = (expected: string) =>
    problems.push({
      path: at,
      message: `expected ${expected}, got ${describe(value)}`,
    });
  switch (shape.type ?? 'string') {
    case 'structure': {
      if (!isPlainObject(value)) {
        wrong('a structure');
        return;
      }
      const members = shape.members ?? {};
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) {
          problems.push({
            path: join(path, name),
            message: 'is required (member must not be null)',
          });
        }
      }
      for (const [name, member] of Object.entries(value)) {
        if (member === undefined) continue;
        const memberShape = members[name];
        if (!memberShape) {
          problems.push({
            path: join(path, name),
            message: `is not a member of this structure in AWS's API (members: ${
              Object.keys(members).join(', ') || 'none'
            })`,
          });
          continue;
        }
        check(service, memberShape, member, join(path, name), problems);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) {
        wrong('a list');
        return;
      }
      value.forEach((item, i) =>
        check(service, shape.member ?? {}, item, `${at}[${i}]`, problems),
      );
      return;
    case 'map':
      if (!isPlainObject(value)) {
        wrong('a map');
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        check(service, shape.key ?? {}, k, `${at}.<key>`, problems);
        check(
          service,
          shape.value ?? {},
          v,
          `${at}[${JSON.stringify(k)}]`,
          problems,
        );
      }
      return;
    case 'string':
      // A member bound to the URI, the query string or a header travels as text whatever its
      // type: later revisions of AWS's models (those SDK v3 is generated from) made some of
      // them numbers, e.g. Route 53's MaxItems. The wire value is the same.
      if (shape.location && (typeof value === 'number' || typeof value === 'boolean')) return;
      if (typeof value !== 'string') wrong('a string');
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value))
        wrong('an integer');
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value))
        wrong('a number');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrong('a boolean');
      return;
    case 'timestamp':
      if (
        !(value instanceof Date && !Number.isNaN(value.getTime())) &&
        !(typeof value === 'string' && !Number.isNaN(Date.parse(value))) &&
        typeof value !== 'number'
      ) {
        wrong('a timestamp');
      }
      return;
    case 'blob':
      if (!(value instanceof Uint8Array) && typeof value !== 'string')
        wrong('binary data');
      return;
    default:
      return;
  }
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

/** AWS's own wording for a failed request validation, e.g. for a ValidationError message. */
export function validationMessage(problems: InputProblem[]): string {
  const n = problems.length;
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${problems
    .map(p => `'${p.path}' ${p.message}`)
    .join('; ')}`;
}
