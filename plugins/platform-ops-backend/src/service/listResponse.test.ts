import { listBody } from './listResponse';

/** Two environments' cached lists, as the fleet and queue services hand them out. */
const lists: Record<string, Array<{ name: string }>> = {
  dev: [{ name: 'dev-a' }, { name: 'dev-b' }, { name: 'dev-c' }],
  prod: [{ name: 'prod-a' }, { name: 'prod-b' }],
};
const load = async (environment: string) => lists[environment];
const names = (body: string) => (JSON.parse(body).queues as Array<{ name: string }>).map(q => q.name);

describe('list bodies', () => {
  it('without a page: every item of every environment, in inventory order, and no page key', async () => {
    const body = await listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load });
    expect(names(body)).toEqual(['dev-a', 'dev-b', 'dev-c', 'prod-a', 'prod-b']);
    expect(JSON.parse(body)).toEqual(expect.not.objectContaining({ page: expect.anything() }));
  });

  it('a page is a slice of that order across environments, with the whole list size', async () => {
    const body = await listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load, page: { offset: 2, limit: 2 } });
    expect(names(body)).toEqual(['dev-c', 'prod-a']);
    expect(JSON.parse(body).page).toEqual({ offset: 2, limit: 2, total: 5 });
    expect(JSON.parse(body).problems).toEqual([]);
  });

  it('a page past the end is empty and still says how many there are', async () => {
    const body = await listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load, page: { offset: 10, limit: 5 } });
    expect(JSON.parse(body)).toEqual({ queues: [], problems: [], page: { offset: 10, limit: 5, total: 5 } });
  });

  it('pages and the whole list of the same cached items are different bodies (the memo keys the page)', async () => {
    const first = await listBody({ key: 'queues', environments: ['dev'], single: true, load, page: { offset: 0, limit: 1 } });
    const second = await listBody({ key: 'queues', environments: ['dev'], single: true, load, page: { offset: 1, limit: 1 } });
    const whole = await listBody({ key: 'queues', environments: ['dev'], single: true, load });
    expect([names(first), names(second), names(whole)]).toEqual([['dev-a'], ['dev-b'], ['dev-a', 'dev-b', 'dev-c']]);
  });

  it('an environment that fails is named in problems; the page counts only what was read', async () => {
    const failing = async (environment: string) => {
      if (environment === 'dev') throw new Error('AccessDenied: sts:AssumeRole');
      return lists[environment];
    };
    const body = JSON.parse(await listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load: failing, page: { offset: 0, limit: 50 } }));
    expect(body.queues.map((q: { name: string }) => q.name)).toEqual(['prod-a', 'prod-b']);
    expect(body.page.total).toBe(2);
    expect(body.problems).toEqual([{ environment: 'dev', message: 'AccessDenied: sts:AssumeRole' }]);
  });

  it('a filter keeps its items in order before paging, and is decided and serialised once per cached list', async () => {
    const keep = jest.fn((item: { name: string }) => item.name.endsWith('-b') || item.name === 'prod-a');
    const trim = jest.fn((item: { name: string }) => item);
    const filter = { name: 'needsAttention', keep };
    const read = (page?: { offset: number; limit: number }) =>
      listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load, trim, filter, page });
    expect(names(await read())).toEqual(['dev-b', 'prod-a', 'prod-b']);
    const page = JSON.parse(await read({ offset: 1, limit: 1 }));
    expect(page.queues.map((q: { name: string }) => q.name)).toEqual(['prod-a']);
    expect(page.page).toEqual({ offset: 1, limit: 1, total: 3 });
    // Two reads of five cached items: each item judged once, the kept ones serialised once.
    expect(keep).toHaveBeenCalledTimes(5);
    expect(trim).toHaveBeenCalledTimes(3);
    // The same cached lists unfiltered are their own body, whole.
    expect(names(await listBody({ key: 'queues', environments: ['dev', 'prod'], single: false, load, trim }))).toHaveLength(5);
  });
});
