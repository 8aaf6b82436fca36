export { EntityResourceCard } from './EntityResourceCard';
