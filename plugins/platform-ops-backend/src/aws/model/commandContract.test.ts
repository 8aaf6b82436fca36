import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  simulatedAwsModule,
  simulatedHttpProbeServiceFactory,
} from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { FLEET_CHANGES } from '../../fleet/FleetChanges';
import { platformOpsPlugin } from '../../plugin';
import { RUNBOOKS } from '../../runbooks/definitions';
import { exampleCatalogEntities, exampleTerraformDir } from '../../testUtils/exampleCatalog';
import { OWN_CONTRACT_PACKAGES, importedAwsCommands } from '../__testUtils__/importedAwsCommands';
import { RecordedCall, recordingSimulatedAws } from '../__testUtils__/recordingSimulatedAws';
import { AWS_SERVICES, iamAction } from '../services';
import { AwsServiceName } from '../types';
import { AWS_MODEL_SOURCE } from './awsApiModel';
import { InputProblem, validateAwsInput } from './validateAwsInput';

jest.setTimeout(600_000);

/*
 * The contract test: every AWS command the product can send, built by the product's own code
 * (HTTP routes, services, runbook definitions and engine) from the example catalog and the
 * simulated account's realistic state, checked against AWS's published API models (unknown
 * member, missing required member, wrong type). Nothing here writes an AWS input by hand:
 * the test only drives the product as a user would, and records what reaches the account.
 *
 * It fails when the product's source imports a command that this run did not make the
 * product send (a new command needs a path here), and keeps docs/aws-commands.md, the list
 * of commands it covers, in step (UPDATE_AWS_COMMANDS_DOC=1 rewrites it).
 */

const OWNER = 'user:default/ana-platform';
const APPROVER = 'user:default/guest';
const DOC = resolve(__dirname, '../../../../../docs/aws-commands.md');

/** Every command sent, and every call a dry-run plan or runbook plan showed. */
const sent: RecordedCall[] = [];
const planned: Array<{ service: AwsServiceName; operation: string; input: unknown; activity: string }> = [];

const LABELS = new Map(
  (Object.keys(AWS_SERVICES) as AwsServiceName[]).map(s => [AWS_SERVICES[s].label, s]),
);

/** Every {service, command, input} a response carries (fleet, queue and runbook plans). */
function collectPlans(body: unknown, activity: string): void {
  if (Array.isArray(body)) {
    body.forEach(b => collectPlans(b, activity));
    return;
  }
  if (!body || typeof body !== 'object') return;
  const o = body as Record<string, unknown>;
  if (typeof o.service === 'string' && typeof o.command === 'string' && o.input && typeof o.input === 'object') {
    const service = LABELS.get(o.service);
    if (service) {
      planned.push({ service, operation: o.command.replace(/Command$/, ''), input: o.input, activity });
      return;
    }
  }
  Object.values(o).forEach(v => collectPlans(v, activity));
}

/**
 * The example catalog, plus the one kind of resource it does not show and an adopter would
 * declare: an Aurora cluster (the RDS failover runbook then calls FailoverDBCluster). It is in
 * an environment of its own, written by hand (no Terraform: the simulated account seeds it by
 * its tier), because the example environments hold exactly what their Terraform declares.
 */
const AURORA_ENVIRONMENT: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'analytics',
    namespace: 'default',
    title: 'analytics environment',
    annotations: {
      'platform-ops.io/aws-account-id': '610987654321',
      'platform-ops.io/aws-region': 'us-east-1',
      'platform-ops.io/tier': 'prod',
      'platform-ops.io/cost-tag': 'analytics',
    },
  },
  spec: { type: 'environment', owner: 'platform-team', system: 'video-platform' },
};
const AURORA: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'analytics-aurora',
    namespace: 'default',
    title: 'analytics Aurora PostgreSQL',
    annotations: { 'platform-ops.io/environment': 'analytics', 'platform-ops.io/db-cluster-id': 'analytics-aurora' },
  },
  spec: { type: 'database', owner: 'platform-team', system: 'video-platform', dependsOn: ['resource:analytics'] },
};
const AURORA_REF = stringifyEntityRef(AURORA);
const entities = [...exampleCatalogEntities(), AURORA_ENVIRONMENT, AURORA];
const refsOf = (type: string) =>
  entities.filter(e => e.kind === 'Resource' && e.spec?.type === type).map(e => stringifyEntityRef(e));
const fleets = refsOf('gpu-fleet');
const queues = refsOf('queue');
const environments = entities
  .filter(e => e.kind === 'Resource' && e.spec?.type === 'environment')
  .map(e => e.metadata.name);

