export { HealthStrip } from './HealthStrip';
export { EntityHealthCard } from './EntityHealthCard';
