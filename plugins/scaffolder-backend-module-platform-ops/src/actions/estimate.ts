import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { estimateMonthlyCost, formatCostEstimate, synthesize } from '@platformops/cdktf-platform';
import { isSpecValue, NOT_JSON_MESSAGE, SpecValue, specFromInput } from './spec-input';
import { readStacks } from './workspace';

export const ESTIMATE_ACTION_ID = 'platform-ops:environment:estimate';

/** Estimates the monthly cost of the synthesized Terraform from the bundled price table. */
export function createEstimateAction() {
  return createTemplateAction({
    id: ESTIMATE_ACTION_ID,
    description: 'Estimates the monthly AWS cost of synthesized Terraform, with its assumptions',
    supportsDryRun: true,
    schema: {
      input: {
        targetPath: z => z.string().default('terraform').describe('Workspace directory holding <stack>/cdk.tf.json'),
        spec: z =>
          z
            .record(z.custom<SpecValue | undefined>(isSpecValue, { message: NOT_JSON_MESSAGE }))
            .optional()
            .describe('Synthesize this spec in memory instead of reading the workspace'),
        storageGb: z => z.number().positive().optional().describe('GB stored in the assets bucket (default: tier assumption)'),
        cdnEgressGb: z => z.number().positive().optional().describe('GB/month served by CloudFront (default: tier assumption)'),
      },
      output: {
        totalMonthlyUsd: z => z.number(),
        totalAtMaxGpuUsd: z => z.number(),
        byService: z => z.array(z.object({ service: z.string(), monthlyUsd: z.number() })),
        assumptions: z => z.array(z.string()),
        summary: z => z.string().describe('Markdown table for the result page'),
      },
    },
    async handler(ctx) {
      const stacks = ctx.input.spec
        ? synthesize(specFromInput(ctx.input.spec)).stacks
        : await readStacks(ctx.workspacePath, ctx.input.targetPath);
      const estimate = estimateMonthlyCost(
        { stacks },
        { storageGb: ctx.input.storageGb, cdnEgressGb: ctx.input.cdnEgressGb },
      );
      ctx.output('totalMonthlyUsd', estimate.totalMonthlyUsd);
      ctx.output('totalAtMaxGpuUsd', estimate.totalAtMaxGpuUsd);
      ctx.output('byService', estimate.byService);
      ctx.output('assumptions', estimate.assumptions);
      ctx.output('summary', formatCostEstimate(estimate));
    },
  });
}
