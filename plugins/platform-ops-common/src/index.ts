/**
 * What the Platform Ops frontend and backend must agree on: catalog annotations, inventory
 * types, validation schemas and permissions.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './resourceTypes';
export * from './permissions';
export * from './inventory';
export * from './schemas';
export * from './consoleUrls';
export * from './costs';
export * from './fleetQueues';
export * from './needsAttention';
export * from './gpuPrices';
export * from './runbooks';
export * from './textSafety';
export * from './awsCron';
export * from './resourceState';
