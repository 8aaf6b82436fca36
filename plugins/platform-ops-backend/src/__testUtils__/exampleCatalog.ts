import { Entity } from '@backstage/catalog-model';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The repository's example catalog (catalog/*.yaml), as the catalog would serve it. */
export function exampleCatalogEntities(): Entity[] {
  const root = resolve(__dirname, '../../../../catalog');
  const files = [
    'org.yaml',
    'system.yaml',
    'environments/dev.yaml',
    'environments/staging.yaml',
    'environments/prod.yaml',
  ];
  return files.flatMap(file =>
    parseAllDocuments(readFileSync(resolve(root, file), 'utf8')).map(doc => {
      const entity = doc.toJS() as Entity;
      entity.metadata.namespace ??= 'default';
      return entity;
    }),
  );
}
