/**
 * The one GPU price table (seed 004 on-demand $/hour and the spot saving), kept as plain data
 * in the CDKTF package so its cost estimate needs nothing of Backstage; re-exported here for
 * the plugins (fleet $/hour, cost views, the simulated account's bill).
 */
// cdktf-platform is a plain node library; this entry point is one data file with no imports,
// so browsers and backends get the table and nothing of CDKTF.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
export { GPU_ON_DEMAND_USD_PER_HOUR, GPU_SPOT_DISCOUNT } from '@platformops/cdktf-platform/gpuPrices';
