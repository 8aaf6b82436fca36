import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * The repository's example catalog (catalog/*.yaml), as the catalog would serve it. Only
 * inside this repository: the YAML lives two levels above the package, not in it.
 */
export function exampleCatalogEntities(): Entity[] {
  const root = resolvePackagePath('@platformops/plugin-platform-ops-backend', '../../catalog');
  const files = [
    'org.yaml',
    'system.yaml',
    'environments/dev.yaml',
    'environments/staging.yaml',
    'environments/prod.yaml',
  ];
  return files.flatMap(file => catalogEntitiesFromFile(resolve(root, file)));
}

/**
 * The synthesized Terraform of the example catalog's environments (cdktf/examples/synthesized),
 * for `platformOps.aws.simulation.terraformDirs`: with it the simulated account holds exactly
 * what that Terraform declares, as in the embedded default (app-config.yaml).
 */
export function exampleTerraformDir(): string {
  return resolvePackagePath('@platformops/plugin-platform-ops-backend', '../../cdktf/examples/synthesized');
}

/** The entities of a multi-document catalog-info.yaml (e.g. one the environment template published). */
export function catalogEntitiesFromFile(path: string): Entity[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map(doc => {
    const entity = doc.toJS() as Entity;
    entity.metadata.namespace ??= 'default';
    return entity;
  });
}
