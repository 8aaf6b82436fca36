import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkPolicy, formatPolicyReport, synthesize } from '@platformops/cdktf-platform';
import { isSpecValue, NOT_JSON_MESSAGE, SpecValue, specFromInput } from './spec-input';
import { readStacks } from './workspace';

export const CHECK_ACTION_ID = 'platform-ops:environment:check';

/**
 * The fleet limits app-config raises per environment (platformOps.guardrails.environments,
 * the keys the backend reads too), so a template is judged by the limits its fleet changes
 * will later be judged by.
 */
function fleetLimitsFrom(config?: Config): Record<string, { maxGpuInstances?: number; maxHourlyUsd?: number }> {
  const environments = config?.getOptionalConfig('platformOps.guardrails.environments');
  if (!environments) return {};
  return Object.fromEntries(
    environments.keys().map(name => {
      const env = environments.getConfig(name);
      return [name, { maxGpuInstances: env.getOptionalNumber('maxGpuInstances'), maxHourlyUsd: env.getOptionalNumber('maxHourlyUsd') }];
    }),
  );
}

/** Runs the policy checks over the synthesized Terraform (from the workspace, or from a spec). */
export function createCheckAction(options: { config?: Config } = {}) {
  const fleetLimits = fleetLimitsFrom(options.config);
  return createTemplateAction({
    id: CHECK_ACTION_ID,
    description: 'Checks synthesized Terraform against the Platform Ops security policy',
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z => z.string().default('terraform').describe('Workspace directory holding <stack>/cdk.tf.json'),
        spec: z =>
          z
            .record(z.custom<SpecValue | undefined>(isSpecValue, { message: NOT_JSON_MESSAGE }))
            .optional()
            .describe('Synthesize this spec in memory instead of reading the workspace'),
        failOn: z =>
          z
            .enum(['critical', 'high', 'medium', 'low', 'never'])
            .default('high')
            .describe('Lowest severity that fails the step'),
      },
      output: {
        passed: z => z.boolean(),
        findings: z =>
          z.array(
            z.object({ rule: z.string(), severity: z.string(), stack: z.string(), resource: z.string(), message: z.string() }),
          ),
        counts: z => z.record(z.number()),
        summary: z => z.string().describe('Markdown report for the result page'),
      },
    },
    async handler(ctx) {
      const stacks = ctx.input.spec
        ? synthesize(specFromInput(ctx.input.spec)).stacks
        : await readStacks(ctx.workspacePath, ctx.input.targetPath);
      const failOn = ctx.input.failOn === 'never' ? undefined : ctx.input.failOn;
      const report = checkPolicy({ stacks }, { failOn: failOn ?? 'low', fleetLimits });
      const summary = formatPolicyReport(report);
      ctx.output('passed', report.passed);
      ctx.output('findings', report.findings);
      ctx.output('counts', report.counts);
      ctx.output('summary', summary);
      ctx.logger.info(summary);
      if (failOn && !report.passed) {
        throw new InputError(`Policy check failed:\n${summary}`);
      }
    },
  });
}
