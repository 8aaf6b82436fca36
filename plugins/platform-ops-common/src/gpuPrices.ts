/**
 * The one GPU price table lives in the guardrails package (no dependencies, shared with the
 * CDKTF library and every guardrail); re-exported here so the plugins keep one import.
 */
export { GPU_ON_DEMAND_USD_PER_HOUR, GPU_SPOT_DISCOUNT } from '@platformops/platform-ops-guardrails';
