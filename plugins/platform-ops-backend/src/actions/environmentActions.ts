import { registerAction } from './registerAction';
import { FleetStatus, QueueStatus } from '@platformops/plugin-platform-ops-common';
import { ActionDeps, READ_ONLY } from './types';

/**
 * An environment's health in one word, from what an operator looks at first: fleets short of
 * their desired capacity and messages waiting in a dead-letter queue. `unknown` when AWS
 * could not be read (the reason is in `problems`).
 */
function health(fleets: FleetStatus[], queues: QueueStatus[]): 'healthy' | 'degraded' {
  const shortFleets = fleets.some(f => !f.found || f.inService < f.desiredCapacity);
  const deadLetters = queues.some(q => !q.found || (q.dlqVisible ?? 0) > 0);
  return shortFleets || deadLetters ? 'degraded' : 'healthy';
}

/** The platform's environments with their health (read). */
export function registerEnvironmentActions(deps: ActionDeps) {
  const { actionsRegistry, inventory, fleets, queues } = deps;

  registerAction(actionsRegistry, {
    name: 'list-environments',
    title: 'Environments and their health',
    description:
      'Every platform environment (dev, staging, prod...) with its tier, AWS account and region, owner, and health: degraded when a GPU fleet has fewer instances in service than desired or a dead-letter queue holds messages. Lists the fleets and queues of each with the numbers behind the health.',
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          environments: z.array(z.object({ name: z.string(), health: z.string() }).passthrough()),
          problems: z.array(z.object({}).passthrough()),
        }),
    },
    action: async () => {
      const { environments, problems } = await inventory.getInventory();
      const rows = await Promise.all(
        environments.map(async env => {
          try {
            const [envFleets, envQueues] = await Promise.all([fleets.forEnvironment(env.name), queues.forEnvironment(env.name)]);
            return {
              name: env.name,
              entityRef: env.entityRef,
              tier: env.tier,
              accountId: env.location.accountId,
              region: env.location.region,
              ...(env.owner ? { owner: env.owner } : {}),
              health: health(envFleets, envQueues),
              fleets: envFleets.map(f => ({
                entityRef: f.entityRef,
                desiredCapacity: f.desiredCapacity,
                inService: f.inService,
                pending: f.pending,
              })),
              queues: envQueues.map(q => ({
                entityRef: q.entityRef,
                visible: q.visible,
                inFlight: q.inFlight,
                ...(q.dlqVisible !== undefined ? { dlqVisible: q.dlqVisible } : {}),
              })),
            };
          } catch (error) {
            // One unreadable account must not hide the others: say which and why.
            return {
              name: env.name,
              entityRef: env.entityRef,
              tier: env.tier,
              health: 'unknown',
              error: error instanceof Error ? error.message : String(error),
            };
          }
        }),
      );
      return { output: { environments: rows, problems: problems.map(p => ({ ...p })) } };
    },
  });
}
