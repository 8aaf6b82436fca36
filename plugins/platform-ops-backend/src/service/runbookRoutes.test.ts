import {
  DescribeDBInstancesCommand,
  PromoteReadReplicaCommand,
  RDSClient,
  RebootDBInstanceCommand,
} from '@aws-sdk/client-rds';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import request from 'supertest';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { platformOpsPlugin } from '../plugin';
import {
  NON_OWNER,
  OWNER,
  SECOND_OWNER,
  awsModeConfig,
  ownersOnlyPermissions,
} from '../runbooks/__testUtils__/harness';

jest.setTimeout(60_000);

const rds = mockClient(RDSClient);
const cloudWatch = mockClient(CloudWatchClient);
const DB = 'resource:default/prod-postgres';
const as = (user: string) => mockCredentials.user.header(user);

function healthyPrimary() {
  rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'prod-postgres' }).resolves({
    DBInstances: [{ DBInstanceIdentifier: 'prod-postgres', MultiAZ: true, DBInstanceStatus: 'available', AvailabilityZone: 'us-east-1a', SecondaryAvailabilityZone: 'us-east-1b' }],
  });
  rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'prod-postgres-dr' }).resolves({
    DBInstances: [{ DBInstanceIdentifier: 'prod-postgres-dr', DBInstanceStatus: 'available', ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres' }],
  });
  rds.on(RebootDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'rebooting' } });
  cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'lag', Values: [42], Timestamps: [new Date()] }] });
}

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      platformOpsPlugin,
      ownersOnlyPermissions().factory,
      catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
      mockServices.rootConfig.factory({
        data: {
          ...awsModeConfig,
          // The worker loop is driven by engine tests; here only the API is under test.
          platformOps: { ...awsModeConfig.platformOps, runbooks: { worker: false } },
        },
      }),
    ],
  });
  return server;
}

const start = (server: Awaited<ReturnType<typeof startBackend>>, user: string, body: object, runbook = 'rds-multi-az-failover') =>
  request(server).post(`/api/platform-ops/runbooks/${runbook}/executions`).set('Authorization', as(user)).send(body);

const validStart = { entityRef: DB, reason: 'AZ us-east-1a impaired', confirm: 'prod' };

