import { Entity } from '@backstage/catalog-model';

/** A catalog entity in the default namespace owned by platform-team, with the given annotations. */
export function catalogEntity(
  kind: 'Resource' | 'Component',
  name: string,
  type: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: { type, owner: 'platform-team' },
  };
}

/** An environment Resource: account 123456789012 in us-east-1, tier prod unless `annotations` say otherwise. */
export function environmentEntity(name: string, annotations: Record<string, string> = {}): Entity {
  return catalogEntity('Resource', name, 'environment', {
    'platform-ops.io/aws-account-id': '123456789012',
    'platform-ops.io/aws-region': 'us-east-1',
    'platform-ops.io/tier': 'prod',
    ...annotations,
  });
}
