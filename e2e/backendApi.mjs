/**
 * What the browser tests ask the backend directly (not through the page). Node's fetch reuses
 * keep-alive sockets, and the backend closes an idle one after 5 s: a request that picks the
 * socket up as it closes fails with "fetch failed" before anything was sent or answered. A GET
 * is safe to send again, so such a failure is retried; anything else is the test's failure.
 */
export async function backendGet(url, init = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      const dropped = error instanceof TypeError && error.message === 'fetch failed';
      if (!dropped || attempt === 3 || (init.method && init.method !== 'GET')) throw error;
    }
  }
}

/** A guest's Backstage token, for the backend's own routes. */
export async function guestToken(baseUrl) {
  const res = await backendGet(`${baseUrl}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}
