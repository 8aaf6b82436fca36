import { createHash } from 'node:crypto';
import { AwsLocation, Inventory } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { awsError } from '../errors';
import { ServiceModel } from '../ServiceModel';
import type { TerraformSeedSource } from '../terraform/source';
import { DEFAULT_SIMULATED_TAG_KEYS, SimulatedTagKeys, TaggedResource, taggedResources } from './taggedResources';

type Input = Record<string, unknown>;

/** ResourceTypeFilters services this account can hold (others are refused, as AWS does). */
const KNOWN_SERVICES = ['autoscaling', 'sqs', 'rds', 'elasticache', 's3', 'ecs', 'ec2', 'cloudfront', 'route53'];

const invalid = (message: string) => awsError('InvalidParameterException', message, 400);

// Limits from the GetResources API reference: 1-100 resources per page, 100-500 tags per
// page, up to 50 tag keys with up to 20 values each, up to 100 ARNs or resource types.
const inputSchema = z
  .object({
    PaginationToken: z.string().max(2048).optional(),
    TagFilters: z
      .array(
        z.object({
          Key: z.string().min(1).max(128).optional(),
          Values: z.array(z.string().max(256)).max(20).optional(),
        }),
      )
      .max(50)
      .optional(),
    ResourcesPerPage: z.number().int().min(1).max(100).optional(),
    TagsPerPage: z.number().int().min(100).max(500).optional(),
    ResourceTypeFilters: z.array(z.string().min(1).max(256)).max(100).optional(),
    IncludeComplianceDetails: z.boolean().optional(),
    ExcludeCompliantResources: z.boolean().optional(),
    ResourceARNList: z.array(z.string().min(1).max(1011)).min(1).max(100).optional(),
  })
  .strict();

type GetResourcesInput = z.infer<typeof inputSchema>;

interface PageToken {
  /** Offset into the sorted, filtered list. */
  o: number;
  /** The query it belongs to: a token only continues the request that produced it. */
  q: string;
}

/**
 * The Resource Groups Tagging API (GetResources) of the simulated account, with AWS's
 * semantics: tag filters AND across keys and OR within a key's values (a key without values
 * matches any value), resource-type filters as `service` or `service:type`, at most 100
 * resources per page (default 100), and a PaginationToken that is empty on the last page.
 * ResourceARNList cannot be combined with filters or paging. Buckets are listed in the region
 * they are located in.
 */
export class TaggingModel implements ServiceModel {
  readonly service = 'resourceGroupsTagging' as const;
  readonly operations = ['GetResources'] as const;
  private cached?: { inventory: Inventory; resources: TaggedResource[] };

  constructor(
    private readonly inventory: () => Inventory,
    private readonly keys: SimulatedTagKeys = DEFAULT_SIMULATED_TAG_KEYS,
    /**
     * Resources other models hold with their own tags (CloudFront distributions as their
     * Terraform tagged them), including those of environments added while the world runs.
     */
    private readonly others: () => TaggedResource[] = () => [],
    /** The environments' applied Terraform: the tags it gives queues (their DLQ tag). */
    private readonly terraform?: TerraformSeedSource,
  ) {}

  handle(operation: string, input: Input, location: AwsLocation): Record<string, unknown> {
    if (operation !== 'GetResources') throw invalid(`Unsupported operation ${operation}`);
    const parsed = inputSchema.safeParse(input);
    if (!parsed.success) {
      throw invalid(parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    return this.getResources(parsed.data, location);
  }

  private resources(): TaggedResource[] {
    const inventory = this.inventory();
    if (this.cached?.inventory !== inventory) {
      this.cached = { inventory, resources: taggedResources(inventory, this.keys, this.terraform) };
    }
    const others = this.others();
    if (!others.length) return this.cached.resources;
    const known = new Set(this.cached.resources.map(r => r.arn));
    // Code-point order by ARN, as AWS lists them.
    return [...this.cached.resources, ...others.filter(r => !known.has(r.arn))].sort((a, b) => (a.arn < b.arn ? -1 : Number(a.arn > b.arn)));
  }

  private getResources(input: GetResourcesInput, location: AwsLocation) {
    const here = this.resources().filter(
      r => r.accountId === location.accountId && r.region === location.region,
    );
    if (input.ResourceARNList) {
      if (input.TagFilters || input.ResourceTypeFilters || input.PaginationToken || input.ResourcesPerPage || input.TagsPerPage) {
        throw invalid('ResourceARNList cannot be combined with TagFilters, ResourceTypeFilters or pagination parameters');
      }
      const wanted = new Set(input.ResourceARNList);
      // ARNs that do not exist are left out, not an error.
      return { PaginationToken: '', ResourceTagMappingList: here.filter(r => wanted.has(r.arn)).map(toMapping) };
    }
    const typeFilters = (input.ResourceTypeFilters ?? []).map(parseTypeFilter);
    const tagFilters = input.TagFilters ?? [];
    if (tagFilters.some(f => !f.Key)) throw invalid('TagFilters: every tag filter needs a Key');
    const matching = here.filter(
      r =>
        (typeFilters.length === 0 ||
          typeFilters.some(f => f.service === r.service && (f.type === undefined || f.type === r.type))) &&
        tagFilters.every(f => {
          const value = r.tags[f.Key!];
          return value !== undefined && (!f.Values?.length || f.Values.includes(value));
        }),
    );
    const query = queryHash(input);
    const start = input.PaginationToken ? readToken(input.PaginationToken, query) : 0;
    const size = input.ResourcesPerPage ?? 100;
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? writeToken({ o: start + size, q: query }) : '';
    return { PaginationToken: next, ResourceTagMappingList: page.map(toMapping) };
  }
}

function toMapping(r: TaggedResource) {
  return { ResourceARN: r.arn, Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) };
}

function parseTypeFilter(filter: string): { service: string; type?: string } {
  const [service, type, ...rest] = filter.split(':');
  if (rest.length > 0 || !KNOWN_SERVICES.includes(service) || type === '') {
    throw invalid(`ResourceTypeFilters: unsupported resource type "${filter}" (use service or service:resourceType, e.g. rds:db)`);
  }
  return { service, type };
}

function queryHash(input: GetResourcesInput): string {
  // The page size may change between pages; the filters may not.
  const { PaginationToken: _t, ResourcesPerPage: _r, TagsPerPage: _p, ...query } = input;
  return createHash('sha256').update(JSON.stringify(query)).digest('hex').slice(0, 16);
}

function writeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function readToken(raw: string, query: string): number {
  let token: Partial<PageToken> | undefined;
  try {
    token = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    token = undefined;
  }
  if (!token || typeof token.o !== 'number' || token.q !== query) {
    throw invalid('PaginationToken: invalid pagination token, or one from a different request');
  }
  return token.o;
}
