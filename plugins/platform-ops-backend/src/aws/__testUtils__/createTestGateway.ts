import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { createAwsGateway } from '../AwsGatewayService';
import { SimulatedAwsHandler } from '../simulatorContract';
import { captureLogger } from './captureLogger';

/** The gateway exactly as the service's default factory builds it, with a capturing logger. */
export function createTestGateway(config: JsonObject, simulated?: SimulatedAwsHandler) {
  const logger = captureLogger();
  const gateway = createAwsGateway({
    config: new ConfigReader(config),
    logger,
    simulated: simulated ?? {
      handle: async () => {
        throw new Error('this test has no simulated account');
      },
    },
  });
  return { gateway, logger };
}
