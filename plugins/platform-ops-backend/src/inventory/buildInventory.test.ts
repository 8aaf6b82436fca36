import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { buildInventory } from './buildInventory';
import { catalogEntity, environmentEntity } from './__testUtils__/catalogEntities';

const fleetEntity = (name: string, annotations: Record<string, string>) => catalogEntity('Resource', name, 'gpu-fleet', annotations);

const goodEnv = {
  'platform-ops.io/aws-account-id': '123456789012',
  'platform-ops.io/aws-region': 'eu-west-1',
  'platform-ops.io/tier': 'staging',
};

describe('buildInventory', () => {
  it('builds dev, staging and prod with their AWS resources from the example catalog', () => {
    const inventory = buildInventory(exampleCatalogEntities());

    expect(inventory.problems).toEqual([]);
    expect(inventory.environments.map(e => e.name)).toEqual(['dev', 'staging', 'prod']);
    const prod = inventory.environments[2];
    expect(prod).toMatchObject({
      tier: 'prod',
      location: { accountId: '410987654321', region: 'us-east-1' },
      drRegion: 'us-west-2',
      route53Record: { hostedZoneId: 'Z0PLATFORMPROD', recordName: 'api.video.example.com' },
      // CloudFront assigns the id at apply: the catalog names the distribution by its tags.
      dr: expect.objectContaining({ cloudFrontDistributionTags: { 'platform-ops:environment': 'prod', 'platform-ops:role': 'cdn' } }),
    });
    expect(prod.cloudFrontDistributionId).toBeUndefined();
    expect(prod.resources.map(r => `${r.kind}:${r.name}`)).toEqual([
      'bucket:prod-media-bucket',
      'cache:prod-redis',
      'database:prod-postgres',
      'ecs-service:gpu-worker',
      'ecs-service:video-api',
      'gpu-fleet:prod-gpu-fleet',
      'queue:prod-jobs-queue',
    ]);
    const fleet = prod.resources.find(r => r.kind === 'gpu-fleet');
    expect(fleet).toMatchObject({
      asgName: 'prod-gpu-workers',
      drainsQueue: 'resource:default/prod-jobs-queue',
      location: { accountId: '410987654321', region: 'us-east-1' },
    });
    const queue = prod.resources.find(r => r.kind === 'queue');
    expect(queue).toMatchObject({
      queueUrl: 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs',
      dlqUrl: 'https://sqs.us-east-1.amazonaws.com/410987654321/prod-video-jobs-dlq',
    });
    expect(fleet?.consoleUrl).toContain('us-east-1.console.aws.amazon.com/ec2');
  });

  it('reports every malformed annotation of an environment and leaves it out', () => {
    const inventory = buildInventory([
      environmentEntity('broken', {
        'platform-ops.io/aws-account-id': '1234',
        'platform-ops.io/aws-region': 'moon-base-1',
        'platform-ops.io/tier': 'qa',
      }),
    ]);

    expect(inventory.environments).toEqual([]);
    expect(inventory.problems).toEqual([
      expect.objectContaining({
        entityRef: 'resource:default/broken',
        field: 'platform-ops.io/aws-account-id',
        message: expect.stringContaining('12-digit AWS account id'),
      }),
      expect.objectContaining({
        field: 'platform-ops.io/aws-region',
        message: expect.stringContaining('"moon-base-1"'),
      }),
      expect.objectContaining({
        field: 'platform-ops.io/tier',
        message: expect.stringContaining('dev, sandbox, staging, prod'),
      }),
    ]);
  });

  it('reports a fleet with no ASG name or an unknown environment instead of dropping it silently', () => {
    const inventory = buildInventory([
      environmentEntity('qa', goodEnv),
      fleetEntity('no-asg', { 'platform-ops.io/environment': 'qa' }),
      fleetEntity('lost', {
        'platform-ops.io/environment': 'nowhere',
        'platform-ops.io/asg-name': 'lost-workers',
      }),
    ]);

    expect(inventory.environments[0].resources).toEqual([]);
    expect(inventory.problems).toEqual([
      {
        entityRef: 'resource:default/no-asg',
        field: 'platform-ops.io/asg-name',
        message: 'annotation platform-ops.io/asg-name is missing',
      },
      {
        entityRef: 'resource:default/lost',
        field: 'platform-ops.io/environment',
        message: 'environment "nowhere" is not a valid environment Resource in the catalog',
      },
    ]);
  });

  it('finds the environment through a dependsOn relation and inherits its account and region', () => {
    const fleet = fleetEntity('related', { 'platform-ops.io/asg-name': 'related-workers' });
    fleet.relations = [
      { type: 'dependsOn', targetRef: 'resource:default/some-queue' },
      { type: 'dependsOn', targetRef: 'resource:default/qa' },
    ];
    const inventory = buildInventory([environmentEntity('qa', goodEnv), fleet]);

    expect(inventory.problems).toEqual([]);
    expect(inventory.environments[0].resources[0]).toMatchObject({
      kind: 'gpu-fleet',
      environment: 'qa',
      location: { accountId: '123456789012', region: 'eu-west-1' },
    });
  });

  it('refuses a DR region equal to the primary region', () => {
    const inventory = buildInventory([
      environmentEntity('qa', { ...goodEnv, 'platform-ops.io/dr-region': 'eu-west-1' }),
    ]);
    expect(inventory.environments).toEqual([]);
    expect(inventory.problems[0].message).toBe(
      'the DR region must differ from the region (eu-west-1)',
    );
  });
});
