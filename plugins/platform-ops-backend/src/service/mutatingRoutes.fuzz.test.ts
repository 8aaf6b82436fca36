import {
  AuditorService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { startSimulatedBackend } from '../fleet/__testUtils__/startFleetBackend';

/**
 * Property-based fuzzing of every mutating route through the real HTTP layer, against the
 * simulated account. Each generated body is malformed in one known field (or valid in shape
 * but over a guardrail); every answer must be a 4xx whose message names that field, with no
 * AWS change call, no history row, no simulator change and an audit event with an outcome.
 *
 * Seeded: FUZZ_SEED=<n> replays a run; the seed is printed when a property fails.
 */

jest.setTimeout(120_000);

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const USER = mockCredentials.user.header('user:default/ana-platform');
const DEV_FLEET = 'resource:default/dev-gpu-fleet';
const PROD_FLEET = 'resource:default/prod-gpu-fleet';
const QUEUE = 'resource:default/prod-jobs-queue';
const DB = 'resource:default/prod-postgres';
const EXECUTION = '4a8b5e0e-2f0e-4a4e-9a53-1f4b6f8f9d10';

/** A generated request: where, what, and the field its 4xx must name. */
interface Case {
  path: string;
  body: unknown;
  field: string;
}

interface AuditRecord {
  eventId: string;
  outcome?: 'success' | 'fail';
}

const audits: AuditRecord[] = [];
const recordingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: (): AuditorService => ({
    createEvent: async options => {
      const record: AuditRecord = { eventId: options.eventId };
      audits.push(record);
      return {
        success: async () => {
          record.outcome = 'success';
        },
        fail: async () => {
          record.outcome = 'fail';
        },
      };
    },
  }),
});

// ---- values that are wrong for a field, whatever else the body holds ----

/** A control character AWS and PostgreSQL refuse (NUL, the C0 range but tab/LF/CR, DEL). */
const control = fc.constantFrom('\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u001b', '\u001f', '\u007f');
const withControl = fc
  .tuple(fc.string({ maxLength: 20 }), control, fc.string({ maxLength: 20 }))
  .map(([a, c, b]) => `reason ${a}${c}${b}`);
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const notNumber = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
);
const badCount = fc.oneof(
  notNumber,
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.integer({ min: 10_001, max: Number.MAX_SAFE_INTEGER }),
  fc.double({ min: 0.01, max: 1000, noNaN: true }).filter(n => !Number.isInteger(n)),
);
const badEntityRef = fc.oneof(
  notString,
  withControl,
  fc.string({ maxLength: 30 }).filter(s => !/^[a-z]+:[a-z0-9-]+\/[a-z0-9._-]+$/i.test(s)),
  fc.constant(`resource:default/${'a'.repeat(300)}`),
);
const badReason = fc.oneof(
  notString,
  withControl,
  fc.constantFrom('', '  ', 'ok', ' x '),
  fc.string({ minLength: 501, maxLength: 600 }).map(s => `${'r'.repeat(501)}${s}`),
);
const badIdempotencyKey = fc.oneof(
  notString.filter(v => v !== null),
  fc.string({ maxLength: 7 }),
  fc.constant('has spaces in it'),
  withControl,
);
const badDryRun = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null), fc.constant([]));

/** Either a bad value, or the field left out when it is required. */
const MISSING = Symbol('missing');
const orMissing = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.constant(MISSING));

/** The envelope every change carries; dryRun true, so a body that slipped through would not act. */
const ENVELOPE = { reason: 'fuzzing the change routes', dryRun: true };
const envelopeFields: Record<string, fc.Arbitrary<unknown>> = {
  reason: orMissing(badReason),
  dryRun: badDryRun,
  idempotencyKey: badIdempotencyKey,
};

