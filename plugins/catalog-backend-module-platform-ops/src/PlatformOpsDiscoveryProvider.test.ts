import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
  ResourceTagMapping,
} from '@aws-sdk/client-resource-groups-tagging-api';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  EntityProviderConnection,
  EntityProviderMutation,
  EntityProviderRefreshOptions,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  buildInventory,
  createTestGateway,
  exampleCatalogEntities,
} from '@platformops/plugin-platform-ops-backend/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { readDiscoveryConfig } from './config';
import { PlatformOpsDiscoveryProvider } from './PlatformOpsDiscoveryProvider';

const ACCOUNT = '510987654321';
const sandbox = { accountId: ACCOUNT, region: 'us-east-1' };
const west = { accountId: ACCOUNT, region: 'us-west-2' };

const appConfig = {
  aws: {
    accounts: [
      { accountId: ACCOUNT, accessKeyId: 'AKIASANDBOXEXAMPLE01', secretAccessKey: 'sandbox-secret' },
      { accountId: '410987654321', accessKeyId: 'AKIAPRODEXAMPLE00001', secretAccessKey: 'prod-secret' },
    ],
  },
  platformOps: { aws: { mode: 'aws' } },
  catalog: {
    providers: {
      platformOps: { discovery: { regions: ['us-east-1', 'us-west-2'], system: 'video-platform' } },
    },
  },
};

const tags = (env: string, extra: Record<string, string> = {}) =>
  Object.entries({ 'platform-ops:environment': env, 'platform-ops:owner': 'video-team', 'platform-ops:tier': 'sandbox', ...extra }).map(([Key, Value]) => ({ Key, Value }));

/** The tagged resources of the ml-sandbox environment, as GetResources lists them. */
function sandboxResources(env = 'ml-sandbox'): ResourceTagMapping[] {
  const arn = (s: string) => `arn:aws:${s}`;
  return [
    { ResourceARN: arn(`autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:7d1f0a9e-1111-2222-3333-444455556666:autoScalingGroupName/${env}-gpu-workers`), Tags: tags(env, { 'platform-ops:drains-queue': `${env}-video-jobs` }) },
    { ResourceARN: arn(`sqs:us-east-1:${ACCOUNT}:${env}-video-jobs`), Tags: tags(env) },
    { ResourceARN: arn(`sqs:us-east-1:${ACCOUNT}:${env}-video-jobs-dlq`), Tags: tags(env) },
    { ResourceARN: arn(`rds:us-east-1:${ACCOUNT}:db:${env}-postgres`), Tags: tags(env) },
    { ResourceARN: arn(`elasticache:us-east-1:${ACCOUNT}:replicationgroup:${env}-redis`), Tags: tags(env) },
    { ResourceARN: arn(`s3:::ai-video-media-${env}-${ACCOUNT}`), Tags: tags(env) },
    { ResourceARN: arn(`ecs:us-east-1:${ACCOUNT}:service/${env}-cluster/${env}-api`), Tags: tags(env) },
  ];
}

const DLQ_TAG = 'platform-ops:dlq-name';

/**
 * ml-sandbox as the environment template's Terraform tags it (the main queue names its DLQ),
 * plus a queue made by hand (no DLQ tag) with its own DLQ, and a queue whose tag holds an ARN
 * instead of a queue name (not trusted, read as an untagged queue).
 */
