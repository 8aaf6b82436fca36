import { AwsGateway } from '../../aws/types';
import { PlanStep, PlannedCall, RunbookStep, StepCall } from '../types';

function preview(gateway: AwsGateway, call: StepCall): PlannedCall {
  const p = gateway.preview(call.location, call.service, call.command);
  return { ...p, plane: call.plane, ...(call.note ? { note: call.note } : {}) };
}

/**
 * The dry-run: every step in order with the exact AWS calls it will make, each with its
 * region and plane. Values only known at run time (a change id, an ETag) appear as
 * <placeholders> naming where they come from.
 */
export function buildPlan(gateway: AwsGateway, steps: RunbookStep[], now: Date = new Date()): PlanStep[] {
  return steps.map(step => {
    const base = {
      stepId: step.id,
      title: step.title,
      kind: step.kind,
      dependsOn: step.dependsOn,
      ...(step.alternative ? { alternative: step.alternative } : {}),
    };
    switch (step.kind) {
      case 'aws-action':
        return {
          ...base,
          calls: step.calls.map(c => preview(gateway, c)),
          ...(step.alreadyDone
            ? { detail: 'Not idempotent: reads the current state first and does not act again if it already took effect' }
            : {}),
        };
      case 'wait-until':
        return {
          ...base,
          calls: (c => (c ? [preview(gateway, c)] : []))(step.probe({}, now)),
          detail: `Polls every ${step.intervalSeconds}s, gives up after ${step.timeoutSeconds}s`,
        };
      case 'http-check':
        return { ...base, calls: [], detail: `GET ${step.urls.join(' and ')}` };
      case 'approval':
        return { ...base, calls: [], detail: step.prompt };
      case 'note':
      default:
        return { ...base, calls: [], detail: step.message };
    }
  });
}

/** Definitions must be DAGs whose dependencies come earlier: checked in tests and at start. */
export function assertValidGraph(steps: RunbookStep[]): void {
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.id)) throw new Error(`duplicate step id ${step.id}`);
    for (const dep of step.dependsOn) {
      if (!seen.has(dep)) throw new Error(`step ${step.id} depends on ${dep}, which is not an earlier step`);
    }
    seen.add(step.id);
  }
}
