export { EntityEnvironmentCard } from './EntityEnvironmentCard';
