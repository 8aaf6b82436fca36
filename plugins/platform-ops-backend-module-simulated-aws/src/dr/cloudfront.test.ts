import {
  GetDistributionConfigCommandOutput,
  UpdateDistributionCommandOutput,
} from '@aws-sdk/client-cloudfront';
import { ManualClock } from '../ServiceModel';
import { CloudFrontModel } from './cloudfront/CloudFrontModel';
import { exampleInventory, seededRandom } from './testInventory';
import {
  awsErrorOf,
  driver,
  PROD_EAST,
  PROD_WEST,
  STAGING_EAST,
} from './testUtils';

type Config = Omit<GetDistributionConfigCommandOutput, '$metadata'>;

function setup() {
  const clock = new ManualClock();
  const model = new CloudFrontModel({
    inventory: exampleInventory(),
    random: seededRandom(13),
    now: clock.now(),
  });
  const { call } = driver(model, clock);
  const getConfig = async () =>
    (await call(
      'GetDistributionConfig',
      { Id: 'E2PRODVIDEOCDN' },
      PROD_EAST,
    )) as Config;
  const status = async () =>
    (
      (await call('GetDistribution', { Id: 'E2PRODVIDEOCDN' }, PROD_WEST)) as {
        Distribution: { Status: string };
      }
    ).Distribution.Status;
  return { clock, call, getConfig, status };
}

/** The DR step: point the default behaviour at the DR origin. */
function toDrOrigin(config: Config) {
  const c = structuredClone(config.DistributionConfig!);
  c.DefaultCacheBehavior!.TargetOriginId = 'dr-media-us-west-2';
  return c;
}

describe('simulated CloudFront', () => {
  it('serves the prod distribution with the media bucket and the DR bucket as origins', async () => {
    const { getConfig, status } = setup();
    const { DistributionConfig, ETag } = await getConfig();
    expect(ETag).toMatch(/^E[A-Z0-9]{13}$/);
    expect(
      DistributionConfig!.Origins!.Items!.map(o => [o.Id, o.DomainName]),
    ).toEqual([
      [
        'primary-media-us-east-1',
        'ai-video-media-prod-410987654321.s3.us-east-1.amazonaws.com',
      ],
      [
        'dr-media-us-west-2',
        'ai-video-media-prod-dr-usw2.s3.us-west-2.amazonaws.com',
      ],
    ]);
    expect(DistributionConfig).toMatchObject({
      Enabled: true,
      CallerReference: 'platform-ops-prod-media',
      DefaultCacheBehavior: { TargetOriginId: 'primary-media-us-east-1' },
    });
    expect(await status()).toBe('Deployed');
  });

  it('updates with the current ETag: new ETag, InProgress, Deployed after about 5 minutes', async () => {
    const { clock, call, getConfig, status } = setup();
    const current = await getConfig();
    const answer = (await call(
      'UpdateDistribution',
      {
        Id: 'E2PRODVIDEOCDN',
        IfMatch: current.ETag,
        DistributionConfig: toDrOrigin(current),
      },
      PROD_EAST,
    )) as Omit<UpdateDistributionCommandOutput, '$metadata'>;
    expect(answer.ETag).not.toBe(current.ETag);
    expect(answer.Distribution).toMatchObject({
      Status: 'InProgress',
      DistributionConfig: {
        DefaultCacheBehavior: { TargetOriginId: 'dr-media-us-west-2' },
      },
    });
    expect((await getConfig()).ETag).toBe(answer.ETag);
    // DR_DURATIONS.cloudFrontDeployment: never before 2 min, always by 15 min.
    clock.advance(119_000);
    expect(await status()).toBe('InProgress');
    clock.advance(782_000);
    expect(await status()).toBe('Deployed');
  });

  it('refuses a stale or missing ETag (PreconditionFailed 412 / InvalidIfMatchVersion) and changes nothing', async () => {
    const { call, getConfig } = setup();
    const first = await getConfig();
    await call(
      'UpdateDistribution',
      {
        Id: 'E2PRODVIDEOCDN',
        IfMatch: first.ETag,
        DistributionConfig: first.DistributionConfig,
      },
      PROD_EAST,
    );
    const afterFirst = await getConfig();

    const stale = await awsErrorOf(() =>
      call(
        'UpdateDistribution',
        {
          Id: 'E2PRODVIDEOCDN',
          IfMatch: first.ETag,
          DistributionConfig: toDrOrigin(first),
        },
        PROD_EAST,
      ),
    );
    expect(stale).toMatchObject({
      name: 'PreconditionFailed',
      $fault: 'client',
      $metadata: { httpStatusCode: 412 },
    });
    const missing = await awsErrorOf(() =>
      call(
        'UpdateDistribution',
        { Id: 'E2PRODVIDEOCDN', DistributionConfig: toDrOrigin(first) },
        PROD_EAST,
      ),
    );
    expect(missing).toMatchObject({
      name: 'InvalidIfMatchVersion',
      $metadata: { httpStatusCode: 400 },
    });
    expect(await getConfig()).toEqual(afterFirst);
  });

  it('validates the new configuration like CloudFront does', async () => {
    const { call, getConfig } = setup();
    const current = await getConfig();
    const unknownOrigin = structuredClone(current.DistributionConfig!);
    unknownOrigin.DefaultCacheBehavior!.TargetOriginId = 'nowhere';
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateDistribution',
          {
            Id: 'E2PRODVIDEOCDN',
            IfMatch: current.ETag,
            DistributionConfig: unknownOrigin,
          },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'NoSuchOrigin',
      $metadata: { httpStatusCode: 404 },
    });

    const wrongCount = structuredClone(current.DistributionConfig!);
    wrongCount.Origins!.Quantity = 3;
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateDistribution',
          {
            Id: 'E2PRODVIDEOCDN',
            IfMatch: current.ETag,
            DistributionConfig: wrongCount,
          },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({ name: 'InconsistentQuantities' });

    const newCaller = {
      ...structuredClone(current.DistributionConfig!),
      CallerReference: 'other',
    };
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateDistribution',
          {
            Id: 'E2PRODVIDEOCDN',
            IfMatch: current.ETag,
            DistributionConfig: newCaller,
          },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({ name: 'IllegalUpdate' });
    expect(await getConfig()).toEqual(current);
  });

  it('answers NoSuchDistribution for an unknown id or another account', async () => {
    const { call } = setup();
    for (const [id, location] of [
      ['ENOPE', PROD_EAST],
      ['E2PRODVIDEOCDN', STAGING_EAST],
    ] as const) {
      expect(
        await awsErrorOf(() =>
          call('GetDistributionConfig', { Id: id }, location),
        ),
      ).toMatchObject({
        name: 'NoSuchDistribution',
        $metadata: { httpStatusCode: 404 },
      });
    }
  });
});
