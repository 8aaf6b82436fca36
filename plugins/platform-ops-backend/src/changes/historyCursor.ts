import { InputError } from '@backstage/errors';

/**
 * The cursor of a history page: where the previous page ended (started_at and id of its
 * last row), opaque to clients. A cursor that does not decode is a 400, not an empty page.
 */
export function encodeHistoryCursor(startedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([startedAt, id]), 'utf8').toString('base64url');
}

export function decodeHistoryCursor(cursor: string): { startedAt: string; id: string } {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof startedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(startedAt))) {
      return { startedAt, id };
    }
  } catch {
    // fall through to the 400
  }
  throw new InputError('cursor is not a cursor this history returned; start again without it');
}
