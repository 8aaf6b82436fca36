import { Construct } from 'constructs';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { TerraformProvider } from 'cdktf';
import { names } from '../spec/naming';

export interface CdnProps {
  name: string;
  region: string;
  originBucket: S3Bucket;
  priceClass: string;
  /**
   * The DR copy of the bucket (region failover): a second origin and an origin group, so
   * edges fall back to it on 5xx/403/404 from the primary without any API call, and the
   * region-failover runbook can point the cache behaviours at it.
   */
  failover?: { bucket: S3Bucket; region: string; provider: TerraformProvider };
}

/** Primary-origin answers that make CloudFront retry the request on the DR origin. */
const FAILOVER_STATUS_CODES = [403, 404, 500, 502, 503, 504];

// AWS managed cache policy "CachingOptimized".
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';

/**
 * CloudFront in front of the assets bucket with origin access control: the bucket stays
 * private and only this distribution may read it (seeds 001 and 004).
 */
export class Cdn extends Construct {
  readonly distribution: CloudfrontDistribution;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const oac = new CloudfrontOriginAccessControl(this, 'oac', {
      name: `${props.name}-assets`,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    });
    const originId = names.primaryOriginId(props.region);
    const { failover } = props;
    const drOriginId = failover ? names.drOriginId(failover.region) : undefined;
    this.distribution = new CloudfrontDistribution(this, 'distribution', {
      enabled: true,
      comment: `${props.name} media`,
      priceClass: props.priceClass,
      httpVersion: 'http2and3',
      origin: [
        {
          originId,
          domainName: props.originBucket.bucketRegionalDomainName,
          originAccessControlId: oac.id,
        },
        ...(failover && drOriginId
          ? [
              {
                originId: drOriginId,
                // The regional name (<bucket>.s3.<region>.amazonaws.com): the runbook finds the
                // DR origin by it.
                domainName: failover.bucket.bucketRegionalDomainName,
                originAccessControlId: oac.id,
              },
            ]
          : []),
      ],
      originGroup:
        failover && drOriginId
          ? [
              {
                originId: names.originGroupId,
                failoverCriteria: { statusCodes: FAILOVER_STATUS_CODES },
                member: [{ originId }, { originId: drOriginId }],
              },
            ]
          : undefined,
      defaultCacheBehavior: {
        // Origin groups serve GET/HEAD/OPTIONS only; the media distribution allows no more.
        targetOriginId: failover ? names.originGroupId : originId,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: CACHING_OPTIMIZED,
        compress: true,
      },
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1.2_2021' },
    });
    const readPolicy = (bucket: S3Bucket) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudFrontRead',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${bucket.arn}/*`,
            Condition: { StringEquals: { 'AWS:SourceArn': this.distribution.arn } },
          },
        ],
      });
    new S3BucketPolicy(this, 'origin-policy', {
      bucket: props.originBucket.id,
      policy: readPolicy(props.originBucket),
    });
    if (failover) {
      new S3BucketPolicy(this, 'dr-origin-policy', {
        provider: failover.provider,
        bucket: failover.bucket.id,
        policy: readPolicy(failover.bucket),
      });
    }
  }
}
