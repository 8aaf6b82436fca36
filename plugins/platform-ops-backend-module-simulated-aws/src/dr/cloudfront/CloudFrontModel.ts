import {
  Distribution,
  DistributionConfig,
  GetDistributionCommandOutput,
  GetDistributionConfigCommandOutput,
  UpdateDistributionCommandOutput,
} from '@aws-sdk/client-cloudfront';
import {
  AwsLocation,
  BucketResource,
  Inventory,
  PlatformEnvironment,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { cloudFrontErrors } from '../awsErrors';
import type { DistributionSeed } from '../../terraform/seeds';
import type { TerraformSeedSource } from '../../terraform/source';
import type { TaggedResource } from '../../tagging/taggedResources';
import { stableId } from '../../terraform/stableId';
import { DrServiceModel } from '../DrServiceModel';
import { globalKey, regionShort } from '../naming';
import { id, parseInput } from '../parseInput';
import { randomId } from '../timeline';
import { DR_DURATIONS, drawMs } from '../durations';

type Out<T> = Omit<T, '$metadata'>;

interface DistributionState {
  id: string;
  accountId: string;
  arn: string;
  domainName: string;
  config: DistributionConfig;
  etag: string;
  status: 'Deployed' | 'InProgress';
  lastModified: Date;
  /** Tags Terraform put on it (provider default tags and its own): what GetResources filters on. */
  tags?: Record<string, string>;
}

const getInput = z.object({ Id: id });
/** What UpdateDistribution needs to be coherent; other members are kept as sent. */
const distributionConfigSchema = z
  .object({
    CallerReference: id,
    Comment: z.string(),
    Enabled: z.boolean(),
    Origins: z.object({
      Quantity: z.number().int().min(1),
      Items: z.array(z.object({ Id: id, DomainName: id }).passthrough()).min(1),
    }),
    DefaultCacheBehavior: z
      .object({ TargetOriginId: id, ViewerProtocolPolicy: id })
      .passthrough(),
  })
  .passthrough();
const updateInput = z.object({
  Id: id,
  IfMatch: z.string().optional(),
  DistributionConfig: distributionConfigSchema,
});

/** Origin ids of the seeded distributions (the DR runbook switches between them). */
export function primaryOriginId(
  env: Pick<PlatformEnvironment, 'location'>,
): string {
  return `primary-media-${env.location.region}`;
}
export function drOriginId(drRegion: string): string {
  return `dr-media-${drRegion}`;
}

/** The default behaviour both seeds use: GET/HEAD over HTTPS with the AWS managed policy "CachingOptimized". */
function cachingOptimizedBehavior(targetOriginId: string): DistributionConfig['DefaultCacheBehavior'] {
  return {
    TargetOriginId: targetOriginId,
    ViewerProtocolPolicy: 'redirect-to-https',
    AllowedMethods: {
      Quantity: 2,
      Items: ['GET', 'HEAD'],
      CachedMethods: { Quantity: 2, Items: ['GET', 'HEAD'] },
    },
    Compress: true,
    CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  };
}

/**
 * CloudFront (global): one distribution per environment cloudFrontDistributionId, with the
 * environment's media bucket as origin and the DR bucket (seed 004: "-dr-usw2", cross-region
 * replicated) as a second origin. Updates need the current ETag (optimistic locking, as in
 * AWS) and deploy to the edge in about 5 minutes.
 */
export class CloudFrontModel extends DrServiceModel {
  readonly service = 'cloudFront' as const;
  private readonly distributions = new Map<string, DistributionState>();

  /** Takes in the distribution of an environment added to the running world. */
  absorb(added: CloudFrontModel): void {
    for (const [k, v] of added.distributions) if (!this.distributions.has(k)) this.distributions.set(k, v);
  }

  /**
   * The distributions as the Resource Groups Tagging API lists them: global, so in us-east-1
   * only (where GetResources returns CloudFront), as `cloudfront:distribution`.
   */
  taggedResources(): TaggedResource[] {
    return [...this.distributions.values()].map(d => ({
      arn: d.arn,
      accountId: d.accountId,
      region: 'us-east-1',
      service: 'cloudfront',
      type: 'distribution',
      tags: { ...d.tags },
    }));
  }
  private readonly random: () => number;

  protected readonly handlers = {
    GetDistribution: (i: Record<string, unknown>, l: AwsLocation) =>
      this.get(i, l),
    GetDistributionConfig: (i: Record<string, unknown>, l: AwsLocation) =>
      this.getConfig(i, l),
    UpdateDistribution: (i: Record<string, unknown>, l: AwsLocation, n: Date) =>
      this.update(i, l, n),
  };

  constructor(options: {
    inventory: Inventory;
    random: () => number;
    now: Date;
    terraform?: TerraformSeedSource;
  }) {
    super();
    this.random = options.random;
    for (const env of options.inventory.environments) {
      const applied = options.terraform?.(env);
      if (applied) {
        for (const seed of applied.distributions) {
          const state = this.fromTerraform(env, seed, applied.distributions.length, options.now);
          this.distributions.set(globalKey(state.accountId, state.id), state);
        }
        continue;
      }
      if (!env.cloudFrontDistributionId) continue;
      const state = this.seed(env, options.now);
      this.distributions.set(globalKey(state.accountId, state.id), state);
    }
  }

  /**
   * A distribution as the Terraform declares it (origins, origin group, default target).
   * CloudFront assigns the id at apply: the catalog's cloudfront-distribution-id when the
   * environment has one distribution and declares it, else one derived from the account, the
   * environment and the Terraform address (environments of one template in one account share
   * addresses, never ids).
   */
  private fromTerraform(env: PlatformEnvironment, seed: DistributionSeed, count: number, now: Date): DistributionState {
    const distributionId =
      count === 1 && env.cloudFrontDistributionId
        ? env.cloudFrontDistributionId
        : `E${stableId(13, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', seed.accountId, env.name, seed.address)}`;
    const origins = seed.origins.map(o => this.s3Origin(o.id, o.domainName));
    const groups = seed.originGroups.map(g => ({
      Id: g.id,
      FailoverCriteria: { StatusCodes: { Quantity: g.statusCodes.length, Items: g.statusCodes } },
      Members: { Quantity: g.members.length, Items: g.members.map(OriginId => ({ OriginId })) },
    }));
    return {
      id: distributionId,
      accountId: seed.accountId,
      arn: `arn:aws:cloudfront::${seed.accountId}:distribution/${distributionId}`,
      domainName: `d${randomId(this.random, 13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`,
      etag: this.newEtag(),
      status: 'Deployed',
      lastModified: new Date(now.getTime() - 24 * 3600 * 1000),
      tags: { ...seed.tags },
      config: {
        CallerReference: `terraform-${seed.address}`,
        Comment: seed.comment,
        Enabled: true,
        Aliases: { Quantity: 0, Items: [] },
        DefaultRootObject: '',
        Origins: { Quantity: origins.length, Items: origins },
        OriginGroups: { Quantity: groups.length, Items: groups },
        DefaultCacheBehavior: cachingOptimizedBehavior(seed.defaultTargetOriginId),
        CacheBehaviors: { Quantity: 0, Items: [] },
        PriceClass: seed.priceClass as DistributionConfig['PriceClass'],
        HttpVersion: 'http2and3',
        IsIPV6Enabled: true,
      },
    };
  }

  private s3Origin(originId: string, domainName: string) {
    return {
      Id: originId,
      DomainName: domainName,
      OriginPath: '',
      CustomHeaders: { Quantity: 0, Items: [] },
      S3OriginConfig: { OriginAccessIdentity: '' },
      OriginAccessControlId: `E${randomId(this.random, 13)}`,
      ConnectionAttempts: 3,
      ConnectionTimeout: 10,
    };
  }

  private seed(env: PlatformEnvironment, now: Date): DistributionState {
    const distributionId = env.cloudFrontDistributionId!;
    const bucketResource = env.resources.find((r): r is BucketResource => r.kind === 'bucket');
    const bucket = bucketResource?.bucketName ?? `ai-video-media-${env.name}`;
    const origins = [
      this.s3Origin(
        primaryOriginId(env),
        `${bucket}.s3.${env.location.region}.amazonaws.com`,
      ),
    ];
    if (env.drRegion) {
      origins.push(
        this.s3Origin(
          drOriginId(env.drRegion),
          // The DR copy the catalog declares (dr-bucket-name), else seed 004's "-dr-usw2".
          `${bucketResource?.drBucketName ?? `ai-video-media-${env.name}-dr-${regionShort(env.drRegion)}`}.s3.${
            env.drRegion
          }.amazonaws.com`,
        ),
      );
    }
    return {
      id: distributionId,
      accountId: env.location.accountId,
      arn: `arn:aws:cloudfront::${env.location.accountId}:distribution/${distributionId}`,
      domainName: `d${randomId(
        this.random,
        13,
        'abcdefghijklmnopqrstuvwxyz0123456789',
      )}.cloudfront.net`,
      etag: this.newEtag(),
      status: 'Deployed',
      lastModified: new Date(now.getTime() - 30 * 24 * 3600 * 1000),
      config: {
        CallerReference: `platform-ops-${env.name}-media`,
        Comment: `${env.name} media (uploads and processed video)`,
        Enabled: true,
        Aliases: { Quantity: 0, Items: [] },
        DefaultRootObject: '',
        Origins: { Quantity: origins.length, Items: origins },
        OriginGroups: { Quantity: 0, Items: [] },
        DefaultCacheBehavior: cachingOptimizedBehavior(primaryOriginId(env)),
        CacheBehaviors: { Quantity: 0, Items: [] },
        PriceClass: 'PriceClass_100',
        HttpVersion: 'http2and3',
        IsIPV6Enabled: true,
      },
    };
  }

  private get(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<GetDistributionCommandOutput> {
    const dist = this.distribution(
      parseInput(getInput, input, cloudFrontErrors.invalidArgument).Id,
      location,
    );
    return { Distribution: toDistribution(dist), ETag: dist.etag };
  }

  private getConfig(
    input: Record<string, unknown>,
    location: AwsLocation,
  ): Out<GetDistributionConfigCommandOutput> {
    const dist = this.distribution(
      parseInput(getInput, input, cloudFrontErrors.invalidArgument).Id,
      location,
    );
    return {
      DistributionConfig: structuredClone(dist.config),
      ETag: dist.etag,
    };
  }

  private update(
    input: Record<string, unknown>,
    location: AwsLocation,
    now: Date,
  ): Out<UpdateDistributionCommandOutput> {
    const args = parseInput(
      updateInput,
      input,
      cloudFrontErrors.invalidArgument,
    );
    const dist = this.distribution(args.Id, location);
    if (!args.IfMatch) throw cloudFrontErrors.invalidIfMatch();
    if (args.IfMatch !== dist.etag) throw cloudFrontErrors.preconditionFailed();
    const config = args.DistributionConfig;
    if (config.CallerReference !== dist.config.CallerReference) {
      throw cloudFrontErrors.illegalUpdate(
        'The CallerReference of a distribution cannot be changed.',
      );
    }
    if (config.Origins.Quantity !== config.Origins.Items.length) {
      throw cloudFrontErrors.inconsistentQuantities(
        `Origins.Quantity is ${config.Origins.Quantity} but ${config.Origins.Items.length} origins were given.`,
      );
    }
    const target = config.DefaultCacheBehavior.TargetOriginId;
    if (!config.Origins.Items.some(o => o.Id === target)) {
      throw cloudFrontErrors.noSuchOrigin(target);
    }

    // The schema checked what CloudFront itself checks; the rest is stored as sent, since an
    // update replaces the whole configuration.
    dist.config = structuredClone(
      input.DistributionConfig as DistributionConfig,
    );
    dist.etag = this.newEtag();
    dist.status = 'InProgress';
    dist.lastModified = now;
    const etag = dist.etag;
    this.timeline.schedule(
      now.getTime() + drawMs(this.random, DR_DURATIONS.cloudFrontDeployment),
      () => {
        // Only the latest configuration's deployment finishes the rollout.
        if (dist.etag === etag) dist.status = 'Deployed';
      },
    );
    return { Distribution: toDistribution(dist), ETag: dist.etag };
  }

  private newEtag(): string {
    return `E${randomId(this.random, 13)}`;
  }

  /** CloudFront is global: a distribution is found by the account, whatever the region. */
  private distribution(
    distributionId: string,
    location: AwsLocation,
  ): DistributionState {
    const dist = this.distributions.get(
      globalKey(location.accountId, distributionId),
    );
    if (!dist) throw cloudFrontErrors.noSuchDistribution();
    return dist;
  }
}

function toDistribution(d: DistributionState): Distribution {
  return {
    Id: d.id,
    ARN: d.arn,
    Status: d.status,
    LastModifiedTime: d.lastModified,
    InProgressInvalidationBatches: 0,
    DomainName: d.domainName,
    DistributionConfig: structuredClone(d.config),
  };
}
