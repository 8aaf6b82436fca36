/**
 * The GPU worker prices of the platforms (seed 004: us-east-1 on-demand $/hour) and the spot
 * saving the seed plans with. One table for the fleet view's $/hour, the cost view's spot
 * savings, the simulated account's bill, the CDKTF cost estimate and every guardrail, so
 * they cannot disagree. Plain data: this package has no dependencies at all, so browsers,
 * backends and the CDKTF library all take it without dragging anything else in.
 *
 * @public
 */
export const GPU_ON_DEMAND_USD_PER_HOUR: Readonly<Record<string, number>> = {
  'g4dn.xlarge': 0.526,
  'g4dn.2xlarge': 0.752,
  'g5.xlarge': 1.006,
  'g5.2xlarge': 1.212,
};

/** Spot price = on-demand x (1 - discount). Seed 004: "Savings: ~70% on GPU costs". @public */
export const GPU_SPOT_DISCOUNT = 0.7;

/**
 * The price of a type the table does not know: the dearest one, so a guardrail errs on the
 * side of refusing rather than of letting an unpriced type through. @public
 */
export const UNKNOWN_GPU_TYPE_USD_PER_HOUR = Math.max(...Object.values(GPU_ON_DEMAND_USD_PER_HOUR));

/** $ rounded to a tenth of a cent (what the fleet card and the guardrail messages show). @public */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1000) / 1000;
}

/** On-demand or spot $/hour of one instance of a type (unknown types at the dearest price). @public */
export function unitHourlyUsd(instanceType: string, lifecycle: 'on-demand' | 'spot'): number {
  const onDemand = GPU_ON_DEMAND_USD_PER_HOUR[instanceType] ?? UNKNOWN_GPU_TYPE_USD_PER_HOUR;
  return roundUsd(lifecycle === 'spot' ? onDemand * (1 - GPU_SPOT_DISCOUNT) : onDemand);
}

/**
 * The dearest on-demand $/hour among the types a fleet may launch: the worst case of a
 * mixed-instances fleet, whose spot capacity can vanish and whose allocation strategy may
 * pick any of its types. No types known: the dearest of the table. @public
 */
export function worstCaseUnitUsd(instanceTypes: readonly string[]): number {
  if (instanceTypes.length === 0) return UNKNOWN_GPU_TYPE_USD_PER_HOUR;
  return Math.max(...instanceTypes.map(t => unitHourlyUsd(t, 'on-demand')));
}

/** $/hour of `capacity` instances at the worst case: all on-demand, all of the dearest type. @public */
export function worstCaseHourlyUsd(capacity: number, instanceTypes: readonly string[]): number {
  return roundUsd(capacity * worstCaseUnitUsd(instanceTypes));
}
