import { ChangeBatch } from '@aws-sdk/client-route-53';
import { JsonObject } from '@backstage/types';
import { RunbookDefinition, RunbookStep, RunbookTarget } from '../types';
import { isEnvironmentTarget } from './common';
import {
  failoverPairPreflight,
  healthCheckPreflight,
  readFailoverState,
  serveFromStep,
  waitInSyncStep,
} from './route53';
import { serveFrom } from './route53Endpoints';

/**
 * Route 53 failover and failback share one shape: make one region's endpoint serve the
 * environment's record. The end state is named ("traffic served by the us-west-2 endpoint"),
 * and the step derives its change from the records as they are when it runs, so pressing it
 * twice, after a partial run, or after an earlier failover never sends traffic back.
 */
function route53Towards(options: {
  id: string;
  title: string;
  description: string;
  towards: (target: RunbookTarget) => string | undefined;
  label: string;
}): RunbookDefinition {
  const { id, towards, label } = options;
  return {
    id,
    title: options.title,
    description: options.description,
    rtoTargetMinutes: 5,
    appliesTo: target =>
      isEnvironmentTarget(target) &&
      Boolean(target.environment.route53Record) &&
      Boolean(target.environment.drRegion),

    async preflight(target, aws) {
      const region = towards(target)!;
      const { checks, state } = await failoverPairPreflight(aws, target, region);
      if (state) checks.push(await healthCheckPreflight(aws, target, state.byRegion[region], `${region} (${label})`));
      return checks;
    },

    /** The change as it would be made now, for the plan; the step recomputes it when it runs. */
    async resolve(target, aws) {
      const region = towards(target)!;
      const change = serveFrom(await readFailoverState(aws, target), region, comment(id, target));
      return 'changeBatch' in change
        ? { planned: change.changeBatch as unknown as JsonObject, description: change.description }
        : { planned: null, description: change.alreadyServedBy };
    },

    steps(target, resolved): RunbookStep[] {
      const region = towards(target)!;
      return [
        serveFromStep(target, {
          id: 'flip-records',
          title: `Serve ${target.environment.route53Record!.recordName} from the ${region} endpoint (${label})`,
          region,
          dependsOn: [],
          planned: (resolved.planned as unknown as ChangeBatch | null) ?? null,
          comment: comment(id, target),
        }),
        waitInSyncStep(target, 'wait-insync', 'flip-records'),
      ];
    },
  };
}

function comment(id: string, target: RunbookTarget): string {
  return `platform-ops ${id} ${target.environment.name}`;
}

export const route53FailoverRunbook: RunbookDefinition = route53Towards({
  id: 'route53-failover',
  title: 'Route 53 failover',
  description:
    "Points the environment's failover record at its DR region's endpoint (PRIMARY record to the DR endpoint, with its health check) and waits until the change is in sync. Already on DR: changes nothing.",
  towards: target => target.environment.drRegion,
  label: 'DR',
});

export const route53FailbackRunbook: RunbookDefinition = route53Towards({
  id: 'route53-failback',
  title: 'Route 53 failback',
  description:
    "Points the environment's failover record back at its primary region's endpoint and waits until the change is in sync. Already on the primary region: changes nothing.",
  towards: target => target.environment.location.region,
  label: 'primary region',
});