describe('runbook routes', () => {
  beforeEach(() => {
    rds.reset();
    cloudWatch.reset();
    healthyPrimary();
  });

  it('lists the runbooks that apply to an entity and the confirmation its environment needs', async () => {
    const server = await startBackend();
    const res = await request(server)
      .get('/api/platform-ops/runbooks/for-entity')
      .query({ entityRef: DB })
      .set('Authorization', as(NON_OWNER));
    expect(res.status).toBe(200);
    expect(res.body.runbooks.map((r: { id: string }) => r.id)).toEqual(['rds-multi-az-failover', 'promote-read-replica']);
    expect(res.body.confirmationRequired).toBe('prod');

    const env = await request(server)
      .get('/api/platform-ops/runbooks/for-entity')
      .query({ entityRef: 'resource:default/prod' })
      .set('Authorization', as(OWNER));
    expect(env.body.runbooks.map((r: { id: string }) => r.id)).toEqual(['route53-failover', 'route53-failback', 'region-failover', 'region-failback']);
  });

  it('dry-run returns preflight and the exact commands with region and plane, and sends nothing that changes AWS', async () => {
    const server = await startBackend();
    const res = await start(server, OWNER, { entityRef: DB, reason: 'rehearsal', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.dryRun).toBe(true);
    expect(res.body.preflight).toEqual([
      expect.objectContaining({ id: 'multi-az', status: 'pass', detail: 'MultiAZ true, status available, primary in us-east-1a, standby in us-east-1b' }),
    ]);
    expect(res.body.plan[0]).toEqual({
      stepId: 'force-failover',
      title: 'Reboot prod-postgres with forced failover',
      kind: 'aws-action',
      dependsOn: [],
      detail: expect.stringContaining('Not idempotent'),
      calls: [
        {
          service: expect.any(String),
          command: 'RebootDBInstanceCommand',
          input: { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true },
          accountId: '410987654321',
          region: 'us-east-1',
          plane: 'control',
        },
      ],
    });
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
    const list = await request(server).get('/api/platform-ops/runbooks/executions').set('Authorization', as(OWNER));
    expect(list.body.executions).toEqual([]);
  });

  it('refuses a non-owner with 403 before any AWS call', async () => {
    const server = await startBackend();
    const res = await start(server, NON_OWNER, validStart);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('platform-ops.runbook.execute');
    expect(rds.calls()).toHaveLength(0);
  });

  it('refuses a production start without the typed confirmation (400) and starts nothing', async () => {
    const server = await startBackend();
    const missing = await start(server, OWNER, { entityRef: DB, reason: 'AZ impaired' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('type its name "prod" in confirm');
    const wrong = await start(server, OWNER, { ...validStart, confirm: 'staging' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('(got "staging")');
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
    const list = await request(server).get('/api/platform-ops/runbooks/executions').set('Authorization', as(OWNER));
    expect(list.body.executions).toEqual([]);
  });

  it.each([
    [{ ...validStart, reason: undefined }, 'reason is required'],
    [{ ...validStart, entityRef: 'prod-postgres' }, 'entityRef must look like'],
    [{ ...validStart, mode: 'chaos' }, 'mode'],
    [{ ...validStart, idempotencyKey: 'short' }, 'idempotencyKey must be 8-128 characters'],
  ])('rejects bad input %j with a 400 naming the problem', async (body, message) => {
    const server = await startBackend();
    const res = await start(server, OWNER, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    expect(rds.calls()).toHaveLength(0);
  });

  it('404 for an unknown runbook, 400 for one that does not apply to the entity', async () => {
    const server = await startBackend();
    expect((await start(server, OWNER, validStart, 'reboot-everything')).status).toBe(404);
    const res = await start(server, OWNER, { ...validStart, entityRef: 'resource:default/prod-jobs-queue' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Runbook rds-multi-az-failover does not apply to resource:default/prod-jobs-queue');
  });

  it('a failed preflight (Multi-AZ off) is a 409 and nothing is started', async () => {
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'prod-postgres' }).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'prod-postgres', MultiAZ: false, DBInstanceStatus: 'available', AvailabilityZone: 'us-east-1a' }],
    });
    const server = await startBackend();
    const res = await start(server, OWNER, validStart);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('Preflight failed, nothing was started: Multi-AZ is on and the instance is available: MultiAZ false');
    expect(rds).not.toHaveReceivedCommand(RebootDBInstanceCommand);
  });

  it('AWS refusing the preflight read (AccessDenied) shows in the check and blocks the start', async () => {
    rds.on(DescribeDBInstancesCommand).rejects(
      Object.assign(new Error('User: arn:aws:sts::410987654321:assumed-role/backstage is not authorized to perform: rds:DescribeDBInstances'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
        $fault: 'client',
      }),
    );
    const server = await startBackend();
    const preview = await request(server)
      .post('/api/platform-ops/runbooks/rds-multi-az-failover/preview')
      .set('Authorization', as(OWNER))
      .send({ entityRef: DB });
    expect(preview.status).toBe(200);
    expect(preview.body.preflight[0].status).toBe('fail');
    expect(preview.body.preflight[0].detail).toMatch(/^Could not check: .*DescribeDBInstances/);
    const res = await start(server, OWNER, validStart);
    expect(res.status).toBe(409);
  });

  it('two concurrent starts with the same key make one execution', async () => {
    const server = await startBackend();
    const body = { ...validStart, idempotencyKey: 'failover-2026-11-20-0300' };
    const [a, b] = await Promise.all([start(server, OWNER, body), start(server, OWNER, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.execution.id).toBe(b.body.execution.id);
    const list = await request(server).get('/api/platform-ops/runbooks/executions').query({ entityRef: DB }).set('Authorization', as(OWNER));
    expect(list.body.executions).toHaveLength(1);
    expect(list.body.executions[0]).toMatchObject({ runbookId: 'rds-multi-az-failover', status: 'queued', actor: OWNER });
    // One execution's view carries its takeovers (none yet: no replica has run it).
    const one = await request(server).get(`/api/platform-ops/runbooks/executions/${a.body.execution.id}`).set('Authorization', as(OWNER));
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: a.body.execution.id, steps: expect.any(Array), logs: expect.any(Array), takeovers: [] });
  });

  it('two concurrent starts with different keys on one target: one execution, the other 409', async () => {
    const server = await startBackend();
    const [a, b] = await Promise.all([
      start(server, OWNER, { ...validStart, idempotencyKey: 'failover-request-aaaa' }),
      start(server, SECOND_OWNER, { ...validStart, idempotencyKey: 'failover-request-bbbb' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.message).toContain('already has an active runbook execution');
    const list = await request(server).get('/api/platform-ops/runbooks/executions').query({ entityRef: DB }).set('Authorization', as(OWNER));
    expect(list.body.executions).toHaveLength(1);
  });

  it('an approval step needs a second person with the approve permission', async () => {
    const server = await startBackend();
    const started = await start(server, OWNER, { ...validStart, entityRef: DB }, 'promote-read-replica');
    expect(started.status).toBe(201);
    const id = started.body.execution.id;
    expect(started.body.execution.steps.map((s: { stepId: string }) => s.stepId)).toEqual(['approve', 'promote', 'wait-promoted', 'point-app']);
    // No worker here: put the step where the engine would, waiting for an approval.
    const approve = (user: string) =>
      request(server)
        .post(`/api/platform-ops/runbooks/executions/${id}/steps/approve/approve`)
        .set('Authorization', as(user))
        .send({ reason: 'checked replica lag with the DBA' });

    const notWaiting = await approve(SECOND_OWNER);
    expect(notWaiting.status).toBe(409);
    expect(notWaiting.body.error.message).toContain('is not waiting for an approval (it is pending)');
    expect((await approve(NON_OWNER)).status).toBe(403);
    const self = await approve(OWNER);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('cannot approve it: a second person must approve');
    expect(rds).not.toHaveReceivedCommand(PromoteReadReplicaCommand);
  });

  it('cancel needs the execute permission and a reason', async () => {
    const server = await startBackend();
    const started = await start(server, OWNER, validStart);
    const id = started.body.execution.id;
    const cancel = (user: string, body: object) =>
      request(server).post(`/api/platform-ops/runbooks/executions/${id}/cancel`).set('Authorization', as(user)).send(body);
    expect((await cancel(NON_OWNER, { reason: 'not mine' })).status).toBe(403);
    expect((await cancel(OWNER, {})).status).toBe(400);
    const ok = await cancel(OWNER, { reason: 'wrong database' });
    expect(ok.status).toBe(200);
    expect(ok.body.cancelRequested).toBe(true);
  });
});
