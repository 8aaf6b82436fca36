import {
  DescribeServicesCommand,
  ECSClient,
  ListTaskDefinitionsCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  ChangeResourceRecordSetsCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { TestDatabases } from '@backstage/backend-test-utils';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { Request } from 'express';
import { Knex } from 'knex';
import {
  OWNER,
  TestClock,
  makeEngine,
  makeService,
  migrated,
  realGateway,
  userCredentials,
} from '../__testUtils__/harness';
import { USE1_ALB, USW2_ALB, fakeFailoverZone, prodFailoverPair } from '../__testUtils__/fakeRoute53';
import { runRunbook } from '../__testUtils__/runRunbook';

jest.setTimeout(60_000);

/*
 * DR steps against AWS's documented behaviour: run twice, after an earlier failover, or
 * against list APIs that page and do not sort as asked, they reach their end state and never
 * reverse it.
 */

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const route53 = mockClient(Route53Client);
const ecs = mockClient(ECSClient);

let knex: Knex;
beforeEach(async () => {
  knex = await migrated(await databases.init('SQLITE_3'));
  route53.reset();
  ecs.reset();
});

/** A live run (confirmed for prod) under an idempotency key, to its end: the execution view. */
async function run(runbookId: string, entityRef: string, idempotencyKey: string) {
  const { view } = await runRunbook({ knex, runbookId, entityRef, mode: 'live', confirm: 'prod', idempotencyKey, leaseMs: 60_000, maxTicks: 50 });
  return view;
}

describe('Route 53 failover and failback converge', () => {
  const PROD = 'resource:default/prod';

  it('failover run twice in a row: one change, traffic stays on the DR endpoint, the second run says so', async () => {
    const zone = fakeFailoverZone(route53);
    const first = await run('route53-failover', PROD, 'r53-failover-0001');
    expect(first.status).toBe('succeeded');
    expect(zone.primary()).toEqual({ dnsName: USW2_ALB, healthCheckId: 'hc-usw2' });

    const second = await run('route53-failover', PROD, 'r53-failover-0002');
    expect(second.status).toBe('succeeded');
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 1);
    expect(zone.primary()).toEqual({ dnsName: USW2_ALB, healthCheckId: 'hc-usw2' });
    expect(second.steps.find(s => s.stepId === 'flip-records')!.output).toEqual({
      alreadyDone: 'traffic is already served by the us-west-2 endpoint dualstack.prod-alb-5678.us-west-2.elb.amazonaws.com (PRIMARY record)',
    });
    expect(second.steps.find(s => s.stepId === 'wait-insync')!.output).toEqual({ detail: 'nothing to wait for' });
    // The plan of the second run already said there was nothing to change.
    expect(second.plan[0].calls.map(c => c.command)).toEqual(['ListResourceRecordSetsCommand']);
  });

  it('a run planned before someone else failed over re-reads the records and does not move traffic back', async () => {
    const zone = fakeFailoverZone(route53);
    const clock = new TestClock();
    const gateway = realGateway();
    const { service } = makeService({ knex, gateway, clock });
    const started = await service.start({ runbookId: 'route53-failover', entityRef: PROD, mode: 'live', confirm: 'prod', envelope: { reason: 'r', dryRun: false }, credentials: userCredentials(OWNER), auditOrigin: {} as Request });
    if (started.dryRun) throw new Error('expected a start');
    // Planned while on us-east-1: the plan shows a change...
    expect(started.execution.plan[0].calls.map(c => c.command)).toEqual(['ListResourceRecordSetsCommand', 'ChangeResourceRecordSetsCommand']);
    // ...then another run (or a person) moves traffic to DR, with the records in the other order.
    const [p, s] = prodFailoverPair();
    zone.set([
      { ...p, AliasTarget: s.AliasTarget, HealthCheckId: s.HealthCheckId },
      { ...s, AliasTarget: p.AliasTarget, HealthCheckId: p.HealthCheckId },
    ]);
    const engine = makeEngine({ knex, gateway, clock, ownerId: 'replica-a' });
    await engine.tick();
    const view = await service.view(started.execution.id);
    expect(view.status).toBe('succeeded');
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
    expect(zone.primary()).toEqual({ dnsName: USW2_ALB, healthCheckId: 'hc-usw2' });
  });

  it('failback after a failover: PRIMARY back to us-east-1 with the us-east-1 health check; twice = once', async () => {
    const zone = fakeFailoverZone(route53);
    await run('route53-failover', PROD, 'r53-failover-0003');
    const back = await run('route53-failback', PROD, 'r53-failback-0001');
    expect(back.status).toBe('succeeded');
    expect(zone.primary()).toEqual({ dnsName: USE1_ALB, healthCheckId: 'hc-use1' });
    // Preflight looked at the health of the endpoint traffic goes to: us-east-1's check.
    expect(route53).toHaveReceivedCommandWith(GetHealthCheckStatusCommand, { HealthCheckId: 'hc-use1' });
    const again = await run('route53-failback', PROD, 'r53-failback-0002');
    expect(again.steps[0].output?.alreadyDone).toMatch(/^traffic is already served by the us-east-1 endpoint/);
    expect(route53).toHaveReceivedCommandTimes(ChangeResourceRecordSetsCommand, 2);
  });

  it('records that contradict the catalog (both endpoints in us-east-1): refused with what was found, nothing changed', async () => {
    const [p, s] = prodFailoverPair();
    fakeFailoverZone(route53, [p, { ...s, AliasTarget: { ...s.AliasTarget!, DNSName: 'dualstack.other-alb-1.us-east-1.elb.amazonaws.com.' } }]);
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const preview = await service.preview('route53-failover', PROD, 'live');
    expect(preview.preflight[0]).toEqual({
      id: 'failover-pair',
      title: 'Failover records match the catalog (one endpoint in each region)',
      status: 'fail',
      detail:
        'The failover records of api.video.example.com contradict the catalog, which says prod runs in us-east-1 with DR in us-west-2: PRIMARY -> dualstack.prod-alb-1234.us-east-1.elb.amazonaws.com (us-east-1), SECONDARY -> dualstack.other-alb-1.us-east-1.elb.amazonaws.com (us-east-1). Fix the records (or the catalog) before moving traffic; nothing was changed.',
    });
    await expect(
      service.start({ runbookId: 'route53-failover', entityRef: PROD, mode: 'live', confirm: 'prod', envelope: { reason: 'r', dryRun: false }, credentials: userCredentials(OWNER), auditOrigin: {} as Request }),
    ).rejects.toThrow('Preflight failed, nothing was started');
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });

  it('Route 53 refusing the read (AccessDenied): preflight fails and says so, nothing is sent', async () => {
    route53.on(ListResourceRecordSetsCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: route53:ListResourceRecordSets'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 }, $fault: 'client' }),
    );
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const preview = await service.preview('route53-failover', PROD, 'live');
    expect(preview.preflight[0]).toMatchObject({ id: 'failover-pair', status: 'fail' });
    expect(preview.preflight[0].detail).toContain('route53:ListResourceRecordSets');
    expect(route53).not.toHaveReceivedCommand(ChangeResourceRecordSetsCommand);
  });
});

