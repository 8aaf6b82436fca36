import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import simulatedAws from '@platformops/plugin-platform-ops-backend-module-simulated-aws';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { exampleCatalogEntities } from '../testUtils/exampleCatalog';
import { platformOpsPlugin } from '../plugin';
import { PlanTokens, PLAN_TOKEN_TTL_MS } from './planToken';

jest.setTimeout(90_000);

const OWNER = 'user:default/ana-platform'; // member of platform-team, which owns the fleets
const NON_OWNER = 'user:default/vik-video';
const SECRET = 'test-plan-token-secret-of-at-least-32-chars';
const STAGING_FLEET = 'resource:default/staging-gpu-fleet';
/** The MCP actions backend names tools <pluginId>.<action name> (mcpActions.namespacedToolNames, on by default). */
const toolName = (action: string) => `platform-ops.${action}`;

type ToolResult = { isError?: boolean; content: Array<{ type: string; text?: string }>; structuredContent?: unknown };

/** The tool's answer: its JSON output, or its error text when the call was refused. */
function textOf(result: ToolResult): string {
  return result.content.map(c => c.text ?? '').join('\n');
}

/**
 * A real MCP client (Streamable HTTP) against a backend with the Platform Ops plugin, the
 * simulated AWS account, the MCP actions backend, the example catalog and a permission
 * policy that lets owners change their entities and refuses everybody else.
 */
