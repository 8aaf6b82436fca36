/**
 * The one guardrail policy of Platform Ops: the GPU price table, the per-tier fleet limits
 * and pure functions judging a proposed capacity and cost against them. No dependencies, so
 * the frontend, the backend and the CDKTF library can all share it.
 *
 * @packageDocumentation
 */
export * from './prices';
export * from './limits';
export * from './capacity';
