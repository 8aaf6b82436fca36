import {
  AwsLocation,
  Inventory,
  InventoryResource,
  PlatformEnvironment,
} from '@platformops/plugin-platform-ops-common';

/**
 * For tests: the DR-relevant part of the example catalog (catalog/environments/*.yaml), written
 * out so that the tests do not change when someone edits the demo catalog.
 */
export function exampleInventory(): Inventory {
  return {
    environments: [
      environment('dev', 'dev', '210987654321', undefined, false),
      environment('staging', 'staging', '310987654321', 'us-west-2', false),
      environment('prod', 'prod', '410987654321', 'us-west-2', true),
    ],
    problems: [],
  };
}

function environment(
  name: string,
  tier: PlatformEnvironment['tier'],
  accountId: string,
  drRegion: string | undefined,
  edge: boolean,
): PlatformEnvironment {
  const location: AwsLocation = { accountId, region: 'us-east-1' };
  const base = {
    environment: name,
    location,
    consoleUrl: 'https://console.aws.amazon.com',
  };
  const resources: InventoryResource[] = [
    {
      ...base,
      kind: 'database',
      entityRef: `resource:default/${name}-postgres`,
      name: `${name}-postgres`,
      dbInstanceId: `${name}-postgres`,
      ...(name === 'prod' ? { replicaId: 'prod-postgres-replica-usw2' } : {}),
    },
    {
      ...base,
      kind: 'cache',
      entityRef: `resource:default/${name}-redis`,
      name: `${name}-redis`,
      replicationGroupId: `${name}-redis`,
    },
    {
      ...base,
      kind: 'bucket',
      entityRef: `resource:default/${name}-media-bucket`,
      name: `${name}-media-bucket`,
      bucketName: `ai-video-media-${name}-${accountId}`,
    },
  ];
  if (name === 'prod') {
    for (const [component, service] of [
      ['video-api', 'video-api'],
      ['gpu-worker', 'gpu-worker-agent'],
    ]) {
      resources.push({
        ...base,
        kind: 'ecs-service',
        entityRef: `component:default/${component}`,
        name: component,
        cluster: 'prod-cluster',
        service,
      });
    }
  }
  return {
    entityRef: `resource:default/${name}`,
    name,
    tier,
    location,
    drRegion,
    ...(edge
      ? {
          route53Record: {
            hostedZoneId: 'Z0PLATFORMPROD',
            recordName: 'api.video.example.com',
          },
          cloudFrontDistributionId: 'E2PRODVIDEOCDN',
        }
      : {}),
    costTag: name,
    resources,
  };
}

/** A deterministic generator (mulberry32) so that tests replay the same durations. */
export function seededRandom(seed = 42): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
