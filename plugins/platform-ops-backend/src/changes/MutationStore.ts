import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { decodeHistoryCursor, encodeHistoryCursor } from './historyCursor';
import { AwsCallPreview, FieldChange, HistoryPage, HistoryQuery, MutationRecord, MutationStatus } from './types';

const TABLE = 'platform_ops_mutations';
/** Read only, for the real outcome of runbook start rows (the runbook engine owns it). */
const EXECUTIONS = 'platform_ops_runbook_executions';

interface Row {
  id: string;
  idempotency_key: string;
  action: string;
  target_ref: string;
  actor: string;
  reason: string;
  dry_run: boolean | number;
  input: string;
  plan: string | null;
  status: MutationStatus;
  result: string | null;
  error: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
  changes?: string | null;
}

function toIso(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return new Date(value).toISOString();
}

function fromRow(row: Row): MutationRecord {
  const result = row.result ? (JSON.parse(row.result) as JsonObject) : undefined;
  const requestIds = result?.awsRequestIds;
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    action: row.action,
    targetRef: row.target_ref,
    actor: row.actor,
    reason: row.reason,
    dryRun: Boolean(row.dry_run),
    input: JSON.parse(row.input) as JsonObject,
    plan: row.plan ? (JSON.parse(row.plan) as AwsCallPreview[]) : [],
    status: row.status,
    result,
    error: row.error ?? undefined,
    startedAt: toIso(row.started_at)!,
    finishedAt: toIso(row.finished_at),
    ...(row.changes ? { changes: JSON.parse(row.changes) as FieldChange[] } : {}),
    ...(Array.isArray(requestIds) ? { awsRequestIds: requestIds.map(String) } : {}),
    outcome: row.status,
  };
}

/** Durable record of every mutation: idempotency, history and audit trail in one table. */
export class MutationStore {
  constructor(private readonly db: Knex) {}

  /**
   * Inserts a new mutation unless its idempotency key exists. Returns the existing row when
   * it does: the unique index makes this safe across backend replicas.
   */
  async claim(
    record: Omit<MutationRecord, 'finishedAt' | 'result' | 'error' | 'awsRequestIds' | 'outcome'>,
  ): Promise<{ created: boolean; record: MutationRecord }> {
    try {
      await this.db<Row>(TABLE).insert({
        id: record.id,
        idempotency_key: record.idempotencyKey,
        action: record.action,
        target_ref: record.targetRef,
        actor: record.actor,
        reason: record.reason,
        dry_run: record.dryRun,
        input: JSON.stringify(record.input),
        plan: JSON.stringify(record.plan),
        status: record.status,
        started_at: new Date(record.startedAt),
        changes: record.changes ? JSON.stringify(record.changes) : null,
      });
      return { created: true, record: { ...record } };
    } catch (error) {
      const existing = await this.findByKey(record.idempotencyKey);
      if (existing) return { created: false, record: existing };
      throw error;
    }
  }

  async finish(
    id: string,
    outcome: { status: MutationStatus; result?: JsonObject; error?: string },
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id })
      .update({
        status: outcome.status,
        result: outcome.result ? JSON.stringify(outcome.result) : null,
        error: outcome.error ?? null,
        finished_at: new Date(),
      });
  }

  async findByKey(idempotencyKey: string): Promise<MutationRecord | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ idempotency_key: idempotencyKey })
      .first();
    return row ? fromRow(row) : undefined;
  }

  /**
   * Change history of one catalog entity, newest first, a page at a time. Keyset paging on
   * (started_at, id): rows written while someone pages never shift or repeat a page, and
   * dry-runs can be left out so a burst of them never pushes the real changes off a page.
   */
  async listForTarget(targetRef: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    let q = this.db<Row>(TABLE).where({ target_ref: targetRef.toLowerCase() });
    if (query.kind === 'changes') q = q.where({ dry_run: false });
    if (query.kind === 'dry-runs') q = q.where({ dry_run: true });
    if (query.cursor) {
      const { startedAt, id } = decodeHistoryCursor(query.cursor);
      const at = new Date(startedAt);
      q = q.where(w => w.where('started_at', '<', at).orWhere(inner => inner.where('started_at', '=', at).andWhere('id', '<', id)));
    }
    const rows = await q.orderBy([{ column: 'started_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit + 1);
    const items = await this.withRunbookOutcomes(rows.slice(0, limit).map(fromRow));
    const last = items[items.length - 1];
    return rows.length > limit && last ? { items, nextCursor: encodeHistoryCursor(last.startedAt, last.id) } : { items };
  }

  /** A runbook start row's outcome is its execution's status, not "the start was queued". */
  private async withRunbookOutcomes(items: MutationRecord[]): Promise<MutationRecord[]> {
    const executionIds = items.flatMap(i => (typeof i.result?.executionId === 'string' ? [i.result.executionId] : []));
    if (executionIds.length === 0 || !(await this.db.schema.hasTable(EXECUTIONS))) return items;
    const executions = await this.db(EXECUTIONS).whereIn('id', executionIds).select('id', 'status');
    const statusOf = new Map(executions.map((e: { id: string; status: string }) => [e.id, e.status]));
    return items.map(i => {
      const status = typeof i.result?.executionId === 'string' ? statusOf.get(i.result.executionId) : undefined;
      return status ? { ...i, outcome: status } : i;
    });
  }
}
