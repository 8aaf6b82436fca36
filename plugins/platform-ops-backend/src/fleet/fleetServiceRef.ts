import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { awsGatewayServiceRef } from '../aws/AwsGatewayService';
import { inventoryServiceRef } from '../inventory/InventoryService';
import { queueServiceRef } from '../queues/queueServiceRef';
import { changeRunnerServiceRef } from '../changes/changeRunnerServiceRef';
import { FleetChanges } from './FleetChanges';
import { FleetService } from './FleetService';
import { readFleetSettings } from './fleetSettings';

/** GPU fleet status (Auto Scaling, instances, backlog recommendation), cached and shared. */
export const fleetServiceRef = createServiceRef<FleetService>({
  id: 'platform-ops.fleets',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        inventory: inventoryServiceRef,
        gateway: awsGatewayServiceRef,
        queues: queueServiceRef,
      },
      factory: ({ config, inventory, gateway, queues }) =>
        new FleetService(inventory, gateway, queues, readFleetSettings(config)),
    }),
});

/** Fleet changes (scale, size, spot share, processes, schedules, backlog policy) and their history. */
export const fleetChangesServiceRef = createServiceRef<FleetChanges>({
  id: 'platform-ops.fleet-changes',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        fleets: fleetServiceRef,
        inventory: inventoryServiceRef,
        runner: changeRunnerServiceRef,
        gateway: awsGatewayServiceRef,
      },
      factory: deps => new FleetChanges(deps),
    }),
});
