import { DistributionConfig } from '@aws-sdk/client-cloudfront';
import { pointAtDrOrigin } from './regionFailover';

function config(target = 'primary-media-us-east-1'): DistributionConfig {
  return {
    CallerReference: 'ref',
    Comment: '',
    Enabled: true,
    Origins: {
      Quantity: 2,
      Items: [
        { Id: 'primary-media-us-east-1', DomainName: 'ai-video-media-prod-410987654321.s3.us-east-1.amazonaws.com' },
        { Id: 'dr-media-us-west-2', DomainName: 'ai-video-media-prod-dr-usw2.s3.us-west-2.amazonaws.com' },
      ],
    },
    DefaultCacheBehavior: { TargetOriginId: target, ViewerProtocolPolicy: 'redirect-to-https' },
    CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/thumbs/*', TargetOriginId: target, ViewerProtocolPolicy: 'https-only' }] },
  };
}

describe('pointAtDrOrigin', () => {
  it('sends every cache behaviour to the origin declared in the DR region', () => {
    const c = config();
    const change = pointAtDrOrigin(c, 'ai-video-media-prod-410987654321', 'us-west-2', 'unused');
    expect(change.description).toBe('2 cache behaviour(s) now target dr-media-us-west-2 (ai-video-media-prod-dr-usw2.s3.us-west-2.amazonaws.com)');
    expect(c.DefaultCacheBehavior!.TargetOriginId).toBe('dr-media-us-west-2');
    expect(c.CacheBehaviors!.Items![0].TargetOriginId).toBe('dr-media-us-west-2');
    expect(c.Origins!.Items![0].DomainName).toBe('ai-video-media-prod-410987654321.s3.us-east-1.amazonaws.com');
  });

  it('does nothing when the behaviours already target the DR origin (a resumed step)', () => {
    const c = config('dr-media-us-west-2');
    expect(pointAtDrOrigin(c, 'ai-video-media-prod-410987654321', 'us-west-2', 'unused').alreadyDone).toBe(
      'every cache behaviour already targets dr-media-us-west-2',
    );
  });

  it('without a DR origin, rewrites the primary origin to the replicated bucket', () => {
    const c = config();
    c.Origins = { Quantity: 1, Items: [c.Origins!.Items![0]] };
    const change = pointAtDrOrigin(c, 'ai-video-media-prod-410987654321', 'us-west-2', 'ai-video-media-prod-410987654321-usw2.s3.us-west-2.amazonaws.com');
    expect(change.description).toBe('origin primary-media-us-east-1 now ai-video-media-prod-410987654321-usw2.s3.us-west-2.amazonaws.com');
    expect(() => pointAtDrOrigin({ ...c, Origins: { Quantity: 0, Items: [] } }, 'other-bucket', 'us-west-2', 'x')).toThrow(
      'the distribution has no origin on other-bucket and none in us-west-2',
    );
  });
});
