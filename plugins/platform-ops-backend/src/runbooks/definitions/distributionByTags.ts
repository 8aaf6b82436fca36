import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { ReadAws, RunbookTarget, StepCall } from '../types';
import { globalControlPlane } from './common';

/*
 * The environment's CloudFront distribution. CloudFront assigns a distribution's id when
 * Terraform applies it, so the environment template cannot write it into the catalog: it
 * writes the tags the Terraform puts on the distribution (cloudfront-distribution-tags), and
 * the id is looked up here with the Resource Groups Tagging API. CloudFront is global: the
 * Tagging API lists its distributions in us-east-1 only, as `cloudfront:distribution`.
 * One filtered GetResources call (tag:GetResources), not ListDistributions plus one
 * ListTagsForResource per distribution of the account.
 */

export type DistributionLookup =
  | { id: string; declared: boolean; detail: string }
  | { id?: undefined; detail: string };

/** ARN "arn:aws:cloudfront::123456789012:distribution/E123" -> "E123". */
function distributionIdOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:cloudfront::\d{12}:distribution\/([A-Z0-9]+)$/.exec(arn)?.[1];
}

export function distributionTagsCall(target: RunbookTarget, tags: Record<string, string>, paginationToken?: string): StepCall<GetResourcesCommand> {
  return {
    service: 'resourceGroupsTagging',
    location: globalControlPlane(target),
    command: new GetResourcesCommand({
      ResourceTypeFilters: ['cloudfront:distribution'],
      TagFilters: Object.entries(tags).map(([Key, Value]) => ({ Key, Values: [Value] })),
      ...(paginationToken ? { PaginationToken: paginationToken } : {}),
    }),
    plane: 'control',
    note: 'CloudFront distributions are listed by the Tagging API of us-east-1',
  };
}

/**
 * Lookups by the ReadAws they were made with. The service gives each preview (and each start)
 * its own ReadAws, and the region failover asks in both its preflight and its resolve: they
 * share one GetResources instead of sending it twice a few milliseconds apart. A later preview
 * has a new ReadAws, so it asks AWS again.
 */
const lookups = new WeakMap<ReadAws, Map<string, Promise<DistributionLookup>>>();

/**
 * The distribution the catalog declares (cloudfront-distribution-id), else the one its tags
 * find. No id when none is declared, none or several match, or the lookup fails (the detail
 * says which): the failover then leaves CloudFront to its origin group.
 */
export function findDistribution(aws: ReadAws, target: RunbookTarget): Promise<DistributionLookup> {
  const declaredId = target.environment.cloudFrontDistributionId;
  if (declaredId) return Promise.resolve({ id: declaredId, declared: true, detail: `declared by the catalog (${declaredId})` });
  const tags = target.environment.dr?.cloudFrontDistributionTags;
  if (!tags) return Promise.resolve({ detail: 'the environment declares no CloudFront distribution' });
  const key = JSON.stringify([globalControlPlane(target), tags]);
  const mine = lookups.get(aws) ?? new Map<string, Promise<DistributionLookup>>();
  lookups.set(aws, mine);
  let lookup = mine.get(key);
  if (!lookup) {
    lookup = lookUpByTags(aws, target, tags);
    mine.set(key, lookup);
  }
  return lookup;
}

async function lookUpByTags(aws: ReadAws, target: RunbookTarget, tags: Record<string, string>): Promise<DistributionLookup> {
  const wanted = Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ');
  const ids: string[] = [];
  try {
    let token: string | undefined;
    // A handful of pages at most: the tags name one environment's distribution.
    for (let page = 0; page < 10; page++) {
      const out = await aws.send(distributionTagsCall(target, tags, token));
      for (const mapping of out.ResourceTagMappingList ?? []) {
        const id = mapping.ResourceARN ? distributionIdOf(mapping.ResourceARN) : undefined;
        if (id) ids.push(id);
      }
      token = out.PaginationToken || undefined;
      if (!token) break;
    }
  } catch (error) {
    return { detail: `could not look up the distribution tagged ${wanted} (${(error as Error).message})` };
  }
  if (ids.length === 1) return { id: ids[0], declared: false, detail: `${ids[0]}, found by its tags ${wanted}` };
  if (ids.length === 0) return { detail: `no CloudFront distribution is tagged ${wanted}` };
  return { detail: `${ids.length} CloudFront distributions are tagged ${wanted} (${ids.join(', ')}): the catalog must name one (platform-ops.io/cloudfront-distribution-id)` };
}