describe('ECS rollback reads every page and orders revisions itself', () => {
  const arn = (r: number) => `arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:${r}`;

  /**
   * ListTaskDefinitions as AWS documents it (ASC by family then revision unless sort=DESC,
   * nextToken while more remain), with a page size of 10 whatever maxResults says, like some
   * emulators; `ignoreSort` returns a fixed shuffled order whatever `sort` asks.
   */
  function taskDefinitions(revisions: number[], options: { ignoreSort?: boolean; running: number }) {
    let running = arn(options.running);
    const shuffled = [...revisions].sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31));
    ecs.on(ListTaskDefinitionsCommand).callsFake((input: { familyPrefix?: string; sort?: string; nextToken?: string }) => {
      let ordered = options.ignoreSort ? shuffled : [...revisions].sort((a, b) => a - b);
      if (!options.ignoreSort && input.sort === 'DESC') ordered = [...ordered].reverse();
      const start = input.nextToken ? Number(input.nextToken) : 0;
      const page = ordered.slice(start, start + 10);
      return { taskDefinitionArns: page.map(arn), ...(start + 10 < ordered.length ? { nextToken: String(start + 10) } : {}) };
    });
    ecs.on(DescribeServicesCommand).callsFake(() => ({ services: [{ serviceName: 'video-api', taskDefinition: running, runningCount: 2, desiredCount: 2, deployments: [{ status: 'PRIMARY' }] }] }));
    ecs.on(UpdateServiceCommand).callsFake((input: { taskDefinition: string }) => {
      running = input.taskDefinition;
      return { service: { taskDefinition: running } };
    });
  }
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('25 revisions in pages of 10 (AWS order), 13 failed deploys registered after the running :12 -> rolls back to :11', async () => {
    taskDefinitions(range(1, 25), { running: 12 });
    const view = await run('ecs-rollback', 'component:default/video-api', 'ecs-rollback-0001');
    expect(view.status).toBe('succeeded');
    expect(ecs).toHaveReceivedCommandTimes(UpdateServiceCommand, 1);
    expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, { cluster: 'prod-cluster', service: 'prod-api', taskDefinition: arn(11), forceNewDeployment: true });
    // Every page, with the token of the one before, family and status constant.
    const lists = ecs.commandCalls(ListTaskDefinitionsCommand).map(c => c.args[0].input);
    expect(lists.slice(0, 3)).toEqual([
      { familyPrefix: 'video-api', status: 'ACTIVE', maxResults: 100 },
      { familyPrefix: 'video-api', status: 'ACTIVE', maxResults: 100, nextToken: '10' },
      { familyPrefix: 'video-api', status: 'ACTIVE', maxResults: 100, nextToken: '20' },
    ]);
  });

  it('more than a page of newer revisions than the running :5 -> still finds :4 (the old code said "only revision")', async () => {
    taskDefinitions(range(1, 25), { running: 5 });
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const preview = await service.preview('ecs-rollback', 'component:default/video-api', 'live');
    expect(preview.preflight[0]).toMatchObject({ status: 'pass', detail: `current ${arn(5)}, rollback to ${arn(4)}` });
  });

  it('an emulator that ignores sort: running :3 rolls back to :2, never :1', async () => {
    taskDefinitions(range(1, 25), { running: 3, ignoreSort: true });
    const view = await run('ecs-rollback', 'component:default/video-api', 'ecs-rollback-0002');
    expect(view.status).toBe('succeeded');
    expect(ecs).toHaveReceivedCommandWith(UpdateServiceCommand, { taskDefinition: arn(2) });
    expect(ecs).not.toHaveReceivedCommandWith(UpdateServiceCommand, { taskDefinition: arn(1) });
  });

  it('another family sharing the prefix is never picked', async () => {
    taskDefinitions([1, 2, 3], { running: 3 });
    ecs.on(ListTaskDefinitionsCommand).resolves({ taskDefinitionArns: [arn(1), 'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api-canary:2', arn(3)] });
    const { service } = makeService({ knex, gateway: realGateway(), clock: new TestClock() });
    const preview = await service.preview('ecs-rollback', 'component:default/video-api', 'live');
    expect(preview.preflight[0].detail).toBe(`current ${arn(3)}, rollback to ${arn(1)}`);
  });
});
