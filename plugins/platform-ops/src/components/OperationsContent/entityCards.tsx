import { Entity } from '@backstage/catalog-model';
import { ComponentType } from 'react';
import { EntityCostCard } from '../Costs';
import { EntityEnvironmentCard } from '../EntityEnvironmentCard';
import { EntityGpuFleetCard } from '../Fleet';
import { EntityHealthCard } from '../Health';
import { EntityQueueCard } from '../Queues';
import { EntityRunbooksCard } from '../Runbooks';
import { EntityResourceCard } from '../Resource';
import { isEcsServiceComponent, isPlatformResource } from '../shared/entityFilters';

/**
 * The Platform Ops cards of entity pages, with the entities each applies to. One list serves
 * both frontend systems: alpha.tsx makes an EntityCardBlueprint per entry, and the
 * "Operations" tab (OperationsContent) renders those that apply. A capability adds its card here.
 */
export interface OpsEntityCard {
  name: string;
  filter: (entity: Entity) => boolean;
  component: ComponentType<{}>;
  /** Grid width on the Operations tab (12 = full). */
  width?: 6 | 12;
}

export const entityCards: OpsEntityCard[] = [
  {
    name: 'health',
    filter: e => isPlatformResource('environment')(e) || e.kind.toLowerCase() === 'system',
    component: EntityHealthCard,
    width: 12,
  },
  { name: 'environment', filter: isPlatformResource('environment'), component: EntityEnvironmentCard, width: 12 },
  {
    name: 'costs',
    filter: e => isPlatformResource('environment')(e) || e.kind.toLowerCase() === 'system',
    component: EntityCostCard,
    width: 12,
  },
  { name: 'gpu-fleet', filter: isPlatformResource('gpu-fleet'), component: EntityGpuFleetCard, width: 12 },
  { name: 'queue', filter: isPlatformResource('queue'), component: EntityQueueCard, width: 12 },
  {
    name: 'aws-resource',
    filter: e => isPlatformResource('database', 'cache', 'bucket')(e) || isEcsServiceComponent(e),
    component: EntityResourceCard,
    width: 12,
  },
  {
    name: 'runbooks',
    filter: e => isPlatformResource('environment', 'database', 'cache', 'queue')(e) || isEcsServiceComponent(e),
    component: EntityRunbooksCard,
    width: 12,
  },
];
