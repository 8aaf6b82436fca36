export { EntityGpuFleetCard } from './EntityGpuFleetCard';
export { FleetView } from './FleetView';
