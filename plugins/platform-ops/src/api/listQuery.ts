import { ListReadRequest } from '@platformops/plugin-platform-ops-common';

/**
 * `?environment=&offset=&limit=&needsAttention=true` of a fleet or queue list read; empty for
 * the whole list. A ListPageRequest is a ListReadRequest, so the views pass their page as is.
 */
export function listQuery(environment?: string, request: ListReadRequest = {}): string {
  const params = new URLSearchParams();
  if (environment) params.set('environment', environment);
  if (request.limit !== undefined) {
    params.set('offset', String(request.offset ?? 0));
    params.set('limit', String(request.limit));
  }
  if (request.needsAttention) params.set('needsAttention', 'true');
  const query = params.toString();
  return query ? `?${query}` : '';
}