describe('Platform Ops tools over MCP', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        platformOpsPlugin,
        simulatedAws,
        mcpActionsPlugin,
        mockServices.permissions.mock({
          authorize: async (requests, options) => {
            const principal = options?.credentials.principal as { userEntityRef?: string } | undefined;
            const allowed = principal?.userEntityRef !== NON_OWNER;
            return requests.map(() => ({ result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY }));
          },
        }).factory,
        catalogServiceMock.factory({ entities: exampleCatalogEntities() }),
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['platform-ops'] } },
            platformOps: {
              actions: { planTokenSecret: SECRET },
              aws: { mode: 'simulated', simulation: { backfillHours: 1, seed: 7 } },
              fleet: { cacheSeconds: 0 },
            },
          },
        }),
      ],
    });
    const clients: Client[] = [];
    const connect = async (user: string, authorization = mockCredentials.user.header(user)) => {
      const client = new Client({ name: 'platform-ops-test', version: '1.0.0' });
      const transport = new StreamableHTTPClientTransport(new URL(`http://localhost:${server.port()}/api/mcp-actions/v1`), {
        requestInit: { headers: { Authorization: authorization } },
      });
      await client.connect(transport);
      clients.push(client);
      const call = async (tool: string, args: Record<string, unknown>) =>
        (await client.callTool({ name: toolName(tool), arguments: args })) as ToolResult;
      return { client, call };
    };
    const owner = await connect(OWNER);
    return { server, owner, connect, close: () => Promise.all(clients.map(c => c.close())) };
  }

  it('reads, dry-runs, applies with the plan token and refuses foreign, stale, altered and non-owner applies', async () => {
    const { server, owner, connect, close } = await start();
    try {
      const { tools } = await owner.client.listTools();
      const byName = (name: string) => tools.find(t => t.name === toolName(name));
      for (const read of ['list-environments', 'get-fleet', 'get-queue', 'get-cost-summary', 'list-runbooks', 'get-runbook-execution']) {
        expect(byName(read)?.annotations).toMatchObject({ readOnlyHint: true });
      }
      for (const change of ['scale-fleet', 'set-fleet-spot-share', 'redrive-dlq', 'start-runbook']) {
        expect(byName(change)?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true, idempotentHint: false });
      }

      // Reads.
      const envs = JSON.parse(textOf(await owner.call('list-environments', {})));
      expect(envs.environments.map((e: { name: string }) => e.name)).toEqual(['dev', 'staging', 'prod']);
      expect(envs.environments.every((e: { health: string }) => ['healthy', 'degraded'].includes(e.health))).toBe(true);
      const fleet = JSON.parse(textOf(await owner.call('get-fleet', { entityRef: STAGING_FLEET }))).fleet;
      expect(fleet.name).toBe('staging-gpu-fleet');
      const queue = JSON.parse(textOf(await owner.call('get-queue', { entityRef: 'resource:default/staging-jobs-queue' }))).queue;
      expect(queue).toMatchObject({ name: 'staging-jobs-queue', found: true, dlqVisible: expect.any(Number) });
      const cost = JSON.parse(textOf(await owner.call('get-cost-summary', { environment: 'staging' })));
      expect(Object.keys(cost)).toEqual(['budget', 'anomalies']);
      const runbooks = JSON.parse(textOf(await owner.call('list-runbooks', { entityRef: 'resource:default/staging-postgres' })));
      expect(runbooks.runbooks.length).toBeGreaterThan(0);
      const unknown = await owner.call('get-fleet', { entityRef: 'resource:default/no-such-fleet' });
      expect(unknown.isError).toBe(true);

      // A redrive dry-run: the exact SQS call, and nothing started.
      const redrive = JSON.parse(
        textOf(await owner.call('redrive-dlq', { entityRef: 'resource:default/staging-jobs-queue', reason: 'agent: retry failed jobs' })),
      );
      expect(redrive.plan.map((c: { command: string }) => c.command)).toEqual(['StartMessageMoveTaskCommand']);
      expect(redrive.planToken).toEqual(expect.any(String));

      const target = fleet.desiredCapacity + 1 <= fleet.maxSize ? fleet.desiredCapacity + 1 : fleet.desiredCapacity - 1;

      // Dry-run: the exact AWS call and a token; nothing changes.
      const scale = { entityRef: STAGING_FLEET, desiredCapacity: target, reason: 'agent: backlog is growing' };
      const dry = await owner.call('scale-fleet', scale);
      expect(dry.isError).toBeFalsy();
      const plan = JSON.parse(textOf(dry));
      expect(plan.dryRun).toBe(true);
      expect(plan.plan).toEqual([
        expect.objectContaining({
          command: 'SetDesiredCapacityCommand',
          input: expect.objectContaining({ AutoScalingGroupName: 'staging-gpu-workers', DesiredCapacity: target }),
        }),
      ]);
      expect(plan.planToken).toEqual(expect.any(String));
      expect(JSON.parse(textOf(await owner.call('get-fleet', { entityRef: STAGING_FLEET }))).fleet.desiredCapacity).toBe(
        fleet.desiredCapacity,
      );

      // The same token for another value is refused: it was issued for the dry-run's input.
      const altered = await owner.call('scale-fleet', { ...scale, desiredCapacity: target + 1, planToken: plan.planToken });
      expect(altered.isError).toBe(true);
      expect(textOf(altered)).toMatch(/issued for a different change/);

      // A token someone else dry-ran (signed with the same secret) is refused.
      const foreign = new PlanTokens(Buffer.from(SECRET)).issue('user:default/guest', 'scale-fleet', {
        entityRef: STAGING_FLEET,
        desiredCapacity: target,
      });
      const foreignApply = await owner.call('scale-fleet', { ...scale, planToken: foreign.planToken });
      expect(foreignApply.isError).toBe(true);
      expect(textOf(foreignApply)).toMatch(/issued to user:default\/guest, not to you/);

      // A stale token (issued 11 minutes ago) is refused.
      const stale = new PlanTokens(Buffer.from(SECRET), () => Date.now() - PLAN_TOKEN_TTL_MS - 60_000).issue(
        OWNER,
        'scale-fleet',
        { entityRef: STAGING_FLEET, desiredCapacity: target },
      );
      const staleApply = await owner.call('scale-fleet', { ...scale, planToken: stale.planToken });
      expect(staleApply.isError).toBe(true);
      expect(textOf(staleApply)).toMatch(/planToken expired/);

      // A tampered signature is refused.
      const tampered = await owner.call('scale-fleet', { ...scale, planToken: `${plan.planToken.slice(0, -2)}xx` });
      expect(tampered.isError).toBe(true);
      expect(textOf(tampered)).toMatch(/not one this backend issued/);

      // The non-owner cannot dry-run (so gets no token) nor apply the owner's token.
      const vik = await connect(NON_OWNER);
      const vikDry = await vik.call('scale-fleet', scale);
      expect(vikDry.isError).toBe(true);
      expect(textOf(vikDry)).toMatch(/permission policy refused/);
      const vikApply = await vik.call('scale-fleet', { ...scale, planToken: plan.planToken });
      expect(vikApply.isError).toBe(true);
      expect(textOf(vikApply)).toMatch(/issued to user:default\/ana-platform, not to you/);

      // Nothing of the above changed the fleet.
      expect(JSON.parse(textOf(await owner.call('get-fleet', { entityRef: STAGING_FLEET }))).fleet.desiredCapacity).toBe(
        fleet.desiredCapacity,
      );

      // Apply with the owner's token: the change is made and recorded.
      const applied = await owner.call('scale-fleet', { ...scale, planToken: plan.planToken });
      expect(applied.isError).toBeFalsy();
      const outcome = JSON.parse(textOf(applied));
      expect(outcome).toMatchObject({ dryRun: false, status: 'succeeded', replayed: false });
      expect(JSON.parse(textOf(await owner.call('get-fleet', { entityRef: STAGING_FLEET }))).fleet.desiredCapacity).toBe(target);

      const history = await request(server)
        .get(`/api/platform-ops/fleets/history?entityRef=${encodeURIComponent(STAGING_FLEET)}&kind=all`)
        .set('Authorization', mockCredentials.user.header(OWNER));
      expect(history.status).toBe(200);
      const rows = history.body.items.filter((r: { action: string }) => r.action === 'fleet-set-desired-capacity');
      expect(rows.map((r: { dryRun: boolean; status: string; actor: string; reason: string }) => [r.dryRun, r.status, r.actor, r.reason])).toEqual([
        [false, 'succeeded', OWNER, 'agent: backlog is growing'],
        [true, 'dry-run', OWNER, 'agent: backlog is growing'],
      ]);
      expect(rows[0].id).toBe(outcome.mutationId);
      expect(rows[0].changes).toEqual([{ field: 'desiredCapacity', before: fleet.desiredCapacity, after: target }]);
    } finally {
      await close();
    }
  });

  it('lets a service token read but not change, and starts a drill runbook with its token', async () => {
    const { owner, connect, close } = await start();
    try {
      const service = await connect('', mockCredentials.service.header());
      const read = await service.call('get-fleet', { entityRef: STAGING_FLEET });
      expect(read.isError).toBeFalsy();
      const change = await service.call('scale-fleet', { entityRef: STAGING_FLEET, desiredCapacity: 1, reason: 'service try' });
      expect(change.isError).toBe(true);
      expect(textOf(change)).toMatch(/made for a signed-in user/);

      const drill = { runbookId: 'rds-multi-az-failover', entityRef: 'resource:default/staging-postgres', mode: 'drill', reason: 'agent: DR drill' };
      const dry = JSON.parse(textOf(await owner.call('start-runbook', drill)));
      expect(dry).toMatchObject({ dryRun: true, runbookId: 'rds-multi-az-failover', planToken: expect.any(String) });
      expect(dry.plan.length).toBeGreaterThan(0);
      const started = JSON.parse(textOf(await owner.call('start-runbook', { ...drill, planToken: dry.planToken })));
      expect(started).toMatchObject({ dryRun: false, replayed: false, execution: { runbookId: 'rds-multi-az-failover' } });
      const progress = JSON.parse(textOf(await owner.call('get-runbook-execution', { executionId: started.execution.id })));
      expect(progress.execution).toMatchObject({ id: started.execution.id, actor: OWNER, reason: 'agent: DR drill' });
    } finally {
      await close();
    }
  });

  it('asks for the typed environment name before applying a production change', async () => {
    const { owner, close } = await start();
    try {
      const prod = 'resource:default/prod-gpu-fleet';
      const fleet = JSON.parse(textOf(await owner.call('get-fleet', { entityRef: prod }))).fleet;
      const scale = { entityRef: prod, desiredCapacity: Math.min(fleet.maxSize, fleet.desiredCapacity + 1), reason: 'agent: scale out prod' };
      const plan = JSON.parse(textOf(await owner.call('scale-fleet', scale)));
      expect(plan.confirmationRequired).toBe('prod');
      const unconfirmed = await owner.call('scale-fleet', { ...scale, planToken: plan.planToken });
      expect(unconfirmed.isError).toBe(true);
      expect(textOf(unconfirmed)).toMatch(/prod is a production environment: pass confirm: "prod"/);
      expect(JSON.parse(textOf(await owner.call('get-fleet', { entityRef: prod }))).fleet.desiredCapacity).toBe(fleet.desiredCapacity);
      const confirmed = JSON.parse(textOf(await owner.call('scale-fleet', { ...scale, planToken: plan.planToken, confirm: 'prod' })));
      expect(confirmed).toMatchObject({ dryRun: false, status: 'succeeded' });
    } finally {
      await close();
    }
  });
});
