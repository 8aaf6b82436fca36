/**
 * Test helpers for packages that extend this plugin (e.g. the simulated-aws module): the
 * example catalog of this repository, the inventory built from it, and the AWS gateway as
 * the plugin builds it.
 *
 * @packageDocumentation
 */
export { catalogEntitiesFromFile, exampleCatalogEntities, exampleTerraformDir } from './exampleCatalog';
export { buildInventory } from '../inventory/buildInventory';
export { createTestGateway } from './createTestGateway';
export { validateAwsInput } from '../aws/model/validateAwsInput';
