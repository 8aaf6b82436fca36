import { PlatformOpsClient } from './PlatformOpsClient';
import { isNotFoundError, PlatformOpsRequestError } from './PlatformOpsRequestError';

function clientAnswering(status: number, statusText: string, body: unknown) {
  const fetch = jest.fn(async () =>
    new Response(JSON.stringify(body), { status, statusText, headers: { 'Content-Type': 'application/json' } }),
  );
  const client = new PlatformOpsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/platform-ops' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('PlatformOpsClient errors', () => {
  it("throws the backend's message, not 'Request failed with 403 Forbidden'", async () => {
    const message =
      'The permission policy refused platform-ops.runbook.execute on component:default/video-api for you; ask an owner of that catalog entity to make the change, or to add you to its owning group';
    const { client } = clientAnswering(403, 'Forbidden', {
      error: { name: 'NotAllowedError', message },
      request: { method: 'POST', url: '/api/platform-ops/runbooks/ecs-rollback/executions' },
      response: { statusCode: 403 },
    });
    const error = await client
      .startRunbook('ecs-rollback', { entityRef: 'component:default/video-api', reason: 'bad deploy', mode: 'live', idempotencyKey: 'runbook-abc-12345678' })
      .catch(e => e);
    expect(error).toBeInstanceOf(PlatformOpsRequestError);
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(403);
    expect(error.errorName).toBe('NotAllowedError');
  });

  it('marks 404s so cards can say what is missing', async () => {
    const { client } = clientAnswering(404, 'Not Found', {
      error: { name: 'NotFoundError', message: 'No environment sandbox in the catalog' },
      response: { statusCode: 404 },
    });
    const error = await client.getEnvironment('sandbox').catch(e => e);
    expect(error.message).toBe('No environment sandbox in the catalog');
    expect(isNotFoundError(error)).toBe(true);
  });

  it('keeps the HTTP status as the message when the body is not a Backstage error', async () => {
    const fetch = jest.fn(async () => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const client = new PlatformOpsClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/platform-ops' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    const error = await client.getEnvironments().catch(e => e);
    expect(error.statusCode).toBe(502);
    expect(error.message).toMatch(/502/);
    expect(isNotFoundError(error)).toBe(false);
  });
});

describe('PlatformOpsClient list reads', () => {
  const urlOf = (fetch: jest.Mock) => (fetch.mock.calls as unknown as [string][])[0][0];

  it('asks for a page as the views pass it, and for only what needs attention as the health strip does', async () => {
    const paged = clientAnswering(200, 'OK', { queues: [] });
    await paged.client.getQueues(undefined, { offset: 50, limit: 50 });
    expect(urlOf(paged.fetch)).toBe('http://backend/api/platform-ops/queues?offset=50&limit=50');

    const attention = clientAnswering(200, 'OK', { fleets: [] });
    await attention.client.getFleets(undefined, { needsAttention: true });
    expect(urlOf(attention.fetch)).toBe('http://backend/api/platform-ops/fleets?needsAttention=true');

    const both = clientAnswering(200, 'OK', { queues: [] });
    await both.client.getQueues('prod', { offset: 0, limit: 20, needsAttention: true });
    expect(urlOf(both.fetch)).toBe('http://backend/api/platform-ops/queues?environment=prod&offset=0&limit=20&needsAttention=true');

    const all = clientAnswering(200, 'OK', { queues: [] });
    await all.client.getQueues();
    expect(urlOf(all.fetch)).toBe('http://backend/api/platform-ops/queues');
  });
});
