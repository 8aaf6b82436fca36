/**
 * Platform Ops backend plugin.
 *
 * @packageDocumentation
 */
export { platformOpsPlugin as default } from './plugin';
export { inventoryServiceRef } from './inventory/InventoryService';
export type { InventoryService } from './inventory/InventoryService';
export { awsGatewayServiceRef } from './aws/AwsGatewayService';
export { simulatedAwsHandlerServiceRef } from './aws/simulatedAwsHandlerRef';
export type { AwsGateway, AwsServiceName, AwsCallLedgerSnapshot } from './aws/types';
export type { SimulatedAwsHandler, SimulatedCall } from './aws/simulatorContract';
