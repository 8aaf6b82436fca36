/**
 * Catalog discovery at 10,000 tagged resources: one account and region of the simulated
 * Resource Groups Tagging API holding 1,667 environments (each a GPU fleet, a queue and its
 * DLQ, PostgreSQL, Redis and a bucket: 6 tagged resources), discovered by the provider
 * through the real AWS gateway (SDK middleware, AWS model validation and the call ledger run
 * as in production). Each environment is tagged as the environment template's synthesized
 * Terraform tags it (the committed dev example, renamed), so each queue names its DLQ in a tag
 * and costs no GetQueueAttributes; an untagged queue would be read (RedrivePolicy and RDS
 * DescribeDBInstances are answered from the same inventory). The catalog holds the example
 * catalog (hand-written entities to reconcile with).
 *
 * Figures: wall time of one run, AWS calls by operation, entities emitted, peak heap, and
 * the ratios to the floor of GetResources calls (ceil(n / 100)) and to the default schedule
 * timeout (3 minutes). Run: `yarn bench discovery` (`--quick`: 600 resources).
 */
import { DISCOVERY_TIMEOUT_MS, measureDiscovery } from './discoveryRun';
import { sized } from './quick';

const RESOURCES = sized(10_000, 600);

async function main() {
  const f = await measureDiscovery(RESOURCES);
  console.log(`tagged resources:        ${f.resources} in ${f.environments} environments (1 account, 1 region)`);
  console.log(`discovery run:           ${f.seconds.toFixed(2)} s (${(((f.seconds * 1000) / DISCOVERY_TIMEOUT_MS) * 100).toFixed(1)}% of the 3 min default timeout)`);
  console.log(`entities emitted:        ${f.emitted} (incl. the report entity), conflicts ${f.conflicts}`);
  console.log(`AWS calls:               ${f.calls}`);
  for (const [op, n] of Object.entries(f.byOperation).sort()) console.log(`  ${op.padEnd(36)} ${n}`);
  const pages = f.byOperation['ResourceGroupsTaggingAPI.GetResources'];
  console.log(`GetResources pages:      ${pages} (floor ceil(n/100) = ${f.getResourcesFloor}, ratio ${(pages / f.getResourcesFloor).toFixed(2)}x)`);
  const sqsReads = f.byOperation['SQS.GetQueueAttributes'] ?? 0;
  console.log(`all calls / floor:       ${(f.calls / f.getResourcesFloor).toFixed(1)}x (${sqsReads} RedrivePolicy reads: queues without the DLQ tag)`);
  console.log(`peak heap during run:    +${f.peakHeapMB.toFixed(0)} MB`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
