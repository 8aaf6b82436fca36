/**
 * The simulated AWS account of Platform Ops, as a module of the platform-ops backend plugin:
 * a stateful, seeded account (Auto Scaling, SQS, CloudWatch, Cost Explorer, Budgets, RDS,
 * Route 53, ECS, ElastiCache, CloudFront) that the plugin's AWS gateway answers from instead
 * of the network, plus its controls under /api/platform-ops/simulator.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { simulatedAwsModule } from './module';
import { simulatedAwsServiceFactory, simulatedHttpProbeServiceFactory } from './simulatedAwsServiceFactory';

/**
 * Everything in one `backend.add`: the service factories that install the account (and the
 * runbooks' health checks on it) in the plugin, and the module that mounts its routes.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [simulatedAwsServiceFactory, simulatedHttpProbeServiceFactory, simulatedAwsModule],
});

export { simulatedAwsModule } from './module';
export { simulatedAwsServiceFactory, simulatedHttpProbeServiceFactory } from './simulatedAwsServiceFactory';
export { SimulatedHttpProbe } from './SimulatedHttpProbe';
export { simulatedAccountServiceRef, createSimulatedAccount } from './simulatedAccountRef';
export { SimulatedAccount } from './SimulatedAccount';
export type { SimulatedAccountOptions } from './SimulatedAccount';
export { KnexWorldLog, migrateSimulatorWorld } from './shared/KnexWorldLog';
export { MemoryWorldLog } from './shared/WorldLog';
export type { WorldLog, WorldEvent, WorldGenesis, LoggedEvent } from './shared/WorldLog';
