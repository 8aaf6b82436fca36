import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { RunbookTakeover } from '@platformops/plugin-platform-ops-common';
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
import { dbNow, dbNowPlus } from './dbClock';
import { Claim, LeaseToken } from './lease';

const EXECUTIONS = 'platform_ops_runbook_executions';
const STEPS = 'platform_ops_runbook_steps';
const LOGS = 'platform_ops_runbook_logs';
const TAKEOVERS = 'platform_ops_runbook_takeovers';

interface TakeoverRow {
  execution_id: string;
  replica: string;
  previous_replica: string;
  lease_expired_at: number | string;
  at: number | string;
  lease_epoch: number;
  interrupted_steps: string;
}

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
  lease_epoch: number | string;
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
    leaseEpoch: Number(row.lease_epoch ?? 0),
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
   * Claims up to `limit` runnable executions for `owner`: its own live leases (extended, same
   * epoch: its in-flight work stays valid), unleased ones and those whose lease expired (their
   * replica died or stalled), which get a new epoch. Each claim is a compare-and-set on the
   * epoch read, so two replicas never both win the same execution, and expiry is judged by
   * the database's clock, never a replica's.
   */
  async claim(owner: string, leaseMs: number, limit: number): Promise<Claim[]> {
    const now = dbNow(this.db);
    const candidates = await this.db<ExecutionRow>(EXECUTIONS)
      .select('id', 'lease_owner', 'lease_expires_at', 'lease_epoch')
      .whereIn('status', ['queued', 'running'])
      .andWhere(q =>
        q
          .whereNull('lease_owner')
          .orWhere('lease_owner', owner)
          .orWhere('lease_expires_at', '<', now),
      )
      .orderBy('created_at', 'asc')
      .limit(limit);
    const claimed: Claim[] = [];
    for (const candidate of candidates) {
      const epoch = Number(candidate.lease_epoch ?? 0);
      const ours = candidate.lease_owner === owner;
      // Our own lease, still live: extend it without a new epoch.
      if (ours && (await this.renew({ executionId: candidate.id, owner, epoch }, leaseMs))) {
        claimed.push({ token: { executionId: candidate.id, owner, epoch } });
        continue;
      }
      const count = await this.db<ExecutionRow>(EXECUTIONS)
        .where({ id: candidate.id, lease_epoch: epoch })
        .whereIn('status', ['queued', 'running'])
        .andWhere(q => q.whereNull('lease_owner').orWhere('lease_expires_at', '<', dbNow(this.db)))
        .update({ lease_owner: owner, lease_epoch: epoch + 1, lease_expires_at: dbNowPlus(this.db, leaseMs) });
      if (count !== 1) continue;
      const token = { executionId: candidate.id, owner, epoch: epoch + 1 };
      const previous = candidate.lease_owner;
      const expiredAt = ms(candidate.lease_expires_at);
      claimed.push(
        previous && previous !== owner && expiredAt !== undefined
          ? { token, takenOver: { from: previous, expiredAt } }
          : { token },
      );
    }
    return claimed;
  }

  /**
   * Runs a state write in one transaction with the fence: first a conditional UPDATE of the
   * execution row that matches only while `token` is its current, unexpired lease. It takes
   * the row's lock, so a replica claiming the execution at the same moment waits for this
   * write to commit (and then sees it) or wins first (and then this write changes nothing).
   * Returns the write's row count, or undefined when the lease is not held.
   */
  private async fenced(
    token: LeaseToken,
    write: (tx: Knex.Transaction) => Promise<number>,
  ): Promise<number | undefined> {
    return this.db.transaction(async tx => {
      const held = await tx<ExecutionRow>(EXECUTIONS)
        .where({ id: token.executionId, lease_owner: token.owner, lease_epoch: token.epoch })
        .andWhere('lease_expires_at', '>', dbNow(tx))
        .update({ lease_epoch: token.epoch });
      if (held !== 1) return undefined;
      return write(tx);
    });
  }

  /**
   * Extends the lease (heartbeat, and before each AWS call); false when the token is no
   * longer current or the lease already expired: then stop, and send nothing more.
   */
  async renew(token: LeaseToken, leaseMs: number): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id: token.executionId, lease_owner: token.owner, lease_epoch: token.epoch })
      .whereIn('status', ['queued', 'running'])
      .andWhere('lease_expires_at', '>', dbNow(this.db))
      .update({ lease_expires_at: dbNowPlus(this.db, leaseMs) });
    return count === 1;
  }

  /** The database's clock, epoch ms (what leases are measured against). */
  async databaseNow(): Promise<number> {
    const row = await this.db.select(this.db.raw(`${dbNow(this.db).toQuery()} as now`)).first();
    return Number((row as { now: number | string }).now);
  }

  async markRunning(token: LeaseToken, nowMs: number): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id: token.executionId, lease_owner: token.owner, lease_epoch: token.epoch, status: 'queued' })
      .andWhere('lease_expires_at', '>', dbNow(this.db))
      .update({ status: 'running', started_at: nowMs });
    return count === 1;
  }

  /** Ends the execution, frees the target for the next one, and drops the lease. */
  async finish(
    token: LeaseToken,
    status: Exclude<ExecutionStatus, 'queued' | 'running'>,
    nowMs: number,
    error?: string,
  ): Promise<boolean> {
    const count = await this.db<ExecutionRow>(EXECUTIONS)
      .where({ id: token.executionId, lease_owner: token.owner, lease_epoch: token.epoch })
      .whereIn('status', ['queued', 'running'])
      .andWhere('lease_expires_at', '>', dbNow(this.db))
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
  async startStep(token: LeaseToken, stepId: string, nowMs: number): Promise<boolean> {
    const count = await this.fenced(token, tx =>
      tx<StepRow>(STEPS)
        .where({ execution_id: token.executionId, step_id: stepId, status: 'pending' })
        .update({ status: 'running', started_at: nowMs, attempts: 1 }),
    );
    return count === 1;
  }

  /** A resumed step (started by a replica that died) counts one more attempt. */
  async resumeStep(token: LeaseToken, stepId: string): Promise<boolean> {
    const count = await this.fenced(token, async tx =>
      Number(
        await tx<StepRow>(STEPS)
          .where({ execution_id: token.executionId, step_id: stepId, status: 'running' })
          .increment('attempts', 1),
      ),
    );
    return count === 1;
  }

  /** The intent of a step, recorded before it sends anything; fenced like every write. */
  async saveMemo(token: LeaseToken, stepId: string, memo: JsonObject): Promise<boolean> {
    const count = await this.fenced(token, tx =>
      tx<StepRow>(STEPS)
        .where({ execution_id: token.executionId, step_id: stepId })
        .update({ memo: JSON.stringify(memo) }),
    );
    return count === 1;
  }

  /**
   * Records a step's new status, only while `owner` holds the execution's lease (checked in
   * the same statement, with the lease's epoch): a replica that lost its lease mid-step cannot overwrite the work of
   * the one that resumed it. Returns false when the lease was lost.
   */
  async setStepStatus(
    token: LeaseToken,
    stepId: string,
    status: StepStatus,
    nowMs: number,
    extra: { output?: JsonObject; error?: string; approvedBy?: string } = {},
  ): Promise<boolean> {
    const terminal = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const count = await this.fenced(token, tx =>
      tx<StepRow>(STEPS)
        .where({ execution_id: token.executionId, step_id: stepId })
        .update({
          status,
          ...(terminal ? { finished_at: nowMs } : {}),
          ...(extra.output !== undefined ? { output: JSON.stringify(extra.output) } : {}),
          ...(extra.error !== undefined ? { error: extra.error } : {}),
          ...(extra.approvedBy !== undefined ? { approved_by: extra.approvedBy } : {}),
        }),
    );
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

  async cancelPendingSteps(token: LeaseToken, nowMs: number): Promise<void> {
    await this.fenced(token, tx =>
      tx<StepRow>(STEPS)
        .where({ execution_id: token.executionId })
        .whereIn('status', ['pending', 'waiting-approval'])
        .update({ status: 'cancelled', finished_at: nowMs }),
    );
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

  /**
   * Records that `token`'s owner took the execution over from `from`, whose lease expired at
   * `expiredAt`, with the steps in progress at that moment. Fenced: a replica that already
   * lost this fresh claim records nothing. Returns the interrupted step ids.
   */
  async recordTakeover(
    token: LeaseToken,
    takeover: { from: string; expiredAt: number },
    nowMs: number,
  ): Promise<string[] | undefined> {
    let interrupted: string[] = [];
    const count = await this.fenced(token, async tx => {
      interrupted = (
        await tx<StepRow>(STEPS)
          .select('step_id')
          .where({ execution_id: token.executionId, status: 'running' })
          .orderBy('position', 'asc')
      ).map(r => r.step_id);
      await tx<TakeoverRow>(TAKEOVERS).insert({
        execution_id: token.executionId,
        replica: token.owner,
        previous_replica: takeover.from,
        lease_expired_at: takeover.expiredAt,
        at: nowMs,
        lease_epoch: token.epoch,
        interrupted_steps: JSON.stringify(interrupted),
      });
      return 1;
    });
    return count === undefined ? undefined : interrupted;
  }

  /** The execution's takeovers, oldest first, with the interrupted steps' titles. */
  async takeovers(executionId: string): Promise<RunbookTakeover[]> {
    const [rows, steps] = await Promise.all([
      this.db<TakeoverRow>(TAKEOVERS).where({ execution_id: executionId }).orderBy('lease_epoch', 'asc'),
      this.db<StepRow>(STEPS).select('step_id', 'title').where({ execution_id: executionId }),
    ]);
    const titles = new Map(steps.map(s => [s.step_id, s.title]));
    return rows.map(row => ({
      at: iso(row.at)!,
      replica: row.replica,
      previousReplica: row.previous_replica,
      leaseExpiredAt: iso(row.lease_expired_at)!,
      interruptedSteps: (JSON.parse(row.interrupted_steps) as string[]).map(stepId => ({
        stepId,
        title: titles.get(stepId) ?? stepId,
      })),
    }));
  }
}
