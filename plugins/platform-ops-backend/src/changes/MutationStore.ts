import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import { AwsCallPreview, MutationRecord, MutationStatus } from './types';

const TABLE = 'platform_ops_mutations';

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
}

function toIso(value: Date | string | null): string | undefined {
  if (value === null) return undefined;
  return new Date(value).toISOString();
}

function fromRow(row: Row): MutationRecord {
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
    result: row.result ? (JSON.parse(row.result) as JsonObject) : undefined,
    error: row.error ?? undefined,
    startedAt: toIso(row.started_at)!,
    finishedAt: toIso(row.finished_at),
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
    record: Omit<MutationRecord, 'finishedAt' | 'result' | 'error'>,
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

  /** Change history of one catalog entity, newest first. */
  async listForTarget(targetRef: string, limit = 50): Promise<MutationRecord[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ target_ref: targetRef.toLowerCase() })
      .orderBy('started_at', 'desc')
      .limit(limit);
    return rows.map(fromRow);
  }
}
