import {
  BudgetStatus,
  fleetAttention,
  FleetListItem,
  PlatformEnvironment,
  queueAttention,
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
  /** A queue's or fleet's row (the ones the strip caps), by what it is about. */
  kind?: 'queue' | 'fleet';
  /** The row's text links to this Platform Ops tab ("and 12 more queues needing attention"). */
  tab?: 'queues' | 'fleet';
}

/** Queue and fleet rows a tile shows; the rest are counted and link to their tab. */
export const MAX_ATTENTION_ROWS = 8;

export interface EnvironmentHealth {
  environment: PlatformEnvironment;
  rows: HealthRow[];
  worst: Severity;
  /** Reads that failed for this environment (the other rows still show). */
  problems: string[];
}

export interface HealthInputs {
  environments: PlatformEnvironment[];
  /** The fleets and queues needing attention (the lists' ?needsAttention=true); others are left out. */
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

/** The fleet's row when it needs attention (common's fleetAttention: the list's filter too). */
function fleetRows(f: FleetListItem): HealthRow[] {
  const attention = fleetAttention(f);
  if (!attention) return [];
  const base = { key: `fleet:${f.entityRef}`, entityRef: f.entityRef, subject: f.asgName, kind: 'fleet' as const };
  if (attention.kind === 'not-found') return [{ ...base, severity: 'warning', text: 'not in AWS yet (Terraform not applied)' }];
  return [
    {
      ...base,
      severity: 'warning',
      text: `converging, ${f.inService} of ${f.desiredCapacity} in service (${f.pending} pending, ${f.terminating} terminating)`,
      // From the group's scaling activities, read by the list for converging groups only.
      since: f.convergingSince,
    },
  ];
}

/** One row per reason the queue needs attention (common's queueAttention: the list's filter too). */
function queueRows(q: QueueListItem): HealthRow[] {
  const base = { entityRef: q.entityRef, subject: q.queueName, kind: 'queue' as const };
  return queueAttention(q).map((reason): HealthRow => {
    switch (reason.kind) {
      case 'not-found':
        return { ...base, key: `queue:${q.entityRef}`, severity: 'warning', text: 'not in AWS yet (Terraform not applied)' };
      // The list's depths come from CloudWatch, which has nothing for a queue not created yet
      // (nor for one idle for hours): the queue's own page asks SQS which it is.
      case 'no-depth':
        return { ...base, key: `queue:${q.entityRef}`, severity: 'warning', text: 'no CloudWatch data in the last hour (not in AWS yet, or idle)' };
      case 'alarm':
        return {
          ...base,
          key: `alarm:${reason.alarm.name}`,
          severity: 'error',
          subject: reason.alarm.name,
          text: `ALARM: ${alarmCondition(reason.alarm, q.dlqName)}`,
          since: reason.alarm.stateUpdatedAt,
        };
      default:
        // The list names the age alarm's threshold even while the alarm is OK (it only counts OK alarms).
        return {
          ...base,
          key: `age:${q.entityRef}`,
          severity: 'warning',
          text: `${q.visible} waiting, oldest ${Math.round(reason.oldestAgeSeconds)} s (alarm above ${reason.threshold} s)${
            q.dlqName ? `, DLQ ${q.dlqVisible ?? '?'}` : ''
          }`,
        };
    }
  });
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * "N queues and M GPU fleets healthy": the environment's inventory less those needing
 * attention (the strip reads only those); a kind with none healthy is left out, and the row
 * too when neither has any. Not shown when a list read failed for the environment: what
 * could not be read is not known to be healthy.
 */
function healthySummary(environment: PlatformEnvironment, attention: HealthRow[]): HealthRow | undefined {
  const flagged = new Set(attention.map(r => r.entityRef));
  const healthy = (kind: 'queue' | 'gpu-fleet') => environment.resources.filter(r => r.kind === kind && !flagged.has(r.entityRef)).length;
  const counts = [
    [healthy('queue'), 'queue', 'queues'],
    [healthy('gpu-fleet'), 'GPU fleet', 'GPU fleets'],
  ] as const;
  const said = counts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
  if (said.length === 0) return undefined;
  return {
    key: `healthy:${environment.name}`,
    severity: 'ok',
    entityRef: environment.entityRef,
    subject: '',
    text: `${said.join(' and ')} healthy`,
  };
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

const worstOf = (rows: HealthRow[]) => rows.reduce<Severity>((w, r) => (RANK[r.severity] < RANK[w] ? r.severity : w), 'ok');

/** "and N more needing attention" per tab, for the queue and fleet rows past the cap. */
function moreRows(environment: string, hidden: HealthRow[]): HealthRow[] {
  return (['queue', 'fleet'] as const).flatMap(kind => {
    const rows = hidden.filter(r => r.kind === kind);
    if (rows.length === 0) return [];
    const tab = kind === 'queue' ? 'queues' : 'fleet';
    return [
      {
        key: `more:${environment}:${kind}`,
        severity: worstOf(rows),
        entityRef: '',
        subject: '',
        text: `and ${plural(rows.length, `more ${kind === 'queue' ? 'queue' : 'GPU fleet'}`, `more ${kind === 'queue' ? 'queues' : 'GPU fleets'}`)} needing attention`,
        tab,
      },
    ];
  });
}

/**
 * Composes each environment's health from the existing reads: alarms in ALARM first, then
 * converging fleets, queue age past its alarm threshold, the budget and running runbooks.
 * Rows are sorted worst first, so the strip reads top-down like a pager. Queue and fleet rows
 * stop at MAX_ATTENTION_ROWS (at 250 queues a tile was hundreds of rows), then "and N more"
 * per tab, then one row counting the environment's other queues and fleets as healthy.
 */
export function environmentHealth(input: HealthInputs): EnvironmentHealth[] {
  return input.environments.map(environment => {
    const name = environment.name;
    const attention = [
      ...input.queues.filter(q => q.environment === name).flatMap(queueRows),
      ...input.fleets.filter(f => f.environment === name).flatMap(fleetRows),
    ].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const rows: HealthRow[] = [
      ...attention.slice(0, MAX_ATTENTION_ROWS),
      ...input.executions.filter(e => e.environment === name && (e.status === 'queued' || e.status === 'running')).map(executionRow),
    ];
    const budget = budgetRow(environment, input.budgets.get(name));
    if (budget) rows.push(budget);
    rows.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    // The "more" rows follow the last queue or fleet row shown.
    const lastShown = rows.map(r => r.kind !== undefined).lastIndexOf(true);
    rows.splice(lastShown + 1, 0, ...moreRows(name, attention.slice(MAX_ATTENTION_ROWS)));
    const problems = input.problems.filter(p => p.environment === name).map(p => p.message);
    const healthy = problems.length === 0 ? healthySummary(environment, attention) : undefined;
    if (healthy) rows.push(healthy);
    return { environment, rows, worst: worstOf([...rows, ...attention]), problems };
  });
}
