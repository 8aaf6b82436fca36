import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import {
  ExecutionRecord,
  ExecutionStatus,
  LogRecord,
  PlanStep,
  RunbookTarget,
  RunMode,
  StepKind,
  StepRecord,
  StepStatus,
} from '../types';

const EXECUTIONS = 'platform_ops_runbook_executions';
const STEPS = 'platform_ops_runbook_steps';
const LOGS = 'platform_ops_runbook_logs';

interface ExecutionRow {
  id: string;
  runbook_id: string;
  target_ref: string;
  active_target_ref: string | null;
  idempotency_key: string;
  environment: string;
  actor: string;
  reason: string;
  mode: RunMode;
  status: ExecutionStatus;
  cancel_requested: boolean | number;
  cancelled_by: string | null;
  target: string;
  resolved: string;
  plan: string;
  rto_target_seconds: number | null;
  lease_owner: string | null;
  lease_expires_at: number | string | null;
  created_at: number | string;
  started_at: number | string | null;
  finished_at: number | string | null;
  error: string | null;
}

interface StepRow {
  execution_id: string;
  step_id: string;
  position: number;
  kind: StepKind;
  title: string;
  status: StepStatus;
  attempts: number;
  memo: string | null;
  output: string | null;
  error: string | null;
  approved_by: string | null;
  started_at: number | string | null;
  finished_at: number | string | null;
}

interface LogRow {
  id: number;
  execution_id: string;
  step_id: string | null;
  level: LogRecord['level'];
  message: string;
  at: number | string;
}

/** PostgreSQL returns bigint as a string; SQLite as a number. */
function ms(value: number | string | null): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function iso(value: number | string | null): string | undefined {
  const n = ms(value);
  return n === undefined ? undefined : new Date(n).toISOString();
}

function json<T>(value: string | null): T | undefined {
  return value ? (JSON.parse(value) as T) : undefined;
}

function toExecution(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id,
    runbookId: row.runbook_id,
    targetRef: row.target_ref,
    environment: row.environment,
    idempotencyKey: row.idempotency_key,
    actor: row.actor,
    reason: row.reason,
    mode: row.mode,
    status: row.status,
    cancelRequested: Boolean(row.cancel_requested),
    cancelledBy: row.cancelled_by ?? undefined,
    target: JSON.parse(row.target) as RunbookTarget,
    resolved: JSON.parse(row.resolved) as JsonObject,
    plan: JSON.parse(row.plan) as PlanStep[],
    rtoTargetSeconds: row.rto_target_seconds ?? undefined,
    leaseOwner: row.lease_owner ?? undefined,
    leaseExpiresAt: ms(row.lease_expires_at),
    createdAt: iso(row.created_at)!,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error ?? undefined,
  };
}

