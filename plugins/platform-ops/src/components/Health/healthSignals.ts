import {
  BudgetStatus,
  FleetListItem,
  PlatformEnvironment,
  QueueListItem,
  RunbookExecutionSummary,
} from '@platformops/plugin-platform-ops-common';
import { alarmCondition } from '../shared/alarmWords';

export type Severity = 'error' | 'warning' | 'ok' | 'info';

/** One line of an environment's health: what, how bad, since when, and the entity to open. */
export interface HealthRow {
  key: string;
  severity: Severity;
  /** The entity the row is about; the row links to it. */
  entityRef: string;
  /** Shown as the link text. */
  subject: string;
  text: string;
  /** ISO instant the condition started, when known ("for 12 min"). */
  since?: string;
}

export interface EnvironmentHealth {
  environment: PlatformEnvironment;
  rows: HealthRow[];
  worst: Severity;
  /** Reads that failed for this environment (the other rows still show). */
  problems: string[];
}

export interface HealthInputs {
  environments: PlatformEnvironment[];
  fleets: FleetListItem[];
  queues: QueueListItem[];
  /** Budget per environment name, or the error that read gave. */
  budgets: Map<string, BudgetStatus | Error>;
  executions: RunbookExecutionSummary[];
  /** Per-environment read problems from the fleet and queue lists. */
  problems: Array<{ environment: string; message: string }>;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

const amount = (n: number, currency: string) => `${currency} ${Math.round(n).toLocaleString('en-US')}`;

function fleetRow(f: FleetListItem): HealthRow {
  const base = { key: `fleet:${f.entityRef}`, entityRef: f.entityRef, subject: f.asgName };
  if (!f.found) return { ...base, severity: 'warning', text: 'not in AWS yet (Terraform not applied)' };
  const converged = f.inService === f.desiredCapacity && f.pending === 0 && f.terminating === 0;
  if (converged) return { ...base, severity: 'ok', text: `converged, ${f.inService} of ${f.desiredCapacity} in service` };
  return {
    ...base,
    severity: 'warning',
    text: `converging, ${f.inService} of ${f.desiredCapacity} in service (${f.pending} pending, ${f.terminating} terminating)`,
    // From the group's scaling activities, read by the list for converging groups only.
    since: f.convergingSince,
  };
}

function queueRows(q: QueueListItem): HealthRow[] {
  const rows: HealthRow[] = [];
  if (!q.found) {
    return [{ key: `queue:${q.entityRef}`, severity: 'warning', entityRef: q.entityRef, subject: q.queueName, text: 'not in AWS yet (Terraform not applied)' }];
  }
  // The list's depths come from CloudWatch, which has nothing for a queue not created yet
  // (nor for one idle for hours): the queue's own page asks SQS which it is.
  if (q.depthSource === 'cloudwatch' && !q.depthAsOf) {
    rows.push({ key: `queue:${q.entityRef}`, severity: 'warning', entityRef: q.entityRef, subject: q.queueName, text: 'no CloudWatch data in the last hour (not in AWS yet, or idle)' });
  }
  for (const alarm of q.alarms.filter(a => a.state === 'ALARM')) {
    rows.push({
      key: `alarm:${alarm.name}`,
      severity: 'error',
      entityRef: q.entityRef,
      subject: alarm.name,
      text: `ALARM: ${alarmCondition(alarm, q.dlqName)}`,
      since: alarm.stateUpdatedAt,
    });
  }
  const oldest = q.oldestAgeSeconds;
  if (oldest !== undefined) {
    // The list names the age alarm's threshold even while the alarm is OK (it only counts OK alarms).
    const threshold = q.ageAlarmThreshold;
    const over = threshold !== undefined && oldest > threshold;
    rows.push({
      key: `age:${q.entityRef}`,
      severity: over ? 'warning' : 'ok',
      entityRef: q.entityRef,
      subject: q.queueName,
      text: `${q.visible} waiting, oldest ${Math.round(oldest)} s${threshold !== undefined ? ` (alarm above ${threshold} s)` : ''}${
        q.dlqName ? `, DLQ ${q.dlqVisible ?? '?'}` : ''
      }`,
    });
  }
  return rows;
}

function budgetRow(env: PlatformEnvironment, budget: BudgetStatus | Error | undefined): HealthRow | undefined {
  if (!budget) return undefined;
  const base = { key: `budget:${env.name}`, entityRef: env.entityRef, subject: 'Budget' };
  if (budget instanceof Error) return { ...base, severity: 'info', text: `not readable: ${budget.message}` };
  const { currency, monthToDate, forecastMonthTotal, percentOfBudget, monthLabel } = budget;
  const text = `${monthLabel}: ${amount(monthToDate, currency)} of ${amount(budget.budget.amount, currency)} (${Math.round(
    percentOfBudget,
  )} %), forecast ${amount(forecastMonthTotal, currency)}`;
  if (budget.forecastCrossesBudgetOn) return { ...base, severity: 'error', text: `${text}, over budget from ${budget.forecastCrossesBudgetOn}` };
  if (budget.forecastCrossesAlertOn || percentOfBudget >= budget.budget.alertThresholdPercent) {
    return { ...base, severity: 'warning', text: `${text}, past the ${budget.budget.alertThresholdPercent} % alert` };
  }
  return { ...base, severity: 'ok', text };
}

function executionRow(e: RunbookExecutionSummary): HealthRow {
  return {
    key: `run:${e.id}`,
    severity: 'info',
    entityRef: e.targetRef,
    subject: e.targetRef.split('/').pop() ?? e.targetRef,
    text: `runbook ${e.runbookId} ${e.status}${e.mode === 'drill' ? ' (drill)' : ''}, started by ${e.actor.split('/').pop()}`,
    since: e.startedAt ?? e.createdAt,
  };
}

/**
 * Composes each environment's health from the existing reads: alarms in ALARM first, then
 * converging fleets, queue age against its alarm threshold, the budget and running runbooks.
 * Rows are sorted worst first, so the strip reads top-down like a pager.
 */
export function environmentHealth(input: HealthInputs): EnvironmentHealth[] {
  return input.environments.map(environment => {
    const name = environment.name;
    const rows: HealthRow[] = [
      ...input.queues.filter(q => q.environment === name).flatMap(queueRows),
      ...input.fleets.filter(f => f.environment === name).map(fleetRow),
      ...input.executions.filter(e => e.environment === name && (e.status === 'queued' || e.status === 'running')).map(executionRow),
    ];
    const budget = budgetRow(environment, input.budgets.get(name));
    if (budget) rows.push(budget);
    rows.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const worst = rows.reduce<Severity>((w, r) => (RANK[r.severity] < RANK[w] ? r.severity : w), 'ok');
    return {
      environment,
      rows,
      worst,
      problems: input.problems.filter(p => p.environment === name).map(p => p.message),
    };
  });
}
