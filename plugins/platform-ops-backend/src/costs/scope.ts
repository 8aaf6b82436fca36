import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CostScopeInfo,
  Inventory,
  PlatformEnvironment,
} from '@platformops/plugin-platform-ops-common';

/** What a cost query covers, resolved from the catalog inventory. */
export interface CostScope {
  info: CostScopeInfo;
  environments: PlatformEnvironment[];
  /**
   * Values of the environment cost tag (or cost category) to filter on. Undefined for the
   * platform: its view is the whole bill, so untagged spend shows up instead of vanishing.
   */
  tagValues?: string[];
}

export function platformScope(inventory: Inventory): CostScope {
  return {
    info: {
      kind: 'platform',
      name: 'platform',
      environments: inventory.environments.map(e => e.name),
    },
    environments: inventory.environments,
  };
}

function environmentScope(environment: PlatformEnvironment): CostScope {
  return {
    info: {
      kind: 'environment',
      name: environment.name,
      entityRef: environment.entityRef,
      environments: [environment.name],
    },
    environments: [environment],
    tagValues: [environment.costTag],
  };
}

function knownEnvironments(inventory: Inventory) {
  return inventory.environments.map(e => e.name).join(', ') || 'none';
}

/**
 * The scope of a request: `environment` (a name), `entityRef` (an environment, a system, or a
 * resource/component of an environment) or neither (the platform). Unknown names are the
 * caller's mistake: a 400 naming what exists, before any AWS call.
 */
export function resolveScope(
  inventory: Inventory,
  query: { environment?: string; entityRef?: string },
): CostScope {
  if (query.environment && query.entityRef) {
    throw new InputError('give either environment or entityRef, not both');
  }
  if (query.environment) {
    const environment = inventory.environments.find(
      e => e.name === query.environment,
    );
    if (!environment) {
      throw new InputError(
        `unknown environment "${query.environment}" (known: ${knownEnvironments(
          inventory,
        )})`,
      );
    }
    return environmentScope(environment);
  }
  if (!query.entityRef) return platformScope(inventory);

  let ref: string;
  try {
    ref = stringifyEntityRef(parseEntityRef(query.entityRef)).toLowerCase();
  } catch (e) {
    throw new InputError(
      `entityRef "${query.entityRef}" is not an entity reference: ${e}`,
    );
  }
  const { kind, name } = parseEntityRef(ref);
  if (kind === 'system') {
    const environments = inventory.environments.filter(
      e => e.system?.toLowerCase() === name,
    );
    if (environments.length === 0) {
      throw new InputError(
        `system "${name}" has no Platform Ops environments in the catalog`,
      );
    }
    return {
      info: {
        kind: 'system',
        name,
        entityRef: ref,
        environments: environments.map(e => e.name),
      },
      environments,
      tagValues: environments.map(e => e.costTag),
    };
  }
  for (const environment of inventory.environments) {
    if (environment.entityRef.toLowerCase() === ref)
      return environmentScope(environment);
    // A resource or component is costed as its environment: Cost Explorer sees tags, and the
    // cost-allocation tag is set per environment.
    if (environment.resources.some(r => r.entityRef.toLowerCase() === ref)) {
      return environmentScope(environment);
    }
  }
  throw new InputError(
    `${
      query.entityRef
    } is not an environment, system or resource known to Platform Ops (environments: ${knownEnvironments(
      inventory,
    )})`,
  );
}
