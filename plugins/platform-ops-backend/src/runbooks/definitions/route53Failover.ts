import { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import { RunbookDefinition, RunbookStep } from '../types';
import { check, isEnvironmentTarget } from './common';
import {
  ROUTE53_DATA_PLANE_ALTERNATIVE,
  changeRecordsCall,
  healthCheckPreflight,
  readFailoverPair,
  swapChangeBatch,
  waitInSyncStep,
} from './route53';

/**
 * Route 53 failover: swap the PRIMARY/SECONDARY failover records of the environment's
 * record (ChangeResourceRecordSets). The records are read at start (resolve) and the exact
 * change batch is part of the plan and of the stored execution.
 */
export const route53FailoverRunbook: RunbookDefinition = {
  id: 'route53-failover',
  title: 'Route 53 failover',
  description:
    'Flips the PRIMARY/SECONDARY failover records of the environment so traffic goes to the other endpoint, and waits until the change is in sync.',
  rtoTargetMinutes: 5,
  appliesTo: target => isEnvironmentTarget(target) && Boolean(target.environment.route53Record),

  async preflight(target, aws) {
    const { primary, secondary } = await readFailoverPair(aws, target);
    return [
      check(
        'failover-pair',
        'PRIMARY and SECONDARY failover records exist',
        Boolean(primary && secondary),
        `${target.environment.route53Record!.recordName}: PRIMARY ${primary ? 'found' : 'missing'}, SECONDARY ${secondary ? 'found' : 'missing'}`,
      ),
      await healthCheckPreflight(aws, target, secondary, 'SECONDARY'),
    ];
  },

  async resolve(target, aws) {
    const { primary, secondary } = await readFailoverPair(aws, target);
    if (!primary || !secondary) {
      throw new InputError(
        `${target.environment.route53Record!.recordName} has no PRIMARY/SECONDARY failover pair in zone ${target.environment.route53Record!.hostedZoneId}`,
      );
    }
    return { changeBatch: swapChangeBatch(primary, secondary, `platform-ops route53-failover ${target.environment.name}`) as unknown as JsonObject };
  },

  steps(target, resolved): RunbookStep[] {
    const changeBatch = resolved.changeBatch as unknown as { Comment: string; Changes: Array<{ Action: 'UPSERT'; ResourceRecordSet: ResourceRecordSet }> };
    return [
      {
        id: 'flip-records',
        title: 'Swap the PRIMARY and SECONDARY failover records',
        kind: 'aws-action',
        dependsOn: [],
        calls: [changeRecordsCall(target, changeBatch)],
        alternative: ROUTE53_DATA_PLANE_ALTERNATIVE,
      },
      waitInSyncStep(target, 'wait-insync', 'flip-records'),
    ];
  },
};
