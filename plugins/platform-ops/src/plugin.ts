/**
 * Platform Ops for apps on the legacy frontend system (App.tsx with createApp from
 * @backstage/app-defaults): a routable page and component extensions for entity pages.
 */
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { platformOpsApiRef, PlatformOpsClient } from './api';
import { rootRouteRef } from './routes';

/** @public */
export const platformOpsPlugin = createPlugin({
  id: 'platform-ops',
  apis: [
    createApiFactory({
      api: platformOpsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new PlatformOpsClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The Platform Ops page, with one tab per capability. @public */
export const PlatformOpsPage = platformOpsPlugin.provide(
  createRoutableExtension({
    name: 'PlatformOpsPage',
    component: () => import('./components/OpsPage').then(m => m.PlatformOpsPage),
    mountPoint: rootRouteRef,
  }),
);

/** The "Operations" tab content: every card that applies to the entity. @public */
export const EntityPlatformOpsContent = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformOpsContent',
    component: {
      lazy: () => import('./components/OperationsContent').then(m => m.OperationsContent),
    },
  }),
);

/** Environment card for Resource entities of spec.type environment. @public */
export const EntityEnvironmentCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentCard',
    component: {
      lazy: () => import('./components/EntityEnvironmentCard').then(m => m.EntityEnvironmentCard),
    },
  }),
);

/**
 * Health at a glance (alarms in ALARM, fleet convergence, queue age, budget, running runbooks)
 * for environment Resources and Systems. @public
 */
export const EntityPlatformOpsHealthCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityPlatformOpsHealthCard',
    component: {
      lazy: () => import('./components/Health').then(m => m.EntityHealthCard),
    },
  }),
);

/** GPU fleet card for Resource entities of spec.type gpu-fleet. @public */
export const EntityGpuFleetCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityGpuFleetCard',
    component: {
      lazy: () => import('./components/Fleet').then(m => m.EntityGpuFleetCard),
    },
  }),
);

/** Queue card for Resource entities of spec.type queue. @public */
export const EntityQueueCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityQueueCard',
    component: {
      lazy: () => import('./components/Queues').then(m => m.EntityQueueCard),
    },
  }),
);

/** Cost card (month-to-date vs budget, forecast, top services) for environment and System entities. @public */
export const EntityCostCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityCostCard',
    component: {
      lazy: () => import('./components/Costs').then(m => m.EntityCostCard),
    },
  }),
);

/** AWS resource card (where it lives, console link, last DR runbook) for databases, caches, buckets and ECS Components. @public */
export const EntityAwsResourceCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsResourceCard',
    component: {
      lazy: () => import('./components/Resource').then(m => m.EntityResourceCard),
    },
  }),
);

/** DR runbooks card for databases, caches, queues, environments and ECS Components. @public */
export const EntityRunbooksCard = platformOpsPlugin.provide(
  createComponentExtension({
    name: 'EntityRunbooksCard',
    component: {
      lazy: () => import('./components/Runbooks').then(m => m.EntityRunbooksCard),
    },
  }),
);
