/**
 * The GPU worker prices of the platforms (seed 004: us-east-1 on-demand $/hour) and the spot
 * saving the seed plans with. One table for the fleet view's $/hour, the cost view's spot
 * savings, the simulated account's bill and the CDKTF cost estimate, so they cannot disagree.
 *
 * Plain data with no imports, published as `@platformops/cdktf-platform/gpuPrices`:
 * `@platformops/plugin-platform-ops-common` re-exports it for the plugins, so this package
 * needs nothing of Backstage and the frontend bundles only this file.
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
