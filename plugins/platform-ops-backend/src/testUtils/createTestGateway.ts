import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { createAwsGateway } from '../aws/AwsGatewayService';
import { SimulatedAwsHandler } from '../aws/simulatorContract';
import { captureLogger } from './captureLogger';

/**
 * The gateway exactly as the service's default factory builds it, with a capturing logger.
 * Unless the config says mode aws, a simulated account is installed (one that fails every
 * call when the test gives none).
 */
export function createTestGateway(config: JsonObject, simulated?: SimulatedAwsHandler) {
  const logger = captureLogger();
  const reader = new ConfigReader(config);
  const gateway = createAwsGateway({
    config: reader,
    logger,
    simulated:
      reader.getOptionalString('platformOps.aws.mode') === 'aws'
        ? undefined
        : simulated ?? {
            handle: async () => {
              throw new Error('this test has no simulated account');
            },
          },
  });
  return { gateway, logger };
}
