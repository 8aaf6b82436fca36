import { testAccount } from '@platformops/plugin-platform-ops-backend-module-simulated-aws/testUtils';
import { BucketResource } from '@platformops/plugin-platform-ops-common';
import { SimulatedAwsHandler, SimulatedCall } from '../aws/simulatorContract';
import { buildInventory } from '../inventory/buildInventory';
import { createTestGateway } from '../testUtils/createTestGateway';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { readResourceState } from './readResourceState';

jest.setTimeout(30_000);

/** The real SDK clients (S3 REST-XML included) answered by the simulated account, every call recorded. */
/** The names of a serialised query string (S3 reads a configuration by ?name). */
const queryNames = (query?: string) => [...new URLSearchParams(query).keys()];

function simulatedBackend() {
  const t = testAccount({ start: '2026-11-20T12:00:00Z', backfillHours: 24 });
  const calls: SimulatedCall[] = [];
  const recording: SimulatedAwsHandler = {
    handle: call => {
      calls.push(call);
      return t.account.handle(call);
    },
  };
  const { gateway } = createTestGateway({ platformOps: { aws: { mode: 'simulated', retry: { maxAttempts: 1 } } } }, recording);
  return { ...t, gateway, calls };
}

async function bucketOf(env: string): Promise<{ bucket: BucketResource; drRegion?: string }> {
  const inventory = buildInventory(exampleCatalogEntities());
  const environment = inventory.environments.find(e => e.name === env)!;
  return { bucket: environment.resources.find((r): r is BucketResource => r.kind === 'bucket')!, drRegion: environment.drRegion };
}

describe('a bucket read through the real S3 client from the simulated account', () => {
  it('shows the Terraform-shaped state of the prod media bucket, and the size S3 reported for yesterday', async () => {
    const { gateway, calls, clock } = simulatedBackend();
    const { bucket, drRegion } = await bucketOf('prod');
    const state = await readResourceState(gateway, bucket, clock.now(), drRegion);
    expect(state.found).toBe(true);
    const facts = Object.fromEntries(state.facts.map(f => [f.label, f]));
    expect(facts.versioning.value).toBe('enabled');
    expect(facts.replication.value).toBe(
      `enabled: all objects to ${bucket.bucketName}-usw2 in us-west-2 (stored as Standard-IA, deletions replicated)`,
    );
    expect(facts['lifecycle rule temp-cleanup'].value).toBe('objects under temp/: deleted after 7 days');
    expect(facts.size.value).toMatch(/^\d+\.\d TB \(Standard .* TB, Standard-IA .* TB, Glacier Instant Retrieval .* TB\)$/);
    // The backfilled day holds one midnight (11-20): the datapoint is the day 11-19.
    expect(facts.size.asOf).toBe('2026-11-19T00:00:00.000Z');
    expect(facts.objects.asOf).toBe('2026-11-19T00:00:00.000Z');

    // The S3 reads went over the real REST-XML serializer, virtual-hosted style, in the bucket's region.
    const s3 = calls.filter(c => c.service === 's3');
    expect(s3.map(c => c.operation).sort()).toEqual(['GetBucketLifecycleConfiguration', 'GetBucketReplication', 'GetBucketVersioning']);
    for (const c of s3) {
      expect(c.input).toEqual({ Bucket: bucket.bucketName });
      expect(c.request).toMatchObject({ method: 'GET', hostname: `${bucket.bucketName}.s3.us-east-1.amazonaws.com`, path: '/' });
    }
    expect(queryNames(s3.find(c => c.operation === 'GetBucketReplication')!.request!.query)).toEqual(['replication']);
    expect(queryNames(s3.find(c => c.operation === 'GetBucketLifecycleConfiguration')!.request!.query)).toEqual(['lifecycle']);
    expect(queryNames(s3.find(c => c.operation === 'GetBucketVersioning')!.request!.query)).toEqual(['versioning']);
  });

  it('AccessDenied on s3:GetReplicationConfiguration degrades that fact only, naming the action', async () => {
    const { gateway, account, clock } = simulatedBackend();
    account.faults.set({ accessDenied: ['s3:GetReplicationConfiguration'] });
    const { bucket, drRegion } = await bucketOf('staging');
    const state = await readResourceState(gateway, bucket, clock.now(), drRegion);
    expect(state.found).toBe(true);
    expect(state.facts.find(f => f.label === 'replication')).toEqual({
      label: 'replication',
      value: 'could not be read',
      problem: 'the platform-ops role in 310987654321 may not call s3:GetReplicationConfiguration',
    });
    expect(state.facts.find(f => f.label === 'versioning')?.value).toBe('enabled');
  });

  it('a bucket the Terraform has not created yet is found: false', async () => {
    const { gateway, clock } = simulatedBackend();
    const { bucket } = await bucketOf('prod');
    const state = await readResourceState(gateway, { ...bucket, bucketName: 'ai-video-media-new-410987654321' }, clock.now());
    expect(state).toMatchObject({ found: false, facts: [], awsName: 'ai-video-media-new-410987654321' });
  });
});