/** Cases that break one field of a valid body. */
function oneBadField(
  path: string,
  base: Record<string, unknown>,
  fields: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Case> {
  const all = { ...envelopeFields, ...fields };
  return fc.constantFrom(...Object.keys(all)).chain(field =>
    all[field].map(value => {
      const body: Record<string, unknown> = { ...ENVELOPE, ...base };
      if (value === MISSING) delete body[field];
      else body[field] = value;
      return { path, body, field };
    }),
  );
}

/** A control character in a key nobody expects: refused too, naming the key. */
function controlInUnknownKey(path: string, base: Record<string, unknown>): fc.Arbitrary<Case> {
  return fc.tuple(fc.constantFrom('comment', 'note', 'x'), withControl).map(([field, value]) => ({
    path,
    body: { ...ENVELOPE, ...base, [field]: value },
    field,
  }));
}

const cronWord = fc.stringMatching(/^[a-z]{3,6}$/).filter(w => !['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].includes(w));
const badCron = fc.oneof(
  notString,
  withControl,
  fc.array(cronWord, { minLength: 5, maxLength: 5 }).map(w => w.join(' ')),
  fc.integer({ min: 60, max: 99 }).map(m => `${m} * * * *`),
  fc.integer({ min: 24, max: 99 }).map(h => `0 ${h} * * *`),
  fc.integer({ min: 32, max: 99 }).map(d => `0 0 ${d} * *`),
  fc.constantFrom('0 0 0 * *', '0 0 * 13 *', '0 0 * * 8', '* * * *', '* * * * * *', '5-1 * * * *', '*/0 * * * *', '1,,2 * * * *', ''),
);
const badTimeZone = fc.oneof(notString, withControl, fc.constantFrom('+01:00', 'Mars/Olympus_Mons', 'Europe/', '', 'UTC; DROP'));
const badName = fc.oneof(notString, withControl, fc.constant(''), fc.constant('n'.repeat(256)));

const fleetCases: Record<string, fc.Arbitrary<Case>> = {
  'desired-capacity': oneBadField('/fleets/desired-capacity', { entityRef: DEV_FLEET, desiredCapacity: 1 }, {
    entityRef: orMissing(badEntityRef),
    desiredCapacity: orMissing(badCount),
  }),
  size: oneBadField('/fleets/size', { entityRef: DEV_FLEET, minSize: 0, maxSize: 1 }, {
    entityRef: orMissing(badEntityRef),
    minSize: orMissing(badCount),
    maxSize: orMissing(badCount),
  }),
  'spot-share': oneBadField('/fleets/spot-share', { entityRef: PROD_FLEET, onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 30 }, {
    entityRef: orMissing(badEntityRef),
    onDemandBaseCapacity: orMissing(badCount),
    onDemandPercentageAboveBaseCapacity: orMissing(fc.oneof(notNumber, fc.integer({ min: 101, max: 1e6 }), fc.integer({ min: -1e6, max: -1 }))),
  }),
  processes: oneBadField('/fleets/processes', { entityRef: DEV_FLEET, action: 'suspend', processes: ['AZRebalance'] }, {
    entityRef: orMissing(badEntityRef),
    action: orMissing(fc.oneof(notString, fc.constantFrom('pause', 'SUSPEND', ''))),
    processes: orMissing(fc.oneof(notString, fc.constant([]), fc.constant(['Launch', 'Launch']), fc.array(fc.constantFrom('Fly', 'launch', ''), { minLength: 1, maxLength: 3 }))),
  }),
  'target-tracking': oneBadField('/fleets/target-tracking', { entityRef: PROD_FLEET, acceptableLatencySeconds: 60, averageProcessingSeconds: 30 }, {
    entityRef: orMissing(badEntityRef),
    acceptableLatencySeconds: orMissing(fc.oneof(notNumber, fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 86_401, max: 1e9 }))),
    averageProcessingSeconds: orMissing(fc.oneof(notNumber, fc.integer({ min: -1000, max: 0 }), fc.integer({ min: 86_401, max: 1e9 }))),
    estimatedInstanceWarmupSeconds: fc.oneof(notNumber.filter(v => v !== undefined), fc.integer({ min: 3601, max: 1e9 }), fc.integer({ min: -1e6, max: -1 })),
  }),
  'scheduled-actions': oneBadField('/fleets/scheduled-actions', { entityRef: DEV_FLEET, name: 'night-off', recurrence: '0 20 * * 1-5', desiredCapacity: 0 }, {
    entityRef: orMissing(badEntityRef),
    name: orMissing(badName),
    recurrence: orMissing(badCron),
    timeZone: badTimeZone,
    desiredCapacity: badCount,
  }),
  'scheduled-actions/delete': oneBadField('/fleets/scheduled-actions/delete', { entityRef: DEV_FLEET, name: 'night-off' }, {
    entityRef: orMissing(badEntityRef),
    name: orMissing(badName),
  }),
};

/** Valid in shape, refused by the one guardrail policy (dev: 1 GPU instance, $1.25/hour). */
const guardrailCases: Record<string, fc.Arbitrary<Case>> = {
  'guardrail: dev desired above max': fc.integer({ min: 2, max: 10_000 }).map(n => ({
    path: '/fleets/desired-capacity',
    body: { ...ENVELOPE, entityRef: DEV_FLEET, desiredCapacity: n },
    field: 'desiredCapacity',
  })),
  'guardrail: dev max above limit': fc.integer({ min: 2, max: 10_000 }).map(n => ({
    path: '/fleets/size',
    body: { ...ENVELOPE, entityRef: DEV_FLEET, minSize: 0, maxSize: n },
    field: 'maxSize',
  })),
  'guardrail: scheduled min-only above limit': fc.integer({ min: 2, max: 10_000 }).map(n => ({
    path: '/fleets/scheduled-actions',
    body: { ...ENVELOPE, entityRef: DEV_FLEET, name: 'min-only-probe', recurrence: '* * * * *', minSize: n },
    field: 'minSize',
  })),
  'guardrail: on-demand base above max': fc.integer({ min: 21, max: 10_000 }).map(n => ({
    path: '/fleets/spot-share',
    body: { ...ENVELOPE, entityRef: PROD_FLEET, onDemandBaseCapacity: n, onDemandPercentageAboveBaseCapacity: 30 },
    field: 'onDemandBaseCapacity',
  })),
};

const otherCases: Record<string, fc.Arbitrary<Case>> = {
  'queue redrive': fc.oneof(
    oneBadField('/queues/redrive', { entityRef: QUEUE }, {
      entityRef: orMissing(badEntityRef),
      maxNumberOfMessagesPerSecond: fc.oneof(notNumber.filter(v => v !== null), fc.integer({ min: 501, max: 1e9 }), fc.integer({ min: -1e6, max: 0 })),
    }),
    controlInUnknownKey('/queues/redrive', { entityRef: QUEUE }),
  ),
  'runbook start': fc.oneof(
    oneBadField('/runbooks/rds-multi-az-failover/executions', { entityRef: DB, mode: 'drill' }, {
      entityRef: orMissing(badEntityRef),
      mode: fc.oneof(notString.filter(v => v !== null), fc.constantFrom('prod', 'LIVE', '')),
      confirm: fc.oneof(notString.filter(v => v !== null), fc.constant('c'.repeat(101)), withControl),
    }),
    fc.constantFrom('Not-A-Runbook', 'x'.repeat(65), 'a%00b').map(id => ({
      path: `/runbooks/${id}/executions`,
      body: { ...ENVELOPE, entityRef: DB },
      field: 'runbook id',
    })),
  ),
  'runbook approve': fc.oneof(
    oneBadField(`/runbooks/executions/${EXECUTION}/steps/promote/approve`, {}, {}),
    fc.constantFrom('not-a-uuid', '123', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz').map(id => ({
      path: `/runbooks/executions/${id}/steps/promote/approve`,
      body: ENVELOPE,
      field: 'execution id',
    })),
    fc.constantFrom('Promote', 'a_b', 's'.repeat(65)).map(step => ({
      path: `/runbooks/executions/${EXECUTION}/steps/${step}/approve`,
      body: ENVELOPE,
      field: 'step id',
    })),
  ),
  'runbook cancel': fc.oneof(
    oneBadField(`/runbooks/executions/${EXECUTION}/cancel`, {}, {}),
    controlInUnknownKey(`/runbooks/executions/${EXECUTION}/cancel`, {}),
  ),
  'simulator faults': fc.oneof(
    fc.constantFrom('throttleRate', 'latencyMs', 'accessDenied', 'regionsDown', 'jobFailureRate').chain(field => {
      const bad: Record<string, fc.Arbitrary<unknown>> = {
        throttleRate: fc.oneof(notNumber.filter(v => v !== null), fc.double({ min: 1.01, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -0.01, noNaN: true })),
        latencyMs: fc.oneof(notNumber.filter(v => v !== null), fc.integer({ min: 30_001, max: 1e9 }), fc.integer({ min: -1e6, max: -1 })),
        accessDenied: fc.oneof(notString.filter(v => !Array.isArray(v) || v.length > 0), fc.array(fc.constantFrom('nope', 'sqs', 'AUTOSCALING:x'), { minLength: 1, maxLength: 3 }), fc.tuple(withControl).map(a => a)),
        regionsDown: fc.oneof(notString.filter(v => !Array.isArray(v) || v.length > 0), fc.array(fc.constantFrom('mars-1', 'US-EAST-1', 'us-east'), { minLength: 1, maxLength: 3 })),
        jobFailureRate: fc.oneof(notNumber.filter(v => v !== null), fc.double({ min: 1.01, max: 100, noNaN: true })),
      };
      return bad[field].map(value => ({ path: '/simulator/faults', body: { [field]: value }, field }));
    }),
    fc.constantFrom('throttle', 'regions', 'typo').map(field => ({ path: '/simulator/faults', body: { [field]: 1 }, field })),
  ),
  'simulator clock': fc.oneof(
    orMissing(fc.oneof(notNumber, fc.integer({ min: -1e6, max: 0 }), fc.integer({ min: 86_401, max: 1e9 }))).map(value => ({
      path: '/simulator/clock/advance',
      body: value === MISSING ? {} : { seconds: value },
      field: 'seconds',
    })),
    withControl.map(value => ({ path: '/simulator/clock/advance', body: { seconds: 5, note: value }, field: 'note' })),
  ),
};

