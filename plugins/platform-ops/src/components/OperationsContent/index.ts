export { OperationsContent } from './OperationsContent';
export { entityCards } from './entityCards';
export type { OpsEntityCard } from './entityCards';
