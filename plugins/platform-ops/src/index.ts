/**
 * Platform Ops frontend plugin. Legacy frontend system exports; the new frontend system
 * plugin is the default export of `@platformops/plugin-platform-ops/alpha`.
 *
 * @packageDocumentation
 */
export {
  platformOpsPlugin,
  PlatformOpsPage,
  EntityPlatformOpsContent,
  EntityEnvironmentCard,
  EntityPlatformOpsHealthCard,
  EntityGpuFleetCard,
  EntityQueueCard,
  EntityCostCard,
  EntityAwsResourceCard,
  EntityRunbooksCard,
} from './plugin';
export * from './api';
export { hasOperations, isPlatformResource, isEcsServiceComponent } from './components/shared/entityFilters';
