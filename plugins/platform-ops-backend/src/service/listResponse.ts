import { EnvironmentReadProblem } from '@platformops/plugin-platform-ops-common';

/**
 * JSON of a cached list, made once per cached answer and shape: 200 viewers of the Fleet or
 * Queues view within the cache TTL get the same string instead of 200 serialisations of the
 * same hundreds of kilobytes (which, not AWS, is what a warm list costs). Keyed weakly by the
 * cached array, so a reload of the cache drops the old string with it.
 */
const chunks = new WeakMap<object, Map<string, string>>();

function chunkOf<T>(list: T[], shape: string, trim?: (item: T) => T): string {
  let byShape = chunks.get(list);
  if (!byShape) {
    byShape = new Map();
    chunks.set(list, byShape);
  }
  let chunk = byShape.get(shape);
  if (chunk === undefined) {
    chunk = list.map(item => JSON.stringify(trim ? trim(item) : item)).join(',');
    byShape.set(shape, chunk);
  }
  return chunk;
}

/** An environment's items, and the parts of it that could not be read while the rest could. */
export type Listed<T> = T[] | { items: T[]; problems: EnvironmentReadProblem[] };

const itemsOf = <T>(listed: Listed<T>) => (Array.isArray(listed) ? listed : listed.items);
const problemsOf = <T>(listed: Listed<T>) => (Array.isArray(listed) ? [] : listed.problems);

/**
 * `{"<key>":[...],"problems":[...]}` over environments. With one environment its failure is
 * the request's failure (404/403/503); across all of them a failing one is named in
 * `problems` and the others are still shown. A partly read environment (e.g. CloudWatch
 * refused, SQS answered) is shown and named in `problems` with its fallback.
 */
export async function listBody<T>(options: {
  key: string;
  environments: string[];
  single: boolean;
  load: (environment: string) => Promise<Listed<T>>;
  trim?: (item: T) => T;
}): Promise<string> {
  const { key, environments, single, load, trim } = options;
  const shape = trim ? 'trimmed' : 'full';
  const parts: string[] = [];
  const problems: EnvironmentReadProblem[] = [];
  if (single) {
    const listed = await load(environments[0]);
    parts.push(chunkOf(itemsOf(listed), shape, trim));
    problems.push(...problemsOf(listed));
  } else {
    const settled = await Promise.allSettled(environments.map(load));
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        parts.push(chunkOf(itemsOf(s.value), shape, trim));
        problems.push(...problemsOf(s.value));
      } else {
        problems.push({ environment: environments[i], message: s.reason instanceof Error ? s.reason.message : String(s.reason) });
      }
    });
  }
  const items = parts.filter(p => p.length > 0).join(',');
  // One environment answered in full keeps its historical shape (no problems key).
  const withProblems = !single || problems.length > 0;
  return `{${JSON.stringify(key)}:[${items}]${withProblems ? `,"problems":${JSON.stringify(problems)}` : ''}}`;
}
