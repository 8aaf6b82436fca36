export { EntityRunbooksCard } from './EntityRunbooksCard';
export { RunbooksView } from './RunbooksView';
