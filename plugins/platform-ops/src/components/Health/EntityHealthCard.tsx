import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { HealthStrip } from './HealthStrip';

/** The system an environment belongs to, as a full ref (spec.system is often a bare name). */
function systemRef(env: PlatformEnvironment): string | undefined {
  if (!env.system) return undefined;
  try {
    return stringifyEntityRef(parseEntityRef(env.system, { defaultKind: 'system', defaultNamespace: 'default' }));
  } catch {
    return undefined;
  }
}

/**
 * The health strip on an entity page: an environment shows itself, a System every
 * environment that declares it.
 */
export const EntityHealthCard = () => {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity).toLowerCase();
  const isSystem = entity.kind.toLowerCase() === 'system';
  const filter = (env: PlatformEnvironment) =>
    isSystem ? systemRef(env)?.toLowerCase() === ref : env.entityRef.toLowerCase() === ref;
  return (
    <InfoCard title={isSystem ? 'Health of its environments' : 'Health'}>
      <HealthStrip filter={filter} />
    </InfoCard>
  );
};
