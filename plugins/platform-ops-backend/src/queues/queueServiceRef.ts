import { coreServices, createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { awsGatewayServiceRef } from '../aws/AwsGatewayService';
import { inventoryServiceRef } from '../inventory/InventoryService';
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
