import { registerAction } from './registerAction';
import { entityRefSchema, environmentNameSchema } from '@platformops/plugin-platform-ops-common';
import { toJson } from './toJson';
import { ActionDeps, READ_ONLY } from './types';

/** Month-to-date spend against budget, forecast and anomalies (read). */
export function registerCostActions(deps: ActionDeps) {
  const { actionsRegistry, costs } = deps;

  registerAction(actionsRegistry, {
    name: 'get-cost-summary',
    title: 'Cost summary: budget and anomalies',
    description:
      'Month-to-date spend against the budget with the forecast, and the cost anomalies, for the whole platform or one environment (environment: its name) or one system/resource (entityRef). Each part says what could not be read instead of failing.',
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          environment: environmentNameSchema.optional().describe('Environment name, e.g. staging'),
          entityRef: entityRefSchema.optional().describe('Catalog ref of a system or resource'),
        }),
      output: z => z.object({ budget: z.object({}).passthrough(), anomalies: z.object({}).passthrough() }),
    },
    action: async ({ input }) => {
      const [budget, anomalies] = await Promise.all([costs.budget(input), costs.anomalies(input)]);
      return { output: { budget: toJson(budget), anomalies: toJson(anomalies) } };
    },
  });
}