function toStep(row: StepRow): StepRecord {
  return {
    executionId: row.execution_id,
    stepId: row.step_id,
    position: row.position,
    kind: row.kind,
    title: row.title,
    status: row.status,
    attempts: row.attempts,
    memo: json<JsonObject>(row.memo),
    output: json<JsonObject>(row.output),
    error: row.error ?? undefined,
    approvedBy: row.approved_by ?? undefined,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export interface NewExecution {
  id: string;
  runbookId: string;
  targetRef: string;
  idempotencyKey: string;
  environment: string;
  actor: string;
  reason: string;
  mode: RunMode;
  target: RunbookTarget;
  resolved: JsonObject;
  plan: PlanStep[];
  rtoTargetSeconds: number;
  steps: Array<{ stepId: string; kind: StepKind; title: string }>;
}

/** Thrown when the target already has an active execution (the unique index said no). */
export class ActiveExecutionExistsError extends Error {
  constructor(readonly existing: ExecutionRecord) {
    super(`${existing.targetRef} already has an active runbook execution ${existing.id}`);
  }
}

/**
 * Durable state of runbook executions. Every state change that matters across replicas is a
 * conditional UPDATE whose row count says whether this replica won.
 */
export class ExecutionStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts an execution and its steps in one transaction. The same idempotency key returns
   * the existing execution; another active execution on the target is an
   * ActiveExecutionExistsError. Both are decided by unique indexes, so concurrent requests
   * on different replicas agree.
   */
  async create(
    input: NewExecution,
    nowMs: number,
  ): Promise<{ created: boolean; execution: ExecutionRecord }> {
    const targetRef = input.targetRef.toLowerCase();
    try {
      await this.db.transaction(async tx => {
        await tx<ExecutionRow>(EXECUTIONS).insert({
          id: input.id,
          runbook_id: input.runbookId,
          target_ref: targetRef,
          active_target_ref: targetRef,
          idempotency_key: input.idempotencyKey,
          environment: input.environment,
          actor: input.actor,
          reason: input.reason,
          mode: input.mode,
          status: 'queued',
          cancel_requested: false,
          target: JSON.stringify(input.target),
          resolved: JSON.stringify(input.resolved),
          plan: JSON.stringify(input.plan),
          rto_target_seconds: input.rtoTargetSeconds,
          created_at: nowMs,
        });
        await tx<StepRow>(STEPS).insert(
          input.steps.map((step, position) => ({
            execution_id: input.id,
            step_id: step.stepId,
            position,
            kind: step.kind,
            title: step.title,
            status: 'pending' as StepStatus,
            attempts: 0,
          })),
        );
      });
      return { created: true, execution: (await this.get(input.id))! };
    } catch (error) {
      const byKey = await this.findByKey(input.idempotencyKey);
      if (byKey) return { created: false, execution: byKey };
      const active = await this.findActive(targetRef);
      if (active) throw new ActiveExecutionExistsError(active);
      throw error;
    }
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const row = await this.db<ExecutionRow>(EXECUTIONS).where({ id }).first();
    return row ? toExecution(row) : undefined;
  }

  async findByKey(idempotencyKey: string): Promise<ExecutionRecord | undefined> {
    const row = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row ? toExecution(row) : undefined;
  }

  async findActive(targetRef: string): Promise<ExecutionRecord | undefined> {
    const row = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ active_target_ref: targetRef.toLowerCase() })
      .first();
    return row ? toExecution(row) : undefined;
  }

  /** Newest first; all targets when targetRef is undefined. */
  async list(targetRef: string | undefined, limit = 50): Promise<ExecutionRecord[]> {
    const query = this.db<ExecutionRow>(EXECUTIONS).orderBy('created_at', 'desc').limit(limit);
    if (targetRef) query.where({ target_ref: targetRef.toLowerCase() });
    return (await query).map(toExecution);
  }

  /**
   * Claims up to `limit` runnable executions for `owner`: its own, unleased ones and those
   * whose lease expired (their replica died). Each claim is a conditional UPDATE, so two
   * replicas never both win the same execution.
   */
  async claim(owner: string, nowMs: number, leaseMs: number, limit: number): Promise<string[]> {
    const candidates = await this.db<ExecutionRow>(EXECUTIONS)
      .select('id', 'lease_owner', 'lease_expires_at')
      .whereIn('status', ['queued', 'running'])
      .andWhere(q =>
        q
          .whereNull('lease_owner')
          .orWhere('lease_owner', owner)
          .orWhere('lease_expires_at', '<', nowMs),
      )
      .orderBy('created_at', 'asc')
      .limit(limit);
    const claimed: string[] = [];
    for (const candidate of candidates) {
      const count = await this.db<ExecutionRow>(EXECUTIONS)
        .where({ id: candidate.id })
        .whereIn('status', ['queued', 'running'])
        .andWhere(q =>
          q
            .whereNull('lease_owner')
            .orWhere('lease_owner', owner)
            .orWhere('lease_expires_at', '<', nowMs),
        )
        .update({ lease_owner: owner, lease_expires_at: nowMs + leaseMs });
      if (count === 1) claimed.push(candidate.id);
    }
    return claimed;
  }

  /** Extends the lease; false when another replica took it (then stop working on it). */
  async renew(id: string, owner: string, nowMs: number, leaseMs: number): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id, lease_owner: owner })
      .whereIn('status', ['queued', 'running'])
      .update({ lease_expires_at: nowMs + leaseMs });
    return count === 1;
  }

  async markRunning(id: string, owner: string, nowMs: number): Promise<void> {
    await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id, lease_owner: owner, status: 'queued' })
      .update({ status: 'running', started_at: nowMs });
  }

  /** Ends the execution, frees the target for the next one, and drops the lease. */
  async finish(
    id: string,
    owner: string,
    status: Exclude<ExecutionStatus, 'queued' | 'running'>,
    nowMs: number,
    error?: string,
  ): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id, lease_owner: owner })
      .whereIn('status', ['queued', 'running'])
      .update({
        status,
        finished_at: nowMs,
        active_target_ref: null,
        lease_owner: null,
        lease_expires_at: null,
        error: error ?? null,
      });
    return count === 1;
  }

  /** Cancel takes effect between steps: the worker sees the flag before starting the next. */
  async requestCancel(id: string, actor: string): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id })
      .whereIn('status', ['queued', 'running'])
      .update({ cancel_requested: true, cancelled_by: actor });
    return count === 1;
  }

  async steps(executionId: string): Promise<StepRecord[]> {
    const rows = await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId })
      .orderBy('position', 'asc');
    return rows.map(toStep);
  }

  /**
   * Records that a step starts. Only a pending step can start (conditional UPDATE): this is
   * what keeps a step from being started twice by racing workers.
   */
  async startStep(executionId: string, stepId: string, nowMs: number, owner: string): Promise<boolean> {
    const count = await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId, step_id: stepId, status: 'pending' })
      .whereExists(q => q.select(this.db.raw('1')).from(EXECUTIONS).where({ id: executionId, lease_owner: owner }))
      .update({ status: 'running', started_at: nowMs, attempts: 1 });
    return count === 1;
  }

  /** A resumed step (started by a replica that died) counts one more attempt. */
  async resumeStep(executionId: string, stepId: string): Promise<void> {
    await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId, step_id: stepId, status: 'running' })
      .increment('attempts', 1);
  }

  async saveMemo(executionId: string, stepId: string, memo: JsonObject): Promise<void> {
    await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId, step_id: stepId })
      .update({ memo: JSON.stringify(memo) });
  }

  /**
   * Records a step's new status, only while `owner` holds the execution's lease (checked in
   * the same statement): a replica that lost its lease mid-step cannot overwrite the work of
   * the one that resumed it. Returns false when the lease was lost.
   */
  async setStepStatus(
    executionId: string,
    stepId: string,
    status: StepStatus,
    nowMs: number,
    owner: string,
    extra: { output?: JsonObject; error?: string; approvedBy?: string } = {},
  ): Promise<boolean> {
    const terminal = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const count = await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId, step_id: stepId })
      .whereExists(q => q.select(this.db.raw('1')).from(EXECUTIONS).where({ id: executionId, lease_owner: owner }))
      .update({
        status,
        ...(terminal ? { finished_at: nowMs } : {}),
        ...(extra.output !== undefined ? { output: JSON.stringify(extra.output) } : {}),
        ...(extra.error !== undefined ? { error: extra.error } : {}),
        ...(extra.approvedBy !== undefined ? { approved_by: extra.approvedBy } : {}),
      });
    return count === 1;
  }

  /** Records an approval; only a step waiting for one can be approved, and only once. */
  async approveStep(executionId: string, stepId: string, approver: string): Promise<boolean> {
    const count = await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId, step_id: stepId, status: 'waiting-approval' })
      .whereNull('approved_by')
      .update({ approved_by: approver });
    return count === 1;
  }

  async cancelPendingSteps(executionId: string, nowMs: number): Promise<void> {
    await this.db<StepRow>(STEPS)
      .where({ execution_id: executionId })
      .whereIn('status', ['pending', 'waiting-approval'])
      .update({ status: 'cancelled', finished_at: nowMs });
  }

  async log(
    executionId: string,
    stepId: string | undefined,
    level: LogRecord['level'],
    message: string,
    nowMs: number,
  ): Promise<void> {
    await this.db<LogRow>(LOGS).insert({
      execution_id: executionId,
      step_id: stepId ?? null,
      level,
      message: message.slice(0, 4000),
      at: nowMs,
    });
  }

  async logs(executionId: string): Promise<LogRecord[]> {
    const rows = await this.db<LogRow>(LOGS)
      .where({ execution_id: executionId })
      .orderBy('id', 'asc');
    return rows.map(row => ({
      stepId: row.step_id ?? undefined,
      level: row.level,
      message: row.message,
      at: iso(row.at)!,
    }));
  }
}
