/*
 * One catalog discovery run over N tagged resources of the simulated Resource Groups Tagging
 * API, measured (wall time, AWS calls by operation, entities, peak heap). Shared by
 * bench/discovery.bench.ts and bench/growth.bench.ts (which quotes it next to the list
 * figures); not a benchmark itself (bench/run.mjs runs *.bench.ts only).
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Inventory, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDiscoveryConfig } from '../plugins/catalog-backend-module-platform-ops/src/config';
import { PlatformOpsDiscoveryProvider } from '../plugins/catalog-backend-module-platform-ops/src/PlatformOpsDiscoveryProvider';
import { createAwsGateway } from '../plugins/platform-ops-backend/src/aws/AwsGatewayService';
import { SimulatedAwsHandler } from '../plugins/platform-ops-backend/src/aws/simulatorContract';
import { exampleCatalogEntities } from '../plugins/platform-ops-backend/src/testUtils/exampleCatalog';
import { templateEnvironment } from '../plugins/platform-ops-backend-module-simulated-aws/src/tagging/extraEnvironments';
import { TaggingModel } from '../plugins/platform-ops-backend-module-simulated-aws/src/tagging/TaggingModel';
import { seedsFromTerraform } from '../plugins/platform-ops-backend-module-simulated-aws/src/terraform/convert';
import { TerraformSeedSource } from '../plugins/platform-ops-backend-module-simulated-aws/src/terraform/source';
import { readSynthesizedStacks } from '../plugins/platform-ops-backend-module-simulated-aws/src/terraform/synthesizedExamples';

const ACCOUNT = '510987654321';
const LOCATION = { accountId: ACCOUNT, region: 'us-east-1' };
const PER_ENVIRONMENT = 6;
/** The provider's default schedule timeout: a run must end well within it. */
export const DISCOVERY_TIMEOUT_MS = 3 * 60_000;

const quiet: LoggerService = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, child: () => quiet };

function bigInventory(n: number): Inventory {
  const environments: PlatformEnvironment[] = [];
  for (let i = 0; environments.length * PER_ENVIRONMENT < n; i++) {
    environments.push(templateEnvironment({ name: `env-${String(i).padStart(5, '0')}`, accountId: ACCOUNT, region: 'us-east-1', tier: 'sandbox', owner: 'video-team' }));
  }
  return { environments, problems: [] };
}

/** The committed synthesized Terraform of the dev example: what the environment template makes. */
const TEMPLATE_TERRAFORM = join(__dirname, '../cdktf/examples/synthesized/dev');

/**
 * Each environment applied from the template's real synthesized Terraform (the dev example's,
 * renamed: same resource names as templateEnvironment gives, `<env>-video-jobs` and so on), so
 * GetResources returns the tags that Terraform declares, the queues' DLQ tag included.
 */
function templateTerraform(inventory: Inventory): TerraformSeedSource {
  const stacks = readSynthesizedStacks(TEMPLATE_TERRAFORM).map(s => JSON.stringify(s));
  // Applied here, before the run is timed (an account holds its resources before discovery).
  const applied = new Map(
    inventory.environments.map(env => [
      env.name,
      seedsFromTerraform(
        stacks.map(s =>
          JSON.parse(
            s
              .replaceAll('"dev-', `"${env.name}-`)
              .replaceAll('"platform-ops:environment":"dev"', `"platform-ops:environment":"${env.name}"`)
              .replaceAll('210987654321', env.location.accountId),
          ),
        ),
      ),
    ]),
  );
  return env => applied.get(env.name);
}

/** The Tagging API from the simulated account's model; SQS and RDS describes from the inventory. */
function handlerFor(inventory: Inventory): SimulatedAwsHandler {
  const tagging = new TaggingModel(() => inventory, undefined, undefined, templateTerraform(inventory));
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

export interface DiscoveryFigures {
  resources: number;
  environments: number;
  seconds: number;
  emitted: number;
  conflicts: number;
  calls: number;
  byOperation: Record<string, number>;
  /** ceil(resources / 100): the fewest GetResources pages that can return them. */
  getResourcesFloor: number;
  peakHeapMB: number;
}

/** Discovers `n` tagged resources (rounded up to whole environments of 6) once. */
export async function measureDiscovery(n: number): Promise<DiscoveryFigures> {
  const inventory = bigInventory(n);
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
  // Per environment 6 tagged resources make 6 entities (the DLQ folds into its queue, the
  // environment entity is added), plus the one report entity.
  const expected = inventory.environments.length * PER_ENVIRONMENT + 1;
  if (emitted !== expected) throw new Error(`expected ${expected} entities, emitted ${emitted}`);
  const ledger = gateway.ledger();
  return {
    resources,
    environments: inventory.environments.length,
    seconds: ms / 1000,
    emitted,
    conflicts: outcome.conflicts.length,
    calls: ledger.total,
    byOperation: { ...ledger.byOperation },
    getResourcesFloor: Math.ceil(resources / 100),
    peakHeapMB: (peakHeap - heapBefore) / 1e6,
  };
}
