import { Inventory } from '@platformops/plugin-platform-ops-common';
import { TaggingModel } from './TaggingModel';
import type { TerraformSeedSource } from '../terraform/source';
import { DEFAULT_SIMULATED_TAG_KEYS, TaggedResource } from './taggedResources';

export { TaggingModel } from './TaggingModel';
export { taggedResources, DEFAULT_SIMULATED_TAG_KEYS } from './taggedResources';
export type { TaggedResource, SimulatedTagKeys } from './taggedResources';
export { extraEnvironmentSchema, templateEnvironment, withExtraEnvironments } from './extraEnvironments';
export type { ExtraEnvironment } from './extraEnvironments';

/**
 * The Tagging API of an account seeded from `inventory` (cost tag key as its bills use), plus
 * the resources other models tag themselves (`others`: CloudFront distributions), with the
 * queue tags of the environments' applied Terraform (`terraform`).
 */
export function taggingModel(
  inventory: Inventory,
  costTagKey?: string,
  others?: () => TaggedResource[],
  terraform?: TerraformSeedSource,
): TaggingModel {
  return new TaggingModel(
    () => inventory,
    {
      ...DEFAULT_SIMULATED_TAG_KEYS,
      costTag: costTagKey ?? DEFAULT_SIMULATED_TAG_KEYS.costTag,
    },
    others,
    terraform,
  );
}
