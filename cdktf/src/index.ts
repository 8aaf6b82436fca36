/**
 * Platform Ops environments as code: a typed spec with tier presets, CDKTF constructs for
 * the seeds' AWS platform, in-process synthesis, policy checks and a monthly cost estimate.
 *
 * @packageDocumentation
 */
export * from './spec/schema';
export * from './spec/tiers';
export * from './spec/regions';
export * from './spec/naming';
export { validateSpec, parseSpec, InvalidSpecError } from './spec/validate';
export type { SpecProblem, SpecValidation } from './spec/validate';
export { resolveSpec } from './spec/resolve';
export type {
  ResolvedSpec,
  ResolvedEnvironment,
  ResolvedGpuPoolStack,
  ResolvedQueueStack,
} from './spec/resolve';
export { synthesize } from './synth/synthesize';
export type { SynthesizeOptions } from './synth/synthesize';
export { CdktfGenerator } from './synth/cdktf-generator';
export type { SynthResult, TerraformGenerator, TerraformJson } from './synth/types';
export { checkPolicy, formatPolicyReport } from './policy/check-policy';
export { POLICY_RULES } from './policy/rules';
export type { PolicyRule } from './policy/rules';
export type { PolicyFinding, PolicyReport, PolicyOptions, Severity } from './policy/types';
export { estimateMonthlyCost, formatCostEstimate } from './cost/estimate';
export { PRICES, HOURS_PER_MONTH, SPOT_DISCOUNT } from './cost/price-table';
export type { CostEstimate, CostLineItem, CostOptions } from './cost/types';
export type { TerraformInput } from './terraform/model';
export { DLQ_TAG } from './constructs/queue';
export { DRAINS_QUEUE_TAG } from './constructs/gpu-fleet';
export { runCli } from './cli/main';
export type { CliIo } from './cli/main';
