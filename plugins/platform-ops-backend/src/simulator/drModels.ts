import { ServiceModel } from './ServiceModel';
import type { DrModelContext } from './SimulatedAccount';

/**
 * REGISTRATION POINT of the DR models (RDS, Route 53, ECS, ElastiCache, CloudFront), written
 * in src/simulator/dr/. When dr/index.ts exports createDrServiceModels, this becomes:
 *   return createDrServiceModels(context);
 */
export function drServiceModels(context: DrModelContext): ServiceModel[] {
  void context;
  return [];
}
