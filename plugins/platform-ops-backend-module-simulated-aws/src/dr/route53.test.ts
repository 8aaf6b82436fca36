import {
  ChangeResourceRecordSetsCommandOutput,
  GetChangeCommandOutput,
  GetHealthCheckStatusCommandOutput,
  ListResourceRecordSetsCommandOutput,
  ResourceRecordSet,
} from '@aws-sdk/client-route-53';
import { ManualClock } from '../ServiceModel';
import { Route53Model } from './route53/Route53Model';
import { exampleInventory, seededRandom } from './testInventory';
import {
  awsErrorOf,
  driver,
  PROD_EAST,
  PROD_WEST,
  STAGING_EAST,
} from './testUtils';

type Records = Omit<ListResourceRecordSetsCommandOutput, '$metadata'>;
type Change = Omit<ChangeResourceRecordSetsCommandOutput, '$metadata'>;

function setup(isRegionDown?: (region: string) => boolean) {
  const clock = new ManualClock();
  const model = new Route53Model({
    inventory: exampleInventory(),
    random: seededRandom(11),
    isRegionDown,
  });
  const { call } = driver(model, clock);
  const records = async () =>
    (
      (await call(
        'ListResourceRecordSets',
        { HostedZoneId: 'Z0PLATFORMPROD' },
        PROD_EAST,
      )) as Records
    ).ResourceRecordSets!;
  const failover = async () => (await records()).filter(r => r.Failover);
  return { clock, call, records, failover };
}

