/**
 * Catalog discovery at 10,000 tagged resources: one account and region of the simulated
 * Resource Groups Tagging API holding 1,667 environments (each a GPU fleet, a queue and its
 * DLQ, PostgreSQL, Redis and a bucket: 6 tagged resources), discovered by the provider
 * through the real AWS gateway (SDK middleware, AWS model validation and the call ledger run
 * as in production; SQS RedrivePolicy and RDS DescribeDBInstances answered from the same
 * inventory). The catalog holds the example catalog (hand-written entities to reconcile with).
 *
 * Figures: wall time of one run, AWS calls by operation, entities emitted, peak heap, and
 * the ratios to the floor of GetResources calls (ceil(n / 100)) and to the default schedule
 * timeout (3 minutes). Run: `yarn bench discovery` (`--quick`: 600 resources).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Inventory, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { performance } from 'node:perf_hooks';
import { readDiscoveryConfig } from '../plugins/catalog-backend-module-platform-ops/src/config';
import { PlatformOpsDiscoveryProvider } from '../plugins/catalog-backend-module-platform-ops/src/PlatformOpsDiscoveryProvider';
import { createAwsGateway } from '../plugins/platform-ops-backend/src/aws/AwsGatewayService';
import { SimulatedAwsHandler } from '../plugins/platform-ops-backend/src/aws/simulatorContract';
import { exampleCatalogEntities } from '../plugins/platform-ops-backend/src/testUtils/exampleCatalog';
import { templateEnvironment } from '../plugins/platform-ops-backend-module-simulated-aws/src/tagging/extraEnvironments';
import { TaggingModel } from '../plugins/platform-ops-backend-module-simulated-aws/src/tagging/TaggingModel';
import { sized } from './quick';

const ACCOUNT = '510987654321';
const LOCATION = { accountId: ACCOUNT, region: 'us-east-1' };
const PER_ENVIRONMENT = 6;
const RESOURCES = sized(10_000, 600);
const TIMEOUT_MS = 3 * 60_000;

const quiet: LoggerService = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, child: () => quiet };

function bigInventory(n: number): Inventory {
  const environments: PlatformEnvironment[] = [];
  for (let i = 0; environments.length * PER_ENVIRONMENT < n; i++) {
    environments.push(templateEnvironment({ name: `env-${String(i).padStart(5, '0')}`, accountId: ACCOUNT, region: 'us-east-1', tier: 'sandbox', owner: 'video-team' }));
  }
  return { environments, problems: [] };
}

/** The Tagging API from the simulated account's model; SQS and RDS describes from the inventory. */
function handlerFor(inventory: Inventory): SimulatedAwsHandler {
  const tagging = new TaggingModel(() => inventory);
  const resources = inventory.environments.flatMap(e => e.resources);
  const dlqOf = new Map(resources.flatMap(r => (r.kind === 'queue' && r.dlqName ? [[r.queueName, r.dlqName]] : [])));
  const dbIds = resources.flatMap(r => (r.kind === 'database' && r.dbInstanceId ? [r.dbInstanceId] : []));
  return {
    async handle(call) {
      const input = call.input ?? {};
      if (call.service === 'resourceGroupsTagging') return tagging.handle(call.operation, input, call.location);
      if (call.service === 'sqs' && call.operation === 'GetQueueAttributes') {
        const name = String(input.QueueUrl).split('/').pop()!;
        const dlq = dlqOf.get(name);
        return { Attributes: dlq ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${dlq}`, maxReceiveCount: 3 }) } : {} };
      }
      if (call.service === 'rds' && call.operation === 'DescribeDBInstances') {
        const start = input.Marker ? Number(input.Marker) : 0;
        const size = Number(input.MaxRecords ?? 100);
        return {
          DBInstances: dbIds.slice(start, start + size).map(id => ({ DBInstanceIdentifier: id })),
          ...(start + size < dbIds.length ? { Marker: String(start + size) } : {}),
        };
      }
      throw new Error(`not answered in this benchmark: ${call.service}.${call.operation}`);
    },
  };
}

async function main() {
  const inventory = bigInventory(RESOURCES);
  const config = new ConfigReader({
    platformOps: { aws: { mode: 'simulated' } },
    catalog: { providers: { platformOps: { discovery: { accounts: [ACCOUNT], regions: ['us-east-1'] } } } },
  });
  const gateway = createAwsGateway({ config, logger: quiet, simulated: handlerFor(inventory), skipAccountCheck: true });
  const provider = new PlatformOpsDiscoveryProvider({
    location: LOCATION,
    config: readDiscoveryConfig(config)!,
    gateway,
    catalog: catalogServiceMock({ entities: exampleCatalogEntities() }),
    auth: mockServices.auth(),
    logger: quiet,
  });
  let emitted = 0;
  const connection: EntityProviderConnection = {
    async applyMutation(m) {
      if (m.type === 'full') emitted = m.entities.length;
    },
    async refresh() {},
  };
  await provider.connect(connection);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const started = performance.now();
  const outcome = await provider.refresh();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  if (outcome.failure) throw new Error(`discovery failed: ${outcome.failure}`);

  const resources = inventory.environments.length * PER_ENVIRONMENT;
  const ledger = gateway.ledger();
  const floor = Math.ceil(resources / 100);
  console.log(`tagged resources:        ${resources} in ${inventory.environments.length} environments (1 account, 1 region)`);
  console.log(`discovery run:           ${(ms / 1000).toFixed(2)} s (${((ms / TIMEOUT_MS) * 100).toFixed(1)}% of the 3 min default timeout)`);
  console.log(`entities emitted:        ${emitted} (incl. the report entity), conflicts ${outcome.conflicts.length}`);
  console.log(`AWS calls:               ${ledger.total}`);
  for (const [op, n] of Object.entries(ledger.byOperation).sort()) console.log(`  ${op.padEnd(36)} ${n}`);
  console.log(`GetResources pages:      ${ledger.byOperation['ResourceGroupsTaggingAPI.GetResources']} (floor ceil(n/100) = ${floor}, ratio ${(ledger.byOperation['ResourceGroupsTaggingAPI.GetResources'] / floor).toFixed(2)}x)`);
  console.log(`all calls / floor:       ${(ledger.total / floor).toFixed(1)}x (the per-queue RedrivePolicy reads dominate)`);
  console.log(`peak heap during run:    +${((peakHeap - heapBefore) / 1e6).toFixed(0)} MB`);
  // Per environment 6 tagged resources make 6 entities (the DLQ folds into its queue, the
  // environment entity is added), plus the one report entity.
  const expected = inventory.environments.length * PER_ENVIRONMENT + 1;
  if (emitted !== expected) throw new Error(`expected ${expected} entities, emitted ${emitted}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
