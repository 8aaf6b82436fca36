/**
 * What the runbooks API returns and takes (backend: plugins/platform-ops-backend/src/runbooks,
 * frontend: the PlatformOpsApi client). The backend's own records use these status and log
 * types so the two sides cannot drift.
 */

/** @public */
export type RunbookMode = 'live' | 'drill';

/** @public */
export interface RunbookSummary {
  id: string;
  title: string;
  description: string;
  rtoTargetMinutes: number;
  rpoTargetMinutes?: number;
}

/** @public */
export interface RunbooksForEntity {
  entityRef: string;
  environment: { name: string; tier: string };
  /** The environment's name: production starts must type it. */
  confirmationRequired?: string;
  activeExecutionId?: string;
  runbooks: RunbookSummary[];
}

/** @public */
export interface RunbookPreflightCheck {
  id: string;
  title: string;
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

/** @public */
export interface RunbookPlannedCall {
  service: string;
  command: string;
  input: Record<string, unknown>;
  accountId: string;
  region: string;
  plane?: 'control' | 'data';
  note?: string;
}

/** @public */
export interface RunbookPlanStep {
  stepId: string;
  title: string;
  kind: 'aws-action' | 'wait-until' | 'http-check' | 'approval' | 'note';
  dependsOn: string[];
  calls: RunbookPlannedCall[];
  detail?: string;
  alternative?: string;
}

/** @public */
export interface RunbookPreview {
  runbookId: string;
  targetRef: string;
  environment: string;
  mode: RunbookMode;
  confirmationRequired?: string;
  rtoTargetMinutes: number;
  rpoTargetMinutes?: number;
  preflight: RunbookPreflightCheck[];
  plan: RunbookPlanStep[];
}

/** @public */
export type RunbookExecutionStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** @public */
export type RunbookStepStatus =
  | 'pending'
  | 'running'
  | 'waiting-approval'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** @public */
export interface RunbookStepRecord {
  stepId: string;
  position: number;
  kind: RunbookPlanStep['kind'];
  title: string;
  status: RunbookStepStatus;
  attempts: number;
  output?: Record<string, unknown>;
  error?: string;
  approvedBy?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** @public */
export interface RunbookLogRecord {
  stepId?: string;
  level: 'info' | 'warn' | 'error';
  message: string;
  at: string;
}

/**
 * A backend replica took over the execution because the replica running it stopped renewing
 * its claim (its lease expired: it died, stalled or lost the database). @public
 */
export interface RunbookTakeover {
  /** When the replica took over (database clock). */
  at: string;
  /** The replica that continued the run. */
  replica: string;
  /** The replica that was running it before. */
  previousReplica: string;
  /** When the previous replica's claim on the run ran out. */
  leaseExpiredAt: string;
  /**
   * Steps that were in progress at the takeover. The replica that took over reads their AWS
   * state (did the call already take effect?) before acting again.
   */
  interruptedSteps: { stepId: string; title: string }[];
}

/** A row of the history. @public */
export interface RunbookExecutionSummary {
  id: string;
  runbookId: string;
  targetRef: string;
  environment: string;
  actor: string;
  reason: string;
  mode: RunbookMode;
  status: RunbookExecutionStatus;
  cancelRequested: boolean;
  rtoTargetSeconds?: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

/** @public */
export interface RunbookExecution extends RunbookExecutionSummary {
  plan: RunbookPlanStep[];
  steps: RunbookStepRecord[];
  logs: RunbookLogRecord[];
  /** Every time a backend replica took the run over from another, oldest first. */
  takeovers: RunbookTakeover[];
  /** Seconds from start to end (or now): the measured RTO. */
  elapsedSeconds?: number;
}

/** @public */
export interface StartRunbookBody {
  entityRef: string;
  reason: string;
  mode: RunbookMode;
  confirm?: string;
  dryRun?: boolean;
  idempotencyKey?: string;
}

/** @public */
export type StartRunbookResult =
  | ({ dryRun: true } & RunbookPreview)
  | { dryRun: false; replayed: boolean; execution: RunbookExecution };
