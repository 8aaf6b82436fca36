import { EnvironmentReadProblem, ListPageRequest } from '@platformops/plugin-platform-ops-common';
import type { Request, Response } from 'express';
import { gzipSync } from 'node:zlib';

/**
 * JSON of each item of a cached list, made once per cached answer and shape: 200 viewers of
 * the Fleet or Queues view within the cache TTL get the same strings instead of 200
 * serialisations of the same hundreds of kilobytes (which, not AWS, is what a warm list
 * costs). Keyed weakly by the cached array, so a reload of the cache drops the old strings
 * with it. Per item, so that a page is a slice of strings, not a re-serialisation.
 */
const chunks = new WeakMap<object, Map<string, string[]>>();

function chunkOf<T>(list: T[], shape: string, trim?: (item: T) => unknown, filter?: ListFilter<T>): string[] {
  let byShape = chunks.get(list);
  if (!byShape) {
    byShape = new Map();
    chunks.set(list, byShape);
  }
  let chunk = byShape.get(shape);
  if (chunk === undefined) {
    const kept = filter ? list.filter(filter.keep) : list;
    chunk = kept.map(item => JSON.stringify(trim ? trim(item) : item));
    byShape.set(shape, chunk);
  }
  return chunk;
}

/** Chunks are cached arrays: the same object while the cached list lives. */
const sameParts = (a: string[][], b: string[][]) => a.length === b.length && a.every((p, i) => p === b[i]);

/** The last body per list request shape (route, series, filter, environments, page). */
const bodies = new Map<string, { parts: string[][]; problems: string; body: string }>();
/** Compressed bytes per body: 200 viewers of a warm list cost one compression, not 200. */
const gzipped = new Map<string, Buffer>();
const MAX_REMEMBERED = 16;

function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

/**
 * Which items of a list to answer (e.g. `needsAttention`), decided once per cached list and
 * shape like the item strings: a filtered read re-serialises nothing while the cache lives.
 * `name` tells the filtered chunks and bodies apart from the unfiltered ones.
 */
export interface ListFilter<T> {
  name: string;
  keep: (item: T) => boolean;
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
  /** The list's shape of one item (e.g. the table's fields only); absent: the item as read. */
  trim?: (item: T) => unknown;
  /**
   * One page of the items, in the list's order (environments in inventory order, then each
   * environment's own order), and `"page":{"offset","limit","total"}` in the body. Absent: all.
   */
  page?: ListPageRequest;
  /** Only the items it keeps, in their order, before paging (`total` counts those kept). */
  filter?: ListFilter<T>;
}): Promise<string> {
  const { key, environments, single, load, trim, page, filter } = options;
  const shape = `${trim ? 'trimmed' : 'full'}${filter ? `|${filter.name}` : ''}`;
  const parts: string[][] = [];
  const problems: EnvironmentReadProblem[] = [];
  if (single) {
    const listed = await load(environments[0]);
    parts.push(chunkOf(itemsOf(listed), shape, trim, filter));
    problems.push(...problemsOf(listed));
  } else {
    const settled = await Promise.allSettled(environments.map(load));
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        parts.push(chunkOf(itemsOf(s.value), shape, trim, filter));
        problems.push(...problemsOf(s.value));
      } else {
        problems.push({ environment: environments[i], message: s.reason instanceof Error ? s.reason.message : String(s.reason) });
      }
    });
  }
  // One environment answered in full keeps its historical shape (no problems key).
  const withProblems = !single || problems.length > 0;
  const problemsJson = withProblems ? JSON.stringify(problems) : '';
  // The same chunks and problems give the same body object, so its compressed bytes are reused.
  const memoKey = `${key}|${shape}|${single}|${environments.join(',')}|${page ? `${page.offset}+${page.limit}` : 'all'}`;
  const memo = bodies.get(memoKey);
  if (memo && memo.problems === problemsJson && sameParts(memo.parts, parts)) return memo.body;
  const all = parts.length === 1 ? parts[0] : parts.flat();
  const items = page ? all.slice(page.offset, page.offset + page.limit) : all;
  const pageJson = page ? `,"page":${JSON.stringify({ offset: page.offset, limit: page.limit, total: all.length })}` : '';
  const body = `{${JSON.stringify(key)}:[${items.join(',')}]${withProblems ? `,"problems":${problemsJson}` : ''}${pageJson}}`;
  remember(bodies, memoKey, { parts, problems: problemsJson, body });
  return body;
}

/**
 * Sends a list body, gzipped once per body when the client takes gzip (browsers do). The
 * root router's compression middleware leaves an answer that already has a Content-Encoding
 * alone; without this it would compress the same hundreds of kilobytes for every viewer.
 */
export function sendListBody(req: Request, res: Response, body: string) {
  res.type('application/json');
  res.vary('Accept-Encoding');
  if (!req.acceptsEncodings('gzip')) {
    res.send(body);
    return;
  }
  let bytes = gzipped.get(body);
  if (!bytes) {
    bytes = gzipSync(body);
    remember(gzipped, body, bytes);
  }
  res.set('Content-Encoding', 'gzip');
  res.send(bytes);
}
