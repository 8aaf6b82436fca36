export { CostsView } from './CostsView';
export { EntityCostCard } from './EntityCostCard';
