import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { awsGatewayServiceRef } from '../aws/AwsGatewayService';
import { inventoryServiceRef } from '../inventory/InventoryService';
import { changeRunnerServiceRef } from '../changes/changeRunnerServiceRef';
import { QueueChanges } from './QueueChanges';
import { QueueService } from './QueueService';

/**
 * Queue status and redrive reads. One instance per plugin: the Queues view, queue cards and
 * fleet cards (which need their queue's backlog) share its cache, so the same environment
 * costs one set of SQS/CloudWatch calls.
 */
export const queueServiceRef = createServiceRef<QueueService>({
  id: 'platform-ops.queues',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { config: coreServices.rootConfig, inventory: inventoryServiceRef, gateway: awsGatewayServiceRef },
      factory: ({ config, inventory, gateway }) =>
        // Queues share the fleet answers' TTL (platformOps.fleet.cacheSeconds): one card shows both.
        new QueueService(inventory, gateway, (config.getOptionalNumber('platformOps.fleet.cacheSeconds') ?? 10) * 1000),
    }),
});

/** The dead-letter redrive, its move tasks and the queues' change history. */
export const queueChangesServiceRef = createServiceRef<QueueChanges>({
  id: 'platform-ops.queue-changes',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        queues: queueServiceRef,
        inventory: inventoryServiceRef,
        runner: changeRunnerServiceRef,
        gateway: awsGatewayServiceRef,
      },
      factory: deps => new QueueChanges(deps),
    }),
});
