/**
 * Scaffolder backend module for Platform Ops: `platform-ops:environment:synthesize`,
 * `platform-ops:environment:check`, `platform-ops:environment:estimate` and
 * `platform-ops:publish:local-git`.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatformOps as default } from './module';
export { createSynthesizeAction, SYNTHESIZE_ACTION_ID } from './actions/synthesize';
export { createCheckAction, CHECK_ACTION_ID } from './actions/check';
export { createEstimateAction, ESTIMATE_ACTION_ID } from './actions/estimate';
export {
  createPublishLocalGitAction,
  PUBLISH_LOCAL_GIT_ACTION_ID,
  localPublishDir,
} from './actions/publish-local-git';
export { catalogEntities, catalogEntityRefs, catalogInfoYaml } from './catalog/entities';
export type { CatalogEntity, ComponentEntity, ResourceEntity } from './catalog/entities';
export { DR_ANNOTATIONS } from './catalog/drAnnotations';
