import { ListResourceRecordSetsCommandOutput } from '@aws-sdk/client-route-53';
import { ManualClock } from '../ServiceModel';
import { Route53Model } from './route53/Route53Model';
import { exampleInventory, seededRandom } from './testInventory';
import { awsErrorOf, driver, PROD_EAST } from './testUtils';

type Records = Omit<ListResourceRecordSetsCommandOutput, '$metadata'>;

/*
 * ListResourceRecordSets as the Route 53 API reference describes it: records sorted by DNS
 * name with the labels reversed (trailing dot included), then by type; pages of at most 300;
 * each truncated page names where the next starts (NextRecordName/Type/Identifier, the
 * StartRecord* of the next call, per the paginators file of AWS's model); a type without a
 * name is InvalidInput.
 */
function setup() {
  const clock = new ManualClock();
  const model = new Route53Model({ inventory: exampleInventory(), random: seededRandom(11) });
  const { call } = driver(model, clock);
  const list = async (input: Record<string, unknown>) =>
    (await call('ListResourceRecordSets', { HostedZoneId: 'Z0PLATFORMPROD', ...input }, PROD_EAST)) as Records;
  const create = (names: string[]) =>
    call(
      'ChangeResourceRecordSets',
      {
        HostedZoneId: 'Z0PLATFORMPROD',
        ChangeBatch: {
          Changes: names.map(Name => ({
            Action: 'CREATE',
            ResourceRecordSet: { Name, Type: 'A', TTL: 60, ResourceRecords: [{ Value: '192.0.2.10' }] },
          })),
        },
      },
      PROD_EAST,
    );
  return { list, create };
}

/** Every record of the zone, page after page as a client following the tokens would. */
async function listAll(list: (input: Record<string, unknown>) => Promise<Records>, maxItems: number) {
  const seen: string[] = [];
  let start: Record<string, unknown> = {};
  for (let pages = 1; ; pages++) {
    const out = await list({ ...start, MaxItems: maxItems });
    expect(out.ResourceRecordSets!.length).toBeLessThanOrEqual(maxItems);
    seen.push(...out.ResourceRecordSets!.map(r => `${r.Name} ${r.Type} ${r.SetIdentifier ?? ''}`));
    if (!out.IsTruncated) return { seen, pages };
    expect(out.NextRecordName).toBeDefined();
    start = {
      StartRecordName: out.NextRecordName,
      StartRecordType: out.NextRecordType,
      ...(out.NextRecordIdentifier ? { StartRecordIdentifier: out.NextRecordIdentifier } : {}),
    };
  }
}

describe('simulated Route 53 ListResourceRecordSets: order and paging as AWS', () => {
  it('sorts by name with the labels reversed, trailing dot included ("www-a" before "www"), then by type', async () => {
    const { list, create } = setup();
    await create(['www.video.example.com', 'www-a.video.example.com', 'a.www.video.example.com', 'zz.video.example.com']);

    const names = (await list({})).ResourceRecordSets!.map(r => r.Name!);

    // com.example.video.api. < com.example.video.www-a. < com.example.video.www. < com.example.video.www.a. < com.example.video.zz.
    const ours = names.filter(n => /^(www|www-a|a\.www|zz|api)\./.test(n));
    expect([...new Set(ours)]).toEqual([
      'api.video.example.com.',
      'www-a.video.example.com.',
      'www.video.example.com.',
      'a.www.video.example.com.',
      'zz.video.example.com.',
    ]);
    // The apex (com.example.video.) comes before every name below it.
    expect(names[0]).toBe('video.example.com.');
  });

  it('pages to the end with Next* -> StartRecord*: every record once, in order, whatever the page size', async () => {
    const { list, create } = setup();
    await create(['b.video.example.com', 'c.video.example.com', 'd.video.example.com']);
    const whole = await listAll(list, 300);
    expect(whole.pages).toBe(1);

    for (const size of [1, 2, 3]) {
      const paged = await listAll(list, size);
      expect(paged.seen).toEqual(whole.seen);
      expect(paged.pages).toBe(Math.ceil(whole.seen.length / size));
    }
    // The failover pair shares a name and type: the page between them names the identifier.
    const first = await list({ StartRecordName: 'api.video.example.com.', MaxItems: 1 });
    expect(first).toMatchObject({ IsTruncated: true, NextRecordName: 'api.video.example.com.', NextRecordType: 'A' });
    expect(first.NextRecordIdentifier).toBeDefined();
  });

  it('starts at the first name >= StartRecordName, and with a type at the first type >= it within that name', async () => {
    const { list } = setup();
    const fromApi = await list({ StartRecordName: 'API.video.example.com' });
    expect(fromApi.ResourceRecordSets![0].Name).toBe('api.video.example.com.');

    const afterA = await list({ StartRecordName: 'api.video.example.com.', StartRecordType: 'AAAA' });
    expect(afterA.ResourceRecordSets!.every(r => r.Name !== 'api.video.example.com.' || r.Type! >= 'AAAA')).toBe(true);
  });

  it.each([
    ['a type without a name', { StartRecordType: 'A' }],
    ['an identifier without a type', { StartRecordName: 'api.video.example.com.', StartRecordIdentifier: 'primary' }],
    ['an unknown record type', { StartRecordName: 'api.video.example.com.', StartRecordType: 'ALIAS' }],
    ['more than 300 items per page', { MaxItems: 301 }],
    ['a page of none', { MaxItems: 0 }],
  ])('refuses %s with InvalidInput (400)', async (_what, input) => {
    const { list } = setup();
    const error = await awsErrorOf(() => list(input));
    expect(error.name).toBe('InvalidInput');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});
