import {
  BasicPermission,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Permissions of Platform Ops. Mutations on an existing resource are resource permissions
 * on the catalog entity that declares it, so that policies such as "owners only" work
 * through the catalog's own conditions (isEntityOwner). Reads are basic permissions.
 */

/** The catalog's resource type: conditions are evaluated by the catalog plugin. @public */
export const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';

/** @public */
export const platformOpsReadPermission: BasicPermission = createPermission({
  name: 'platform-ops.read',
  attributes: { action: 'read' },
});

/** @public */
export const fleetScalePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'platform-ops.fleet.scale',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** @public */
export const fleetScalingPolicyPermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'platform-ops.fleet.scaling-policy',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** @public */
export const queueRedrivePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'platform-ops.queue.redrive',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** @public */
export const runbookExecutePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'platform-ops.runbook.execute',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** @public */
export const runbookApprovePermission: ResourcePermission<'catalog-entity'> =
  createPermission({
    name: 'platform-ops.runbook.approve',
    attributes: { action: 'update' },
    resourceType: CATALOG_ENTITY_RESOURCE_TYPE,
  });

/** Creating an environment has no entity yet: a basic permission. @public */
export const environmentCreatePermission: BasicPermission = createPermission({
  name: 'platform-ops.environment.create',
  attributes: { action: 'create' },
});

/**
 * Driving the simulated AWS account (faults, outages, its clock): it changes what every user
 * sees, so policies keep it to an admin group. Exists only where the simulator is installed.
 * @public
 */
export const simulatorControlPermission: BasicPermission = createPermission({
  name: 'platform-ops.simulator.control',
  attributes: { action: 'update' },
});

/** Every permission, for the permissions registry and for policies. @public */
export const platformOpsPermissions = [
  platformOpsReadPermission,
  fleetScalePermission,
  fleetScalingPolicyPermission,
  queueRedrivePermission,
  runbookExecutePermission,
  runbookApprovePermission,
  environmentCreatePermission,
  simulatorControlPermission,
];
