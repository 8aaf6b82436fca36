import { GetResourcesCommandOutput } from '@aws-sdk/client-resource-groups-tagging-api';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { ReadAws, RunbookTarget, StepCall } from '../types';
import { findDistribution } from './distributionByTags';

const TAGS = { 'platform-ops:environment': 'prod', 'platform-ops:role': 'cdn' };

function target(env: Partial<PlatformEnvironment> = {}): RunbookTarget {
  const environment: PlatformEnvironment = {
    entityRef: 'resource:default/prod',
    name: 'prod',
    tier: 'prod',
    location: { accountId: '410987654321', region: 'eu-west-1' },
    drRegion: 'eu-central-1',
    costTag: 'prod',
    resources: [],
    dr: { cloudFrontDistributionTags: TAGS },
    ...env,
  };
  return { environment } as RunbookTarget;
}

/** Answers GetResources with `pages` in turn (or throws `error`), recording every call. */
function fakeAws(pages: Array<Partial<GetResourcesCommandOutput>>, error?: Error) {
  const calls: Array<{ service: string; region: string; accountId: string; input: unknown }> = [];
  const aws: ReadAws = {
    now: () => new Date(0),
    send: async (call: StepCall) => {
      calls.push({ service: call.service, region: call.location.region, accountId: call.location.accountId, input: call.command.input });
      if (error) throw error;
      return pages[calls.length - 1] as never;
    },
  };
  return { aws, calls };
}

const arn = (id: string) => ({ ResourceARN: `arn:aws:cloudfront::410987654321:distribution/${id}`, Tags: [] });

describe('findDistribution', () => {
  it('asks the Tagging API of us-east-1 for the distribution with the declared tags, whatever the environment region', async () => {
    const { aws, calls } = fakeAws([{ ResourceTagMappingList: [arn('E1ABCDEF234567')], PaginationToken: '' }]);
    await expect(findDistribution(aws, target())).resolves.toEqual({
      id: 'E1ABCDEF234567',
      declared: false,
      detail: 'E1ABCDEF234567, found by its tags platform-ops:environment=prod, platform-ops:role=cdn',
    });
    expect(calls).toEqual([
      {
        service: 'resourceGroupsTagging',
        region: 'us-east-1',
        accountId: '410987654321',
        input: {
          ResourceTypeFilters: ['cloudfront:distribution'],
          TagFilters: [
            { Key: 'platform-ops:environment', Values: ['prod'] },
            { Key: 'platform-ops:role', Values: ['cdn'] },
          ],
        },
      },
    ]);
  });

  it('follows the PaginationToken', async () => {
    const { aws, calls } = fakeAws([
      { ResourceTagMappingList: [], PaginationToken: 'next-page' },
      { ResourceTagMappingList: [arn('E2SECONDPAGE99')], PaginationToken: '' },
    ]);
    await expect(findDistribution(aws, target())).resolves.toMatchObject({ id: 'E2SECONDPAGE99' });
    expect((calls[1].input as { PaginationToken?: string }).PaginationToken).toBe('next-page');
  });

  it('uses the id the catalog declares without calling AWS', async () => {
    const { aws, calls } = fakeAws([]);
    await expect(findDistribution(aws, target({ cloudFrontDistributionId: 'E2PRODVIDEOCDN' }))).resolves.toMatchObject({ id: 'E2PRODVIDEOCDN', declared: true });
    expect(calls).toEqual([]);
  });

  it('finds none when no distribution carries the tags, or when several do (it will not guess)', async () => {
    await expect(findDistribution(fakeAws([{ ResourceTagMappingList: [] }]).aws, target())).resolves.toEqual({
      detail: 'no CloudFront distribution is tagged platform-ops:environment=prod, platform-ops:role=cdn',
    });
    const two = await findDistribution(fakeAws([{ ResourceTagMappingList: [arn('E1AAAAAAAAAAAA'), arn('E1BBBBBBBBBBBB')] }]).aws, target());
    expect(two.id).toBeUndefined();
    expect(two.detail).toBe(
      '2 CloudFront distributions are tagged platform-ops:environment=prod, platform-ops:role=cdn (E1AAAAAAAAAAAA, E1BBBBBBBBBBBB): the catalog must name one (platform-ops.io/cloudfront-distribution-id)',
    );
  });

  it("says what AWS answered when the lookup fails (e.g. tag:GetResources denied)", async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: tag:GetResources'), { name: 'AccessDeniedException' });
    const found = await findDistribution(fakeAws([], denied).aws, target());
    expect(found).toEqual({
      detail: 'could not look up the distribution tagged platform-ops:environment=prod, platform-ops:role=cdn (User is not authorized to perform: tag:GetResources)',
    });
  });

  it('does nothing for an environment that declares no distribution', async () => {
    const { aws, calls } = fakeAws([]);
    await expect(findDistribution(aws, target({ dr: undefined }))).resolves.toEqual({ detail: 'the environment declares no CloudFront distribution' });
    expect(calls).toEqual([]);
  });
});
