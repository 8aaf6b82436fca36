import { ListPageRequest } from '@platformops/plugin-platform-ops-common';

/** `?environment=&offset=&limit=` of a fleet or queue list read; empty for the whole list. */
export function listQuery(environment?: string, page?: ListPageRequest): string {
  const params = new URLSearchParams();
  if (environment) params.set('environment', environment);
  if (page) {
    params.set('offset', String(page.offset));
    params.set('limit', String(page.limit));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
