/**
 * Platform Ops backend plugin.
 *
 * @packageDocumentation
 */
export { platformOpsPlugin as default } from './plugin';

// The capabilities, each a plugin service an adopter can replace with their own factory,
// or use from their own modules.
export { inventoryServiceRef } from './inventory/InventoryService';
export type { InventoryService } from './inventory/InventoryService';
export { awsGatewayServiceRef } from './aws/AwsGatewayService';
export { changeRunnerServiceRef } from './changes/changeRunnerServiceRef';
export type { MutationRunner } from './changes/MutationRunner';
export { fleetServiceRef, fleetChangesServiceRef } from './fleet/fleetServiceRef';
export type { FleetService } from './fleet/FleetService';
export type { FleetChanges } from './fleet/FleetChanges';
export type { ChangeActor } from './changes/runPlannedChange';
export { queueServiceRef, queueChangesServiceRef } from './queues/queueServiceRef';
export type { QueueService } from './queues/QueueService';
export type { QueueChanges } from './queues/QueueChanges';
export { costServiceRef } from './costs/costServiceRef';
export type { CostService } from './costs/CostService';
export { runbookServiceRef } from './runbooks/runbookServiceRef';
export type { RunbookService } from './runbooks/RunbookService';

// The AWS layer and the seam a simulated account plugs into
// (@platformops/plugin-platform-ops-backend-module-simulated-aws).
export { simulatedAwsServiceRef } from './aws/simulatedAwsServiceRef';
export type { SimulatedAws, SimulatedAwsService } from './aws/simulatedAwsServiceRef';
export { awsIamPrefix, iamAction } from './aws/services';
export type { AwsGateway, AwsServiceName, AwsCallLedgerSnapshot } from './aws/types';
export type { SimulatedAwsHandler, SimulatedCall } from './aws/simulatorContract';
export type { HttpProbe, HttpProbeResult } from './runbooks/engine/httpProbe';
export { simulatedHttpProbeServiceRef } from './runbooks/simulatedHttpProbeServiceRef';
export type { SimulatedHttpProbes } from './runbooks/simulatedHttpProbeServiceRef';
export type { HttpCheckStep } from './runbooks/types';
