import { JsonObject, JsonValue } from '@backstage/types';
import { AwsCallPreview, AwsCommand, AwsServiceName } from '../aws/types';

export type { AwsCallPreview };

/** One AWS call a change will make: what `gateway.preview` describes and `gateway.send` sends. */
export interface PlannedCall {
  service: AwsServiceName;
  command: AwsCommand;
}

export type MutationStatus = 'running' | 'succeeded' | 'failed' | 'dry-run';

/** One value a change sets: what it was when the change was planned, and what it asks for. */
export interface FieldChange {
  field: string;
  before: JsonValue;
  after: JsonValue;
}

/** Which rows a history page lists: real changes, dry-runs, or both. */
export type HistoryKind = 'changes' | 'dry-runs' | 'all';

export interface HistoryQuery {
  kind?: HistoryKind;
  /** Rows per page (1-200, default 50). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string;
}

/** A row of the change history. */
export interface MutationRecord {
  id: string;
  idempotencyKey: string;
  action: string;
  targetRef: string;
  actor: string;
  reason: string;
  dryRun: boolean;
  input: JsonObject;
  plan: AwsCallPreview[];
  status: MutationStatus;
  result?: JsonObject;
  error?: string;
  startedAt: string;
  finishedAt?: string;
  /** Before -> after of every value the change sets (absent on rows older than the column). */
  changes?: FieldChange[];
  /** Request ids of the AWS calls it made, in order (for AWS support and CloudTrail). */
  awsRequestIds?: string[];
  /**
   * How it really ended: the status, except for a runbook start, whose row succeeds when
   * the execution is queued: there it is the execution's own status (failed, cancelled...).
   */
  outcome?: string;
}

export interface HistoryPage {
  items: MutationRecord[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** What every change carries besides its own input (parsed from the body by the HTTP layer). */
export interface MutationEnvelope {
  /** Why the change is made: shown in history and the audit log. */
  reason: string;
  dryRun: boolean;
  idempotencyKey?: string;
}
