#!/usr/bin/env node
/*
 * Extracts AWS's published API models for the services the product calls into
 * plugins/platform-ops-backend/src/aws/model/awsApiModels.json: operations, their input
 * structures (members, required members, types) and paging tokens. The source is the
 * `aws-sdk` v2 npm package (`apis/<uid>.min.json`, `apis/<uid>.paginators.json`), which AWS
 * generates from the same service models as SDK v3: a truth nobody on this project wrote.
 * Only what validation needs is kept (outputs, XML names and docs are dropped), so the file is
 * small enough to ship with the plugin instead of the 100 MB package.
 *
 *   node scripts/aws-models/extract.mjs          # rewrite the JSON
 *   node scripts/aws-models/extract.mjs --check  # exit 1 if the committed JSON differs
 *
 * The backend's awsApiModels.test.ts runs the check, so the file cannot drift from aws-sdk.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const backend = join(root, 'plugins/platform-ops-backend');
const out = join(backend, 'src/aws/model/awsApiModels.json');
// Resolve aws-sdk as the backend package does (it is that package's devDependency).
const require = createRequire(join(backend, 'package.json'));
const sdkDir = dirname(require.resolve('aws-sdk/package.json'));
const sdkVersion = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).version;

/** Product service name (aws/types.ts AwsServiceName) -> the model's uid. */
const SERVICES = {
  autoScaling: 'autoscaling-2011-01-01',
  cloudWatch: 'monitoring-2010-08-01',
  sqs: 'sqs-2012-11-05',
  costExplorer: 'ce-2017-10-25',
  budgets: 'budgets-2016-10-20',
  rds: 'rds-2014-10-31',
  route53: 'route53-2013-04-01',
  ecs: 'ecs-2014-11-13',
  elastiCache: 'elasticache-2015-02-02',
  ec2: 'ec2-2016-11-15',
  cloudFront: 'cloudfront-2020-05-31',
  sts: 'sts-2011-06-15',
  resourceGroupsTagging: 'resourcegroupstaggingapi-2017-01-26',
  s3: 's3-2006-03-01',
};
/** EC2 has ~700 operations; the product and its simulated account use only these. */
const EC2_OPERATIONS = ['DescribeInstances', 'DescribeInstanceStatus', 'DescribeSpotPriceHistory'];
/** S3 has ~100 operations (object data, ACLs, ...); the product reads only bucket configuration. */
const S3_OPERATIONS = ['GetBucketVersioning', 'GetBucketReplication', 'GetBucketLifecycleConfiguration'];
const ONLY = { ec2: EC2_OPERATIONS, s3: S3_OPERATIONS };
const KEEP = ['type', 'members', 'member', 'key', 'value', 'required', 'shape', 'location', 'idempotencyToken'];

function trim(shape) {
  if (!shape || typeof shape !== 'object') return shape;
  const kept = {};
  for (const k of KEEP) {
    if (!(k in shape)) continue;
    if (k === 'members') kept.members = Object.fromEntries(Object.entries(shape.members).map(([n, s]) => [n, trim(s)]));
    else if (k === 'member' || k === 'key' || k === 'value') kept[k] = trim(shape[k]);
    else if (k === 'location' && shape.location === 'headers') kept[k] = shape[k];
    else kept[k] = shape[k];
  }
  return kept;
}

function collectRefs(shape, into) {
  if (!shape || typeof shape !== 'object') return;
  if (shape.shape) into.add(shape.shape);
  for (const k of ['member', 'key', 'value']) collectRefs(shape[k], into);
  for (const s of Object.values(shape.members ?? {})) collectRefs(s, into);
}

const models = { source: `aws-sdk@${sdkVersion} apis/*.min.json + *.paginators.json`, services: {} };
for (const [service, uid] of Object.entries(SERVICES)) {
  const api = JSON.parse(readFileSync(join(sdkDir, 'apis', `${uid}.min.json`), 'utf8'));
  const paging = JSON.parse(readFileSync(join(sdkDir, 'apis', `${uid}.paginators.json`), 'utf8')).pagination ?? {};
  const names = Object.keys(api.operations).filter(op => !ONLY[service] || ONLY[service].includes(op)).sort();
  const operations = {};
  const needed = new Set();
  for (const op of names) {
    const input = trim(api.operations[op].input ?? { type: 'structure', members: {} });
    collectRefs(input, needed);
    operations[op] = { input };
    if (paging[op]) {
      const p = paging[op];
      operations[op].paginator = { inputToken: p.input_token, outputToken: p.output_token, limitKey: p.limit_key };
    }
  }
  // Shapes reachable from the inputs (recursive shapes such as Cost Explorer's Expression stay refs).
  const shapes = {};
  const queue = [...needed];
  while (queue.length) {
    const name = queue.pop();
    if (shapes[name]) continue;
    shapes[name] = trim(api.shapes[name]);
    const more = new Set();
    collectRefs(shapes[name], more);
    for (const m of more) if (!shapes[m]) queue.push(m);
  }
  models.services[service] = {
    uid,
    protocol: api.metadata.protocol,
    operations,
    shapes: Object.fromEntries(Object.entries(shapes).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
}

const text = `${JSON.stringify(models)}\n`;
if (process.argv.includes('--check')) {
  const committed = readFileSync(out, 'utf8');
  if (committed !== text) {
    console.error(`${out} differs from aws-sdk@${sdkVersion}: run node scripts/aws-models/extract.mjs`);
    process.exit(1);
  }
  console.log(`${out} matches aws-sdk@${sdkVersion}`);
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${(text.length / 1024).toFixed(0)} KiB from aws-sdk@${sdkVersion}`);
}
