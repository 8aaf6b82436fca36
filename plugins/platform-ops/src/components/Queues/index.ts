export { EntityQueueCard } from './EntityQueueCard';
export { QueuesView } from './QueuesView';
