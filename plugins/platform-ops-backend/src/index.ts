/**
 * Platform Ops backend plugin.
 *
 * @packageDocumentation
 */
export { platformOpsPlugin as default } from './plugin';
export { inventoryServiceRef } from './inventory/InventoryService';
export type { InventoryService } from './inventory/InventoryService';
