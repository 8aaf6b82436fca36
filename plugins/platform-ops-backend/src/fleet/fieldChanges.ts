import { FleetChangeAction, FleetStatus } from '@platformops/plugin-platform-ops-common';
import { JsonValue } from '@backstage/types';
import { FieldChange } from '../changes/types';
import { backlogTarget } from './fleetCommands';
import { BACKLOG_POLICY_NAME } from './fleetStatus';

/**
 * Before -> after of what a fleet change sets, from the group as it was read when the change
 * was planned: what the history row shows, so nobody has to diff two AWS consoles.
 */
export function fleetFieldChanges(name: FleetChangeAction, fleet: FleetStatus, input: Record<string, unknown>): FieldChange[] {
  const pick = (field: string, before: JsonValue | undefined, after: unknown): FieldChange[] =>
    after === undefined ? [] : [{ field, before: before ?? null, after: after as JsonValue }];
  switch (name) {
    case 'desired-capacity':
      return pick('desiredCapacity', fleet.desiredCapacity, input.desiredCapacity);
    case 'size':
      return [...pick('minSize', fleet.minSize, input.minSize), ...pick('maxSize', fleet.maxSize, input.maxSize)];
    case 'spot-share':
      return [
        ...pick('onDemandBaseCapacity', fleet.distribution?.onDemandBaseCapacity, input.onDemandBaseCapacity),
        ...pick(
          'onDemandPercentageAboveBaseCapacity',
          fleet.distribution?.onDemandPercentageAboveBaseCapacity,
          input.onDemandPercentageAboveBaseCapacity,
        ),
      ];
    case 'processes': {
      const named = (input.processes as string[]) ?? [];
      const after =
        input.action === 'suspend'
          ? [...new Set([...fleet.suspendedProcesses, ...named])]
          : fleet.suspendedProcesses.filter(p => !named.includes(p));
      return [{ field: 'suspendedProcesses', before: [...fleet.suspendedProcesses].sort(), after: after.sort() }];
    }
    case 'target-tracking': {
      const policy = fleet.policies.find(p => p.name === BACKLOG_POLICY_NAME);
      const target = backlogTarget(input as { acceptableLatencySeconds: number; averageProcessingSeconds: number });
      return [{ field: 'targetBacklogPerInstance', before: policy?.targetValue ?? null, after: target }];
    }
    case 'scheduled-actions':
    case 'scheduled-actions/delete': {
      const current = fleet.scheduledActions.find(a => a.name === input.name);
      const { entityRef: _e, ...wanted } = input;
      return [
        {
          field: `scheduledAction ${String(input.name)}`,
          before: current ? (JSON.parse(JSON.stringify(current)) as JsonValue) : null,
          after: name === 'scheduled-actions' ? (JSON.parse(JSON.stringify(wanted)) as JsonValue) : null,
        },
      ];
    }
    default:
      return [];
  }
}
