import { BucketResource, EcsServiceResource, GpuFleetResource } from '@platformops/plugin-platform-ops-common';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { buildInventory } from './buildInventory';
import { catalogEntity, environmentEntity } from './__testUtils__/catalogEntities';

const entity = catalogEntity;
const env = (extra: Record<string, string>) => environmentEntity('live', extra);

describe('DR annotations in the inventory', () => {
  it('reads the example prod environment failover path from its annotations', () => {
    const inventory = buildInventory(exampleCatalogEntities());
    expect(inventory.problems).toEqual([]);
    const prod = inventory.environments.find(e => e.name === 'prod')!;
    expect(prod.dr).toEqual({
      albName: 'prod-alb',
      healthCheckNames: { primary: 'prod-primary-us-east-1', dr: 'prod-dr-us-west-2' },
      setIdentifiers: { primary: 'primary-us-east-1', secondary: 'secondary-us-west-2' },
      cloudFrontDistributionTags: { 'platform-ops:environment': 'prod', 'platform-ops:role': 'cdn' },
    });
    const fleet = prod.resources.find((r): r is GpuFleetResource => r.kind === 'gpu-fleet')!;
    expect(fleet.drAsgName).toBe('prod-gpu-workers');
    const bucket = prod.resources.find((r): r is BucketResource => r.kind === 'bucket')!;
    expect(bucket.drBucketName).toBe('prod-assets-410987654321-usw2');
    const api = prod.resources.find((r): r is EcsServiceResource => r.kind === 'ecs-service' && r.name === 'video-api')!;
    expect(api).toMatchObject({ drCluster: 'prod-cluster', drService: 'prod-api' });
    // Environments without DR declare nothing: no declaration, not an empty one.
    expect(inventory.environments.find(e => e.name === 'dev')!.dr).toBeUndefined();
  });

  it('keeps DR names distinct from the primary names when the catalog says so', () => {
    const inventory = buildInventory([
      env({ 'platform-ops.io/dr-region': 'us-west-2' }),
      entity('Resource', 'live-fleet', 'gpu-fleet', {
        'platform-ops.io/environment': 'live',
        'platform-ops.io/asg-name': 'live-gpu',
        'platform-ops.io/dr-asg-name': 'live-gpu-standby',
      }),
      entity('Component', 'live-api', 'service', {
        'platform-ops.io/environment': 'live',
        'platform-ops.io/ecs-service': 'live-cluster/live-api',
        'platform-ops.io/dr-ecs-service': 'live-dr-cluster/live-api',
      }),
    ]);
    expect(inventory.problems).toEqual([]);
    const [live] = inventory.environments;
    expect(live.resources.find(r => r.kind === 'gpu-fleet')).toMatchObject({ asgName: 'live-gpu', drAsgName: 'live-gpu-standby' });
    expect(live.resources.find(r => r.kind === 'ecs-service')).toMatchObject({
      cluster: 'live-cluster',
      drCluster: 'live-dr-cluster',
      drService: 'live-api',
    });
  });

  it('reports malformed DR annotations, naming each one, and leaves the environment out', () => {
    const inventory = buildInventory([
      env({
        'platform-ops.io/dr-region': 'us-west-2',
        'platform-ops.io/route53-record': 'Z0LIVE/api.live.example.com',
        'platform-ops.io/route53-set-identifiers': 'only-one',
        'platform-ops.io/cloudfront-distribution-tags': 'role',
      }),
    ]);
    expect(inventory.environments).toEqual([]);
    expect(inventory.problems).toEqual([
      expect.objectContaining({ field: 'platform-ops.io/route53-set-identifiers', message: expect.stringContaining('two names separated by a comma') }),
      expect.objectContaining({ field: 'platform-ops.io/cloudfront-distribution-tags', message: expect.stringContaining('key=value') }),
    ]);
  });

  it('reports DR annotations on an environment or resource without a DR region', () => {
    const inventory = buildInventory([
      env({ 'platform-ops.io/dr-alb-name': 'live-alb' }),
      environmentEntity('calm', { 'platform-ops.io/tier': 'dev' }),
      entity('Resource', 'calm-bucket', 'bucket', {
        'platform-ops.io/environment': 'calm',
        'platform-ops.io/bucket-name': 'calm-assets',
        'platform-ops.io/dr-bucket-name': 'calm-assets-usw2',
      }),
    ]);
    expect(inventory.environments.map(e => e.name)).toEqual(['calm']);
    expect(inventory.environments[0].resources).toEqual([]);
    expect(inventory.problems).toEqual([
      expect.objectContaining({ entityRef: 'resource:default/live', field: 'platform-ops.io/dr-alb-name', message: expect.stringContaining('platform-ops.io/dr-region') }),
      expect.objectContaining({ entityRef: 'resource:default/calm-bucket', field: 'platform-ops.io/dr-bucket-name', message: expect.stringContaining('environment calm') }),
    ]);
  });
});