describe('simulated Route 53', () => {
  it('holds the prod failover pair: PRIMARY to the us-east-1 ALB, SECONDARY to the DR ALB, with health checks', async () => {
    const { failover, records } = setup();
    const [primary, secondary] = await failover();
    expect(primary).toMatchObject({
      Name: 'api.video.example.com.',
      Type: 'A',
      SetIdentifier: 'primary-us-east-1',
      Failover: 'PRIMARY',
      AliasTarget: {
        HostedZoneId: 'Z35SXDOTRQ7X7K',
        EvaluateTargetHealth: true,
      },
    });
    expect(primary.AliasTarget!.DNSName).toMatch(
      /\.us-east-1\.elb\.amazonaws\.com\.$/,
    );
    expect(primary.HealthCheckId).toMatch(/^[0-9a-f-]{36}$/);
    expect(secondary).toMatchObject({
      SetIdentifier: 'secondary-us-west-2',
      Failover: 'SECONDARY',
      AliasTarget: { HostedZoneId: 'Z1H1FL5HABSF5' },
    });
    expect(secondary.AliasTarget!.DNSName).toMatch(
      /\.us-west-2\.elb\.amazonaws\.com\.$/,
    );
    // The zone's own NS and SOA come first, as Route 53 lists them.
    expect((await records()).slice(0, 2).map(r => r.Type)).toEqual([
      'NS',
      'SOA',
    ]);
  });

  it('is global: the zone answers from any region of its account, and only there', async () => {
    const { call } = setup();
    const fromWest = (await call(
      'ListResourceRecordSets',
      { HostedZoneId: '/hostedzone/Z0PLATFORMPROD' },
      PROD_WEST,
    )) as Records;
    expect(fromWest.ResourceRecordSets!.length).toBe(4);
    const otherAccount = await awsErrorOf(() =>
      call(
        'ListResourceRecordSets',
        { HostedZoneId: 'Z0PLATFORMPROD' },
        STAGING_EAST,
      ),
    );
    expect(otherAccount).toMatchObject({
      name: 'NoSuchHostedZone',
      $metadata: { httpStatusCode: 404 },
      message: 'No hosted zone found with ID: Z0PLATFORMPROD',
    });
  });

  it('applies an UPSERT swapping the roles, PENDING then INSYNC after about a minute', async () => {
    const { clock, call, failover } = setup();
    const [primary, secondary] = await failover();
    const answer = (await call(
      'ChangeResourceRecordSets',
      {
        HostedZoneId: 'Z0PLATFORMPROD',
        ChangeBatch: {
          Comment: 'region failover to us-west-2',
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: { ...primary, Failover: 'SECONDARY' },
            },
            {
              Action: 'UPSERT',
              ResourceRecordSet: { ...secondary, Failover: 'PRIMARY' },
            },
          ],
        },
      },
      PROD_EAST,
    )) as Change;
    expect(answer.ChangeInfo).toMatchObject({
      Status: 'PENDING',
      Comment: 'region failover to us-west-2',
      SubmittedAt: clock.now(),
    });
    expect(answer.ChangeInfo!.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);

    const now = await failover();
    expect(now.find(r => r.Failover === 'PRIMARY')!.SetIdentifier).toBe(
      'secondary-us-west-2',
    );

    const status = async () =>
      (
        (await call(
          'GetChange',
          { Id: answer.ChangeInfo!.Id },
          PROD_EAST,
        )) as Omit<GetChangeCommandOutput, '$metadata'>
      ).ChangeInfo!.Status;
    // DR_DURATIONS.route53Propagation: never before 15 s, always by 75 s.
    clock.advance(14_000);
    expect(await status()).toBe('PENDING');
    clock.advance(62_000); // 76 s after the change
    expect(await status()).toBe('INSYNC');
  });

  it('rejects a batch that conflicts with the zone, all or nothing', async () => {
    const { call, failover } = setup();
    const [primary, secondary] = await failover();
    const error = await awsErrorOf(() =>
      call(
        'ChangeResourceRecordSets',
        {
          HostedZoneId: 'Z0PLATFORMPROD',
          ChangeBatch: {
            Changes: [
              // Valid on its own, but the batch leaves two PRIMARY records.
              {
                Action: 'UPSERT',
                ResourceRecordSet: { ...secondary, Failover: 'PRIMARY' },
              },
              { Action: 'CREATE', ResourceRecordSet: primary },
            ],
          },
        },
        PROD_EAST,
      ),
    );
    expect(error).toMatchObject({
      name: 'InvalidChangeBatch',
      $metadata: { httpStatusCode: 400 },
    });
    expect(error.message).toContain(
      "Tried to create resource record set [name='api.video.example.com.', type='A', set-identifier='primary-us-east-1'] but it already exists",
    );
    expect(error.message).toContain('PRIMARY failover records');
    expect(await failover()).toEqual([primary, secondary]);
  });

  it.each<[string, object, string]>([
    ['no changes', { Changes: [] }, 'InvalidInput'],
    [
      'an unknown action',
      {
        Changes: [
          {
            Action: 'FLIP',
            ResourceRecordSet: { Name: 'x.video.example.com', Type: 'A' },
          },
        ],
      },
      'InvalidInput',
    ],
    [
      'both alias and values',
      {
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: 'x.video.example.com',
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '1.2.3.4' }],
              AliasTarget: {
                HostedZoneId: 'Z35SXDOTRQ7X7K',
                DNSName: 'a.example.com',
                EvaluateTargetHealth: false,
              },
            },
          },
        ],
      },
      'InvalidInput',
    ],
    [
      'a name outside the zone',
      {
        Changes: [
          {
            Action: 'CREATE',
            ResourceRecordSet: {
              Name: 'api.other.com',
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '1.2.3.4' }],
            },
          },
        ],
      },
      'InvalidChangeBatch',
    ],
    [
      'deleting a record that is not there',
      {
        Changes: [
          {
            Action: 'DELETE',
            ResourceRecordSet: {
              Name: 'gone.video.example.com',
              Type: 'A',
              TTL: 60,
              ResourceRecords: [{ Value: '1.2.3.4' }],
            },
          },
        ],
      },
      'InvalidChangeBatch',
    ],
  ])('rejects %s and changes nothing', async (_what, ChangeBatch, code) => {
    const { call, records } = setup();
    const before = await records();
    const error = await awsErrorOf(() =>
      call(
        'ChangeResourceRecordSets',
        { HostedZoneId: 'Z0PLATFORMPROD', ChangeBatch },
        PROD_EAST,
      ),
    );
    expect(error.name).toBe(code);
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(await records()).toEqual(before);
  });

  it('creates and deletes a plain record', async () => {
    const { call, records } = setup();
    const record: ResourceRecordSet = {
      Name: 'status.video.example.com.',
      Type: 'CNAME',
      TTL: 60,
      ResourceRecords: [{ Value: 'status.example.net' }],
    };
    await call(
      'ChangeResourceRecordSets',
      {
        HostedZoneId: 'Z0PLATFORMPROD',
        ChangeBatch: {
          Changes: [{ Action: 'CREATE', ResourceRecordSet: record }],
        },
      },
      PROD_EAST,
    );
    expect(await records()).toContainEqual(record);
    await call(
      'ChangeResourceRecordSets',
      {
        HostedZoneId: 'Z0PLATFORMPROD',
        ChangeBatch: {
          Changes: [{ Action: 'DELETE', ResourceRecordSet: record }],
        },
      },
      PROD_EAST,
    );
    expect(await records()).not.toContainEqual(record);
  });

  it('answers NoSuchChange for an unknown change id', async () => {
    const { call } = setup();
    const error = await awsErrorOf(() =>
      call('GetChange', { Id: '/change/CNOPE' }, PROD_EAST),
    );
    expect(error).toMatchObject({
      name: 'NoSuchChange',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("fails the primary's health check while the primary region is down, and only its check", async () => {
    let down = false;
    const { call, failover } = setup(region => down && region === 'us-east-1');
    const [primary, secondary] = await failover();
    const statuses = async (id: string) =>
      (
        (await call(
          'GetHealthCheckStatus',
          { HealthCheckId: id },
          PROD_WEST,
        )) as Omit<GetHealthCheckStatusCommandOutput, '$metadata'>
      ).HealthCheckObservations!.map(o => o.StatusReport!.Status!);

    expect(
      (await statuses(primary.HealthCheckId!)).every(s =>
        s.startsWith('Success'),
      ),
    ).toBe(true);
    down = true;
    const primaryDown = await statuses(primary.HealthCheckId!);
    expect(primaryDown.length).toBeGreaterThan(3);
    expect(primaryDown.every(s => s.startsWith('Failure'))).toBe(true);
    expect(
      (await statuses(secondary.HealthCheckId!)).every(s =>
        s.startsWith('Success'),
      ),
    ).toBe(true);

    const unknown = await awsErrorOf(() =>
      call('GetHealthCheckStatus', { HealthCheckId: 'nope' }, PROD_EAST),
    );
    expect(unknown).toMatchObject({
      name: 'NoSuchHealthCheck',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