async function startProduct() {
  const recorder = recordingSimulatedAws();
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      simulatedAwsModule,
      simulatedHttpProbeServiceFactory,
      recorder.factory,
      mockServices.permissions.mock({
        authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
      }).factory,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          platformOps: {
            // The example environments applied from their synthesized Terraform, as in the embedded default.
            aws: { mode: 'simulated', simulation: { speed: 600, backfillHours: 2, seed: 7, terraformDirs: [exampleTerraformDir()] } },
            fleet: { cacheSeconds: 0 },
            runbooks: { pollIntervalSeconds: 0.05 },
          },
        },
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  /** Routes that did not answer as the test expected, with their bodies. */
  const failures: string[] = [];
  const call = async (
    method: 'get' | 'post',
    path: string,
    body?: object,
    user = OWNER,
    expected: number[] = [200, 201],
  ) => {
    const label = `${method.toUpperCase()} ${path.replace(/\?.*$/, '').replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, ':id')}`;
    const res = await recorder.during(label, async () => {
      const req = request(server)[method](`/api/platform-ops${path}`).set('Authorization', as(user));
      return method === 'post' ? req.send(body ?? {}) : req;
    });
    if (!expected.includes(res.status)) {
      failures.push(`${label} ${JSON.stringify(body ?? {})} -> ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
    }
    collectPlans(res.body, label);
    return res;
  };
  return {
    call,
    failures,
    /**
     * Keeps what was sent for the checks below, after checking that every route answered as
     * expected; returns how many commands reached the account.
     */
    finish: () => {
      sent.push(...recorder.calls);
      expect(failures).toEqual([]);
      return recorder.calls.length;
    },
  };
}


/**
 * Realistic requests for every fleet change the API has, in an order that leaves each valid
 * (a scheduled action is put before it is deleted). Keyed by the names FLEET_CHANGES uses, so
 * a new kind of change fails the test until it has a request here.
 */
function fleetChangeBodies(fleet: { desiredCapacity: number; minSize: number; maxSize: number }): Array<[string, object]> {
  const desired = Math.min(fleet.maxSize, Math.max(fleet.minSize, fleet.desiredCapacity + 1));
  return [
    ['desired-capacity', { desiredCapacity: desired }],
    // Within the environment's guardrails (GPU instances, hourly cost): the max it has.
    ['size', { minSize: Math.max(0, fleet.minSize - 1), maxSize: fleet.maxSize }],
    ['spot-share', { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 25 }],
    ['processes', { action: 'suspend', processes: ['AZRebalance', 'ReplaceUnhealthy'] }],
    ['processes', { action: 'resume', processes: ['AZRebalance', 'ReplaceUnhealthy'] }],
    [
      'scheduled-actions',
      { name: 'nightly-scale-in', recurrence: '0 20 * * 1-5', timeZone: 'Europe/Paris', minSize: 0, desiredCapacity: fleet.minSize },
    ],
    ['scheduled-actions/delete', { name: 'nightly-scale-in' }],
    ['target-tracking', { acceptableLatencySeconds: 300, averageProcessingSeconds: 30, estimatedInstanceWarmupSeconds: 240 }],
  ];
}

/** The value at a validator path such as `ChangeBatch.Changes[0].Action`. */
function valueAt(input: unknown, path: string): unknown {
  return path
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), input);
}

function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && /^<.+>$/.test(value);
}

function problemsOf(service: string, operation: string, input: unknown): InputProblem[] {
  return validateAwsInput(service, operation, input);
}

describe("every AWS command the product can send, against AWS's published API models", () => {
  it('reads: fleets, queues, redrive tasks, costs, budgets, anomalies, unit economics, resource state', async () => {
    const product = await startProduct();
    await product.call('get', '/fleets');
    await product.call('get', '/fleets?series=full');
    for (const env of environments) await product.call('get', `/fleets?environment=${env}`);
    for (const ref of fleets) await product.call('get', `/fleets/by-entity?entityRef=${ref}`);
    await product.call('get', '/queues');
    for (const ref of queues) {
      await product.call('get', `/queues/by-entity?entityRef=${ref}`);
      await product.call('get', `/queues/redrive?entityRef=${ref}`);
    }
    for (const scope of ['', ...environments.map(e => `environment=${e}`)]) {
      const q = scope ? `?${scope}` : '';
      await product.call('get', `/costs/spend${q}`);
      await product.call('get', `/costs/spend${q}${q ? '&' : '?'}granularity=MONTHLY&groupBy=ENVIRONMENT`);
      await product.call('get', `/costs/budget${q}`);
      await product.call('get', `/costs/anomalies${q}`);
      await product.call('get', `/costs/unit-economics${q}`);
    }
    for (const entity of entities.filter(e => ['Resource', 'Component'].includes(e.kind) && e.spec?.type !== 'environment')) {
      // Databases, caches, ECS services (components) and buckets have live state; others answer 4xx without AWS.
      await product.call('get', `/resources/state?entityRef=${stringifyEntityRef(entity)}`, undefined, OWNER, [200, 400, 404]);
    }
    expect(product.finish()).toBeGreaterThan(0);
  });

  it('fleet changes: every kind, planned (dry run) then made, on every example fleet', async () => {
    const product = await startProduct();
    const kinds = new Set<string>();
    for (const ref of fleets) {
      const fleet = (await product.call('get', `/fleets/by-entity?entityRef=${ref}`)).body;
      for (const [name, body] of fleetChangeBodies(fleet)) {
        kinds.add(name);
        const payload = { entityRef: ref, ...body, reason: 'contract test' };
        await product.call('post', `/fleets/${name}`, { ...payload, dryRun: true });
        await product.call('post', `/fleets/${name}`, payload);
      }
    }
    // The bodies above cover every change the API offers.
    expect([...kinds].sort()).toEqual(Object.keys(FLEET_CHANGES).sort());
    expect(product.finish()).toBeGreaterThan(0);
  });

  it('queue changes: a DLQ redrive planned then started on every example queue', async () => {
    const product = await startProduct();
    for (const ref of queues) {
      await product.call('post', '/queues/redrive', { entityRef: ref, maxNumberOfMessagesPerSecond: 50, reason: 'contract test', dryRun: true });
      await product.call('post', '/queues/redrive', { entityRef: ref, reason: 'contract test' }, OWNER, [200, 201, 409]);
      await product.call('get', `/queues/redrive?entityRef=${ref}`);
    }
    expect(product.finish()).toBeGreaterThan(0);
  });

  /** Which catalog entity each runbook applies to, as the product says (GET /runbooks/for-entity). */
  async function runbookTargets(product: Awaited<ReturnType<typeof startProduct>>) {
    const targets = new Map<string, { entityRef: string; confirm?: string }>();
    const aurora = new Map<string, { entityRef: string; confirm?: string }>();
    for (const entity of entities.filter(e => ['Resource', 'Component'].includes(e.kind))) {
      const entityRef = stringifyEntityRef(entity);
      const res = await product.call('get', `/runbooks/for-entity?entityRef=${entityRef}`, undefined, OWNER, [200, 400, 404]);
      if (res.status !== 200) continue;
      for (const r of res.body.runbooks as Array<{ id: string }>) {
        if (entityRef === AURORA_REF) {
          aurora.set(r.id, { entityRef, confirm: res.body.confirmationRequired });
          continue;
        }
        // Production first: the example catalog gives prod every DR feature (DR region, records).
        const current = targets.get(r.id);
        if (!current || (res.body.confirmationRequired && !current.confirm)) {
          targets.set(r.id, { entityRef, confirm: res.body.confirmationRequired });
        }
      }
    }
    return { targets, aurora };
  }

  /** Starts a live run of a runbook and follows it to the end, approving as a second person. */
  async function runToEnd(
    product: Awaited<ReturnType<typeof startProduct>>,
    runbookId: string,
    target: { entityRef: string; confirm?: string },
  ) {
    const started = await product.call('post', `/runbooks/${runbookId}/executions`, {
      entityRef: target.entityRef,
      mode: 'live',
      confirm: target.confirm,
      reason: 'contract test',
    });
    const id = started.body.execution?.id;
    expect(id).toBeDefined();
    let execution = started.body.execution;
    for (let i = 0; i < 1200 && ['queued', 'running'].includes(execution.status); i++) {
      await new Promise(r => setTimeout(r, 50));
      execution = (await product.call('get', `/runbooks/executions/${id}`)).body;
      for (const step of execution.steps ?? []) {
        if (step.status === 'waiting-approval') {
          await product.call('post', `/runbooks/executions/${id}/steps/${step.stepId}/approve`, { reason: 'second person' }, APPROVER);
        }
      }
    }
    const stepErrors = (execution.steps ?? [])
      .filter((s: { status: string }) => s.status === 'failed')
      .map((s: { stepId: string; error?: string }) => `${s.stepId}: ${s.error}`);
    expect({ runbookId, status: execution.status, stepErrors }).toEqual({ runbookId, status: 'succeeded', stepErrors: [] });
  }

  /**
   * Runbooks that only have work to do after another one ran: a failback sends its
   * calls (re-creating the primary database as a replica, ...) only after a failover.
   */
  const RUN_FIRST: Record<string, string> = { 'region-failback': 'region-failover' };

  it.each([...[...RUNBOOKS.keys()].map(id => [id, 'example catalog']), ['rds-multi-az-failover', 'Aurora cluster']])(
    'runbook %s (%s): preflight, plans of both modes, and a live run to the end on the simulated account',
    async (runbookId, on) => {
      const product = await startProduct();
      const found = await runbookTargets(product);
      const target = (on === 'Aurora cluster' ? found.aurora : found.targets).get(runbookId);
      // Every runbook applies to some entity of the example catalog.
      expect(target).toBeDefined();
      const before = RUN_FIRST[runbookId];
      if (before) await runToEnd(product, before, found.targets.get(before)!);
      for (const mode of ['drill', 'live']) {
        await product.call('post', `/runbooks/${runbookId}/preview`, { entityRef: target!.entityRef, mode });
      }
      await runToEnd(product, runbookId, target!);
      expect(product.finish()).toBeGreaterThan(0);
    },
  );

  it("every command sent and every planned call is valid against AWS's API model", () => {
    const invalid = [
      ...sent.map(c => ({ kind: 'sent', ...c, problems: problemsOf(c.service, c.operation, c.input) })),
      // A plan shows "<where it comes from>" for a value known only at run time (checked
      // where it is sent); everything else in a planned input must be valid as it stands.
      ...planned.map(c => ({
        kind: 'planned',
        ...c,
        problems: problemsOf(c.service, c.operation, c.input).filter(p => !isPlaceholder(valueAt(c.input, p.path))),
      })),
    ]
      .map(c => ({ c, problems: c.problems }))
      .filter(x => x.problems.length > 0)
      .map(({ c, problems }) => `${c.kind} ${c.service}.${c.operation} (${c.activity}): ${problems.map(p => `${p.path} ${p.message}`).join('; ')}`);
    expect(sent.length).toBeGreaterThan(0);
    expect([...new Set(invalid)]).toEqual([]);
  });

  it("built every command the source can send (and nothing it does not import), and lists them in docs/aws-commands.md", () => {
    const imported = importedAwsCommands({ except: OWN_CONTRACT_PACKAGES });
    const sourceSet = [...new Set(imported.map(c => `${c.service}.${c.operation}`))].sort();
    const sentSet = [...new Set(sent.map(c => `${c.service}.${c.operation}`))].sort();

    // Print what the run covered, with the product paths that built each command.
    const paths = new Map<string, Set<string>>();
    for (const c of [...sent, ...planned]) {
      const key = `${c.service}.${c.operation}`;
      paths.set(key, (paths.get(key) ?? new Set()).add(c.activity));
    }
    // eslint-disable-next-line no-console
    console.log(
      `AWS commands the contract test built and validated (${sentSet.length}, ${sent.length} calls, ${planned.length} planned calls):\n${sentSet
        .map(k => `  ${k}  <- ${[...(paths.get(k) ?? [])].sort().join(', ')}`)
        .join('\n')}`,
    );

    expect({ notBuiltByTheContractRun: sourceSet.filter(k => !sentSet.includes(k)) }).toEqual({ notBuiltByTheContractRun: [] });
    expect({ sentButNotInTheScan: sentSet.filter(k => !sourceSet.includes(k)) }).toEqual({ sentButNotInTheScan: [] });

    const doc = commandsDoc(imported);
    if (process.env.UPDATE_AWS_COMMANDS_DOC === '1') writeFileSync(DOC, doc);
    const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    // Stale list: run `UPDATE_AWS_COMMANDS_DOC=1 CI=true yarn backstage-cli package test src/aws/model/commandContract.test.ts`.
    expect(current).toBe(doc);
  });
});

/** docs/aws-commands.md: deterministic (from the source scan), checked for freshness above. */
function commandsDoc(imported: Array<{ service: string; operation: string; file: string }>): string {
  const byCommand = new Map<string, { service: string; operation: string; files: Set<string> }>();
  for (const c of imported) {
    const key = `${c.service}.${c.operation}`;
    const entry = byCommand.get(key) ?? { service: c.service, operation: c.operation, files: new Set<string>() };
    entry.files.add(c.file.replace(/^platform-ops-backend\/src\//, ''));
    byCommand.set(key, entry);
  }
  const rows = [...byCommand.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, e]) => {
      const label = AWS_SERVICES[e.service as AwsServiceName]?.label ?? e.service;
      return `| ${label}.${e.operation} | \`${iamAction(e.service as AwsServiceName, e.operation)}\` | ${[...e.files].sort().join(', ')} |`;
    });
  return [
    '# AWS commands the product sends',
    '',
    '<!-- Generated by plugins/platform-ops-backend/src/aws/model/commandContract.test.ts; do not edit. -->',
    '',
    `Every AWS command the product's source can send (${rows.length}). The contract test`,
    '(`src/aws/model/commandContract.test.ts` in the backend plugin) makes the product build',
    'each of them through its own code paths (reads, dry-run plans and changes of every fleet',
    'and queue change, every runbook previewed in both modes and run live against the simulated',
    `account) and validates every input against AWS's published API models (${AWS_MODEL_SOURCE}):`,
    'no unknown member, no missing required member, no wrong type. It fails when the source',
    'imports a command the run did not build, and when this list is stale.',
    '',
    '| Command | IAM action | Sent from (plugins/platform-ops-backend/src/ unless stated) |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