function mixedResources(): ResourceTagMapping[] {
  const queue = (name: string, extra: Record<string, string> = {}) => ({
    ResourceARN: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`,
    Tags: tags('ml-sandbox', extra),
  });
  return [
    ...sandboxResources().map(r =>
      r.ResourceARN!.endsWith(':ml-sandbox-video-jobs') ? queue('ml-sandbox-video-jobs', { [DLQ_TAG]: 'ml-sandbox-video-jobs-dlq' }) : r,
    ),
    queue('ml-sandbox-thumbnails'),
    queue('ml-sandbox-thumbnails-failed'),
    queue('ml-sandbox-audio', { [DLQ_TAG]: `arn:aws:sqs:us-east-1:${ACCOUNT}:ml-sandbox-audio-dlq` }),
  ];
}

const queueUrl = (name: string) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/${name}`;
const redrive = (dlq: string) => ({
  Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${dlq}`, maxReceiveCount: 3 }) },
});

function awsError(name: string, httpStatusCode: number, message: string) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: 'req-1' },
  });
}

describe('PlatformOpsDiscoveryProvider (Tagging API mocked)', () => {
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  const sqs = mockClient(SQSClient);
  const rds = mockClient(RDSClient);

  function setup(options: { handWritten?: Entity[]; location?: typeof sandbox } = {}) {
    const { gateway } = createTestGateway(appConfig);
    const config = readDiscoveryConfig(new ConfigReader(appConfig))!;
    const provider = new PlatformOpsDiscoveryProvider({
      location: options.location ?? sandbox,
      config,
      gateway,
      catalog: catalogServiceMock({ entities: options.handWritten ?? exampleCatalogEntities() }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(async (_m: EntityProviderMutation) => {}),
      refresh: jest.fn(async (_o: EntityProviderRefreshOptions) => {}),
    };
    return { provider, connection, gateway };
  }

  /** The entities of the last full mutation. */
  function lastFull(connection: jest.Mocked<EntityProviderConnection>) {
    const full = connection.applyMutation.mock.calls.map(c => c[0]).filter(m => m.type === 'full').at(-1);
    if (!full || full.type !== 'full') throw new Error('no full mutation');
    return full.entities;
  }

  beforeEach(() => {
    tagging.reset();
    sqs.reset();
    rds.reset();
    sqs.on(GetQueueAttributesCommand).resolves({ Attributes: {} });
    sqs
      .on(GetQueueAttributesCommand, { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/ml-sandbox-video-jobs` })
      .resolves({
        Attributes: {
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:ml-sandbox-video-jobs-dlq`, maxReceiveCount: 3 }),
        },
      });
    rds.on(DescribeDBInstancesCommand).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'ml-sandbox-postgres',
          ReadReplicaDBInstanceIdentifiers: [`arn:aws:rds:us-west-2:${ACCOUNT}:db:ml-sandbox-postgres-replica-usw2`],
        },
      ],
    });
  });

  it('pages GetResources to the end with the exact inputs, then describes queues and DB instances', async () => {
    const resources = sandboxResources();
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: resources.slice(0, 3), PaginationToken: 'page-2' })
      .resolvesOnce({ ResourceTagMappingList: resources.slice(3, 5), PaginationToken: 'page-3' })
      .resolvesOnce({ ResourceTagMappingList: resources.slice(5), PaginationToken: '' });
    const { provider, connection, gateway } = setup();
    await provider.connect(connection);
    const outcome = await provider.refresh();

    const base = {
      TagFilters: [{ Key: 'platform-ops:environment' }],
      ResourceTypeFilters: ['autoscaling:autoScalingGroup', 'sqs', 'rds:db', 'rds:cluster', 'elasticache:replicationgroup', 's3', 'ecs:service'],
      ResourcesPerPage: 100,
    };
    expect(tagging.commandCalls(GetResourcesCommand).map(c => c.args[0].input)).toEqual([
      base,
      { ...base, PaginationToken: 'page-2' },
      { ...base, PaginationToken: 'page-3' },
    ]);
    // No queue names its DLQ in a tag (made by hand): the RedrivePolicy is read. The DLQ, named
    // by its source queue's RedrivePolicy (read first), is not read.
    expect(sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input)).toEqual([
      { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/ml-sandbox-video-jobs`, AttributeNames: ['RedrivePolicy'] },
    ]);
    expect(rds).toHaveReceivedCommandWith(DescribeDBInstancesCommand, { MaxRecords: 100 });
    expect(gateway.ledger().byOperation).toEqual(
      expect.objectContaining({ 'ResourceGroupsTaggingAPI.GetResources': 3, 'SQS.GetQueueAttributes': 1, 'RDS.DescribeDBInstances': 1 }),
    );
    expect(outcome).toEqual({ emitted: 7, declaredByHand: 0, conflicts: [] });

    const emitted = lastFull(connection);
    expect(emitted.every(e => e.locationKey === `platform-ops-discovery:${ACCOUNT}/us-east-1`)).toBe(true);
    expect(emitted.map(e => `${e.entity.kind}:${e.entity.metadata.name}`).sort()).toEqual([
      'Component:ml-sandbox-api',
      'Location:platform-ops-discovery-510987654321-us-east-1',
      'Resource:ai-video-media-ml-sandbox-510987654321',
      'Resource:ml-sandbox',
      'Resource:ml-sandbox-gpu-workers',
      'Resource:ml-sandbox-postgres',
      'Resource:ml-sandbox-redis',
      'Resource:ml-sandbox-video-jobs',
    ]);
  });

  it('reads no RedrivePolicy for a queue whose tag names its DLQ, one for each queue made by hand', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: mixedResources(), PaginationToken: '' });
    sqs.on(GetQueueAttributesCommand, { QueueUrl: queueUrl('ml-sandbox-thumbnails') }).resolves(redrive('ml-sandbox-thumbnails-failed'));
    const { provider, connection, gateway } = setup();
    await provider.connect(connection);
    const outcome = await provider.refresh();
    expect(outcome.failure).toBeUndefined();

    // The tagged queue and the DLQ its tag names are not read; the hand-made queue is (its DLQ,
    // named by its policy, then is not); a tag that is not a queue name is not trusted.
    expect(sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input)).toEqual([
      { QueueUrl: queueUrl('ml-sandbox-audio'), AttributeNames: ['RedrivePolicy'] },
      { QueueUrl: queueUrl('ml-sandbox-thumbnails'), AttributeNames: ['RedrivePolicy'] },
    ]);
    expect(gateway.ledger().byOperation['SQS.GetQueueAttributes']).toBe(2);

    const emitted = lastFull(connection).map(e => e.entity);
    const queues = emitted.filter(e => e.spec?.type === 'queue');
    expect(Object.fromEntries(queues.map(q => [q.metadata.name, q.metadata.annotations?.['platform-ops.io/dlq-name'] ?? null]))).toEqual({
      'ml-sandbox-video-jobs': 'ml-sandbox-video-jobs-dlq',
      'ml-sandbox-thumbnails': 'ml-sandbox-thumbnails-failed',
      // Its policy (mocked as none) is what counts, not the ARN in its tag.
      'ml-sandbox-audio': null,
    });
  });

  it('sends no SQS call at all when every queue names its DLQ in a tag', async () => {
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: mixedResources().filter(r => r.ResourceARN!.includes('video-jobs') || !r.ResourceARN!.includes(':sqs:')),
      PaginationToken: '',
    });
    const { provider, connection, gateway } = setup();
    await provider.connect(connection);
    expect((await provider.refresh()).failure).toBeUndefined();
    expect(sqs.calls()).toHaveLength(0);
    expect(Object.keys(gateway.ledger().byOperation).filter(op => op.startsWith('SQS.'))).toEqual([]);
    const queue = lastFull(connection).find(e => e.entity.metadata.name === 'ml-sandbox-video-jobs')!.entity;
    expect(queue.metadata.annotations?.['platform-ops.io/dlq-name']).toBe('ml-sandbox-video-jobs-dlq');
    expect(lastFull(connection).some(e => e.entity.metadata.name === 'ml-sandbox-video-jobs-dlq')).toBe(false);
  });

  it('when the RedrivePolicy read of a hand-made queue is refused, changes no entity and reports the missing permission', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: mixedResources(), PaginationToken: '' });
    sqs.on(GetQueueAttributesCommand).rejects(
      awsError('AccessDenied', 403, `User: arn:aws:sts::${ACCOUNT}:assumed-role/platform-ops/backstage is not authorized to perform: sqs:GetQueueAttributes`),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    const outcome = await provider.refresh();
    expect(outcome.failure).toContain('sqs:GetQueueAttributes');
    // Only the hand-made queues were asked (the tagged one never is).
    expect(sqs.commandCalls(GetQueueAttributesCommand).map(c => c.args[0].input.QueueUrl)).not.toContain(queueUrl('ml-sandbox-video-jobs'));
    expect(connection.applyMutation.mock.calls.map(c => c[0].type)).toEqual(['delta']);
    const [mutation] = connection.applyMutation.mock.calls[0];
    if (mutation.type !== 'delta') throw new Error('expected the report delta');
    expect(mutation.removed).toEqual([]);
    const report = mutation.added[0].entity;
    expect(report.metadata.description).toMatch(/^Last run failed: .*sqs:GetQueueAttributes/);
    const problems = buildInventory([...exampleCatalogEntities(), { ...report, metadata: { ...report.metadata, namespace: 'default' } }]).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        entityRef: `location:default/platform-ops-discovery-${ACCOUNT}-us-east-1`,
        message: expect.stringMatching(/discovery in AWS account 510987654321, us-east-1 failed: .*sqs:GetQueueAttributes.*the entities of its last successful run are kept/),
      }),
    ]);
  });

  it('emits entities the inventory reads without problems, annotated and related as the example catalog', async () => {
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: sandboxResources(), PaginationToken: '' });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const discovered = lastFull(connection).map(e => ({
      ...e.entity,
      metadata: { ...e.entity.metadata, namespace: 'default' },
    }));
    const byName = (n: string) => discovered.find(e => e.metadata.name === n)!;

    expect(byName('ml-sandbox')).toMatchObject({
      kind: 'Resource',
      metadata: {
        annotations: {
          'platform-ops.io/aws-account-id': ACCOUNT,
          'platform-ops.io/aws-region': 'us-east-1',
          'platform-ops.io/tier': 'sandbox',
          'platform-ops.io/cost-tag': 'ml-sandbox',
          'platform-ops.io/dr-region': 'us-west-2',
          'backstage.io/managed-by-location': `platform-ops-discovery:${ACCOUNT}/us-east-1`,
        },
      },
      spec: { type: 'environment', owner: 'video-team', system: 'video-platform' },
    });
    expect(byName('ml-sandbox-gpu-workers')).toMatchObject({
      metadata: { annotations: { 'platform-ops.io/asg-name': 'ml-sandbox-gpu-workers', 'platform-ops.io/drains-queue': 'ml-sandbox-video-jobs', 'platform-ops.io/environment': 'ml-sandbox' } },
      spec: { type: 'gpu-fleet', owner: 'video-team', dependsOn: ['resource:ml-sandbox', 'resource:ml-sandbox-video-jobs'] },
    });
    expect(byName('ml-sandbox-video-jobs').metadata.annotations).toMatchObject({
      'platform-ops.io/queue-name': 'ml-sandbox-video-jobs',
      'platform-ops.io/dlq-name': 'ml-sandbox-video-jobs-dlq',
    });
    expect(discovered.find(e => e.metadata.name === 'ml-sandbox-video-jobs-dlq')).toBeUndefined();
    expect(byName('ml-sandbox-postgres').metadata.annotations).toMatchObject({
      'platform-ops.io/db-instance-id': 'ml-sandbox-postgres',
      'platform-ops.io/db-replica-id': 'ml-sandbox-postgres-replica-usw2',
    });
    expect(byName('ml-sandbox-api')).toMatchObject({
      kind: 'Component',
      metadata: { annotations: { 'platform-ops.io/ecs-service': 'ml-sandbox-cluster/ml-sandbox-api' } },
      spec: { type: 'service', lifecycle: 'experimental' },
    });

    const inventory = buildInventory([...exampleCatalogEntities(), ...discovered]);
    expect(inventory.problems).toEqual([]);
    const env = inventory.environments.find(e => e.name === 'ml-sandbox')!;
    expect(env.resources.map(r => `${r.kind}:${r.name}`).sort()).toEqual([
      'bucket:ai-video-media-ml-sandbox-510987654321',
      'cache:ml-sandbox-redis',
      'database:ml-sandbox-postgres',
      'ecs-service:ml-sandbox-api',
      'gpu-fleet:ml-sandbox-gpu-workers',
      'queue:ml-sandbox-video-jobs',
    ]);
    expect(env.resources.find(r => r.kind === 'gpu-fleet')).toMatchObject({ drainsQueue: 'resource:default/ml-sandbox-video-jobs' });
  });

  it('relates a fleet only to a queue entity discovered with it: a tag naming another queue, a DLQ or nothing relates none', async () => {
    const fleet = (name: string, drains?: string) => ({
      ResourceARN: `arn:aws:autoscaling:us-east-1:${ACCOUNT}:autoScalingGroup:7d1f0a9e-1111-2222-3333-444455556666:autoScalingGroupName/${name}`,
      Tags: tags('ml-sandbox', drains ? { 'platform-ops:drains-queue': drains } : {}),
    });
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        ...sandboxResources(),
        // A queue this account and region has no tag for (deleted, or in another region).
        fleet('ml-sandbox-render-workers', 'ml-sandbox-renders'),
        // The DLQ is folded into its source queue's entity: there is no entity to point at.
        fleet('ml-sandbox-redrive-workers', 'ml-sandbox-video-jobs-dlq'),
        fleet('ml-sandbox-spare-workers'),
      ],
      PaginationToken: '',
    });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    const emitted = lastFull(connection).map(e => e.entity);
    const relation = (name: string) => {
      const e = emitted.find(x => x.metadata.name === name)!;
      return { drains: e.metadata.annotations?.['platform-ops.io/drains-queue'] ?? null, dependsOn: e.spec?.dependsOn };
    };
    expect(relation('ml-sandbox-gpu-workers')).toEqual({ drains: 'ml-sandbox-video-jobs', dependsOn: ['resource:ml-sandbox', 'resource:ml-sandbox-video-jobs'] });
    // The annotation names an emitted queue entity.
    expect(emitted.some(e => e.metadata.name === 'ml-sandbox-video-jobs' && e.spec?.type === 'queue')).toBe(true);
    for (const name of ['ml-sandbox-render-workers', 'ml-sandbox-redrive-workers', 'ml-sandbox-spare-workers']) {
      expect(relation(name)).toEqual({ drains: null, dependsOn: ['resource:ml-sandbox'] });
    }
  });

  it('takes the configured default owner when a resource has no owner tag, and a tier from the environment name', async () => {
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [{ ResourceARN: `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:dev2-redis`, Tags: [{ Key: 'platform-ops:environment', Value: 'dev' }] }],
      PaginationToken: '',
    });
    const { provider, connection } = setup({ handWritten: [] });
    await provider.connect(connection);
    await provider.refresh();
    const [env, cache] = lastFull(connection).map(e => e.entity);
    expect(env.spec).toMatchObject({ owner: 'platform-team' });
    expect(env.metadata.annotations?.['platform-ops.io/tier']).toBe('dev');
    expect(cache.spec).toMatchObject({ owner: 'platform-team', type: 'cache' });
  });

  it('removes resources that disappeared: the next full mutation no longer holds them', async () => {
    tagging
      .on(GetResourcesCommand)
      .resolvesOnce({ ResourceTagMappingList: sandboxResources(), PaginationToken: '' })
      .resolvesOnce({ ResourceTagMappingList: sandboxResources().filter(r => !r.ResourceARN!.includes('redis')), PaginationToken: '' });
    const { provider, connection } = setup();
    await provider.connect(connection);
    await provider.refresh();
    expect(lastFull(connection).map(e => e.entity.metadata.name)).toContain('ml-sandbox-redis');
    await provider.refresh();
    const names = lastFull(connection).map(e => e.entity.metadata.name);
    expect(names).not.toContain('ml-sandbox-redis');
    expect(names).toContain('ml-sandbox-postgres');
  });

  it('on AccessDenied changes no entity (no full mutation) and reports the failure on its report entity', async () => {
    tagging.on(GetResourcesCommand).rejects(
      awsError('AccessDeniedException', 403, `User: arn:aws:sts::${ACCOUNT}:assumed-role/platform-ops/backstage is not authorized to perform: tag:GetResources`),
    );
    const { provider, connection } = setup();
    await provider.connect(connection);
    const outcome = await provider.refresh();
    expect(outcome.failure).toContain('tag:GetResources');
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const [mutation] = connection.applyMutation.mock.calls[0];
    expect(mutation.type).toBe('delta');
    if (mutation.type !== 'delta') return;
    expect(mutation.removed).toEqual([]);
    expect(mutation.added.map(a => a.entity.kind)).toEqual(['Location']);
    const problems = buildInventory([...exampleCatalogEntities(), { ...mutation.added[0].entity, metadata: { ...mutation.added[0].entity.metadata, namespace: 'default' } }]).problems;
    expect(problems).toEqual([
      expect.objectContaining({
        entityRef: `location:default/platform-ops-discovery-${ACCOUNT}-us-east-1`,
        message: expect.stringMatching(/discovery in AWS account 510987654321, us-east-1 failed: .*tag:GetResources.*the entities of its last successful run are kept/),
      }),
    ]);
  });

  it('throttling on a later page fails the run without a partial full mutation; the other region still refreshes', async () => {
    tagging
      .on(GetResourcesCommand, { PaginationToken: 'page-2' })
      .rejects(awsError('ThrottledException', 400, 'Rate exceeded'));
    tagging
      .on(GetResourcesCommand, { PaginationToken: undefined })
      .resolves({ ResourceTagMappingList: sandboxResources().slice(0, 2), PaginationToken: 'page-2' });
    const east = setup();
    await east.provider.connect(east.connection);
    const failed = await east.provider.refresh();
    expect(failed.failure).toBeDefined();
    expect(east.connection.applyMutation.mock.calls.map(c => c[0].type)).toEqual(['delta']);

    tagging.reset();
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
    const other = setup({ location: west });
    await other.provider.connect(other.connection);
    expect((await other.provider.refresh()).failure).toBeUndefined();
    expect(lastFull(other.connection).map(e => e.entity.kind)).toEqual(['Location']);
    expect(other.provider.getProviderName()).not.toBe(east.provider.getProviderName());
  });

  it('never overwrites a hand-written entity: a name clash is skipped and reported, the same resource is not added twice', async () => {
    // prod-redis by hand is in account 410987654321; this account tags another prod-redis.
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        ...sandboxResources(),
        { ResourceARN: `arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:prod-redis`, Tags: tags('ml-sandbox') },
      ],
      PaginationToken: '',
    });
    const { provider, connection } = setup();
    await provider.connect(connection);
    const outcome = await provider.refresh();
    expect(outcome.conflicts).toEqual([
      {
        entityRef: 'resource:default/prod-redis',
        message: expect.stringContaining(`discovered arn:aws:elasticache:us-east-1:${ACCOUNT}:replicationgroup:prod-redis was not added: resource:default/prod-redis already exists`),
      },
    ]);
    const emitted = lastFull(connection).map(e => e.entity);
    expect(emitted.filter(e => e.metadata.name === 'prod-redis')).toEqual([]);
    const report = emitted.find(e => e.kind === 'Location')!;
    const problems = buildInventory([...exampleCatalogEntities(), { ...report, metadata: { ...report.metadata, namespace: 'default' } }]).problems;
    expect(problems.map(p => p.entityRef)).toEqual(['resource:default/prod-redis']);
  });

  it('adds nothing for resources a hand-written entity already declares, and attaches new ones to a hand-written environment', async () => {
    const prod = { accountId: '410987654321', region: 'us-east-1' };
    tagging.on(GetResourcesCommand).resolves({
      ResourceTagMappingList: [
        { ResourceARN: 'arn:aws:sqs:us-east-1:410987654321:prod-video-jobs', Tags: tags('prod') },
        { ResourceARN: 'arn:aws:elasticache:us-east-1:410987654321:replicationgroup:prod-redis', Tags: tags('prod') },
        { ResourceARN: 'arn:aws:elasticache:us-east-1:410987654321:replicationgroup:prod-sessions', Tags: tags('prod') },
      ],
      PaginationToken: '',
    });
    const { provider, connection } = setup({ location: prod });
    await provider.connect(connection);
    const outcome = await provider.refresh();
    expect(outcome).toEqual({ emitted: 1, declaredByHand: 3, conflicts: [] });
    const emitted = lastFull(connection).map(e => ({ ...e.entity, metadata: { ...e.entity.metadata, namespace: 'default' } }));
    expect(emitted.map(e => e.metadata.name)).toEqual(['prod-sessions', 'platform-ops-discovery-410987654321-us-east-1']);
    const inventory = buildInventory([...exampleCatalogEntities(), ...emitted]);
    expect(inventory.problems).toEqual([]);
    expect(inventory.environments.find(e => e.name === 'prod')!.resources.map(r => r.name)).toContain('prod-sessions');
  });
});
