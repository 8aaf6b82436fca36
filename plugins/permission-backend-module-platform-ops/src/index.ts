/**
 * Permission policy module for Platform Ops: owners-only changes, reads for signed-in users,
 * simulator controls for a configured admin group.
 *
 * @packageDocumentation
 */
export { permissionModulePlatformOpsPolicy as default } from './module';
export { PlatformOpsPermissionPolicy } from './PlatformOpsPermissionPolicy';
export type { PlatformOpsPolicyOptions } from './PlatformOpsPermissionPolicy';
