/**
 * Catalog discovery of Platform Ops environments and their AWS resources (Resource Groups
 * Tagging API), as a module of the catalog backend plugin.
 *
 * @packageDocumentation
 */
export { catalogModulePlatformOpsDiscovery as default } from './module';
export { PlatformOpsDiscoveryProvider } from './PlatformOpsDiscoveryProvider';
export type { PlatformOpsDiscoveryProviderOptions } from './PlatformOpsDiscoveryProvider';
export { readDiscoveryConfig } from './config';
export type { DiscoveryConfig, DiscoveryTagKeys } from './config';
export type { DiscoveryOutcome } from './report';
export type { DiscoveryConflict } from './conflicts';
export { DISCOVERY_REPORT_TYPE, DISCOVERY_PROBLEMS_ANNOTATION } from './report';
export { DISCOVERED_ARN_ANNOTATION } from './entities';