/** Runs per property: >= 1,000 requests in all, well under a minute on a shared 2-core box. */
const RUNS: Record<string, number> = {
  ...Object.fromEntries(Object.keys(fleetCases).map(k => [k, 110])),
  ...Object.fromEntries(Object.keys(guardrailCases).map(k => [k, 40])),
  'queue redrive': 70,
  'runbook start': 70,
  'runbook approve': 50,
  'runbook cancel': 50,
  'simulator faults': 60,
  'simulator clock': 50,
};

describe(`mutating routes under fuzzing (seed ${SEED})`, () => {
  let server: Awaited<ReturnType<typeof startSimulatedBackend>>['server'];
  const counts: Record<string, { requests: number; status4xx: number; status5xx: number }> = {};
  const started = Date.now();

  beforeAll(async () => {
    ({ server } = await startSimulatedBackend({
      simulation: { backfillHours: 0, seed: 3 },
      platformOps: { runbooks: { worker: false } },
      features: [recordingAuditor],
    }));
  });

  afterAll(() => {
    const total = Object.values(counts).reduce((n, c) => n + c.requests, 0);
    const errors4xx = Object.values(counts).reduce((n, c) => n + c.status4xx, 0);
    const errors5xx = Object.values(counts).reduce((n, c) => n + c.status5xx, 0);
    // The suite's own report: requests per route, 4xx / 5xx, runtime.
    process.stdout.write(
      `${JSON.stringify({ seed: SEED, total, status4xx: errors4xx, status5xx: errors5xx, ms: Date.now() - started, perRoute: counts })}\n`,
    );
  });

  const get = (path: string) => request(server).get(`/api/platform-ops${path}`).set('Authorization', USER);

  /** AWS calls that change something (anything but Describe/Get/List), from the gateway ledger. */
  async function mutatingCalls(): Promise<Record<string, number>> {
    const { byOperation } = (await get('/aws/ledger')).body as { byOperation: Record<string, number> };
    return Object.fromEntries(
      Object.entries(byOperation).filter(([op]) => !/\.(Describe|Get|List)/.test(op)),
    );
  }

  async function worldState() {
    const history = await Promise.all(
      [DEV_FLEET, PROD_FLEET].map(async ref => (await get(`/fleets/history?entityRef=${ref}`)).body.items.length),
    );
    const queueHistory = (await get(`/queues/history?entityRef=${QUEUE}`)).body.items.length;
    const executions = (await get('/runbooks/executions')).body.executions.length;
    const faults = (await get('/simulator/faults')).body;
    // The simulated clock runs with real time: what counts is how far it is ahead of it.
    const clockAheadMs = Date.parse((await get('/simulator/state')).body.now) - Date.now();
    return { history, queueHistory, executions, faults, clockAheadMs, mutatingCalls: await mutatingCalls() };
  }

  const properties = { ...fleetCases, ...guardrailCases, ...otherCases };
  it.each(Object.keys(properties))('%s: 4xx naming the field, nothing sent, nothing stored, audited', async route => {
    const before = await worldState();
    expect(before.mutatingCalls).toEqual({});
    const tally = (counts[route] = { requests: 0, status4xx: 0, status5xx: 0 });

    await fc.assert(
      fc.asyncProperty(properties[route], async ({ path, body, field }) => {
        const firstAudit = audits.length;
        const res = await request(server).post(`/api/platform-ops${path}`).set('Authorization', USER).send(body as object);
        tally.requests += 1;
        if (res.status >= 500) tally.status5xx += 1;
        else if (res.status >= 400) tally.status4xx += 1;
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        const message: string = res.body?.error?.message ?? '';
        expect(message).toContain(field);
        // No stack or file path in any answer.
        expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+|node_modules|\/work\//);
        const events = audits.slice(firstAudit);
        expect(events.length).toBeGreaterThanOrEqual(1);
        expect(events.every(e => e.outcome === 'fail')).toBe(true);
      }),
      // fast-check's failure names the seed and the counterexample; FUZZ_SEED=<seed> replays.
      { seed: SEED, numRuns: RUNS[route], endOnFailure: true },
    );

    // Nothing changed: no AWS change call, no history row, no execution, the simulator as it was.
    const after = await worldState();
    expect({ ...after, clockAheadMs: 0 }).toEqual({ ...before, clockAheadMs: 0 });
    // No clock advance slipped through (the smallest would move it a whole second ahead).
    expect(Math.abs(after.clockAheadMs - before.clockAheadMs)).toBeLessThan(500);
  });
});
