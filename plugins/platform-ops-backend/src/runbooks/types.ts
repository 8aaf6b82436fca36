import { JsonObject } from '@backstage/types';
import {
  AwsLocation,
  InventoryResource,
  PlatformEnvironment,
  RunbookExecutionStatus,
  RunbookLogRecord,
  RunbookMode,
  RunbookStepStatus,
  RunbookTakeover,
} from '@platformops/plugin-platform-ops-common';
import { AwsCommand, AwsCommandOutput, AwsServiceName } from '../aws/types';
import { AwsCallPreview } from '../changes/types';

/** The clock the engine runs on; the simulator's clocks have the same shape. */
export interface Clock {
  now(): Date;
}

/**
 * What a runbook acts on, resolved from the catalog at start and stored with the execution,
 * so a resumed run rebuilds exactly the same steps even if the catalog changed meanwhile.
 */
export interface RunbookTarget {
  entityRef: string;
  environment: PlatformEnvironment;
  /** Absent when the target is the environment entity itself (Route 53, region failover). */
  resource?: InventoryResource;
}

/** One AWS call of a step, with where it goes and which plane serves it. */
export interface StepCall<C extends AwsCommand = AwsCommand> {
  service: AwsServiceName;
  location: AwsLocation;
  command: C;
  plane: 'control' | 'data';
  /** Why this call goes where it goes (e.g. "Route 53's control plane is in us-east-1"). */
  note?: string;
}

/** A call as shown in a plan. */
export interface PlannedCall extends AwsCallPreview {
  note?: string;
}

/** The gateway as a step sees it: every call is logged on the step. */
export interface StepAws {
  send<C extends AwsCommand>(call: StepCall<C>): Promise<AwsCommandOutput<C>>;
}

export type StepOutputs = Record<string, JsonObject | undefined>;

interface StepBase {
  id: string;
  title: string;
  dependsOn: string[];
  /** Shown in the plan: e.g. the data-plane alternative to a control-plane call. */
  alternative?: string;
}

export interface AwsActionStep extends StepBase {
  kind: 'aws-action';
  /** The calls the step makes, in order, for the plan. */
  calls: StepCall[];
  /**
   * State captured and persisted before acting; passed to `alreadyDone` so a resumed step
   * can tell whether the first attempt reached AWS.
   */
  before?: (aws: StepAws) => Promise<JsonObject>;
  /**
   * Required for non-idempotent actions: reads AWS and returns why the action already took
   * effect (then the step is not sent again), or undefined when it must act.
   */
  alreadyDone?: (aws: StepAws, memo: JsonObject) => Promise<string | undefined>;
  /** Default: send `calls` in order. Custom when a call needs a value read just before. */
  act?: (aws: StepAws, memo: JsonObject) => Promise<JsonObject>;
  /**
   * When the call fails because its control plane is unavailable (5xx, timeouts), the step
   * may succeed on a data-plane mechanism instead (e.g. health-check-driven DNS failover).
   */
  controlPlaneFallback?: string;
}

export interface WaitUntilStep extends StepBase {
  kind: 'wait-until';
  /**
   * The Describe call polled; may use outputs of earlier steps (e.g. a change id). Undefined
   * when there is nothing to wait for (the earlier step fell back to the data plane).
   * `now` is the engine's clock at this poll (metric windows end there).
   */
  probe: (outputs: StepOutputs, now: Date) => StepCall | undefined;
  /** Decides from the probe's output; `detail` goes to the log. */
  until: (output: JsonObject, outputs: StepOutputs) => { done: boolean; detail: string };
  timeoutSeconds: number;
  intervalSeconds: number;
  /** As on actions: a poll whose control plane does not answer ends the wait on this. */
  controlPlaneFallback?: string;
}

export interface HttpCheckStep extends StepBase {
  kind: 'http-check';
  /** Seed 003: /health (liveness) and /health/detailed (database, redis, s3). */
  urls: string[];
  /** In the simulated account the health is derived from this ECS service's state. */
  simulatedFrom?: { location: AwsLocation; cluster: string; service: string };
}

export interface ApprovalStep extends StepBase {
  kind: 'approval';
  prompt: string;
}

export interface NoteStep extends StepBase {
  kind: 'note';
  message: string;
}

export type RunbookStep =
  | AwsActionStep
  | WaitUntilStep
  | HttpCheckStep
  | ApprovalStep
  | NoteStep;

export type StepKind = RunbookStep['kind'];

export interface PreflightCheck {
  id: string;
  title: string;
  /** fail blocks the start; warn is shown and does not. */
  status: 'pass' | 'warn' | 'fail';
  detail: string;
}

/** Reads only: what preflight and resolve may use. */
export interface ReadAws {
  send<C extends AwsCommand>(call: StepCall<C>): Promise<AwsCommandOutput<C>>;
  /** The engine's clock (metric windows are relative to it). */
  now(): Date;
}

export interface RunbookDefinition {
  id: string;
  title: string;
  description: string;
  appliesTo(target: RunbookTarget): boolean;
  /** Recovery time objective this runbook is measured against. */
  rtoTargetMinutes: number;
  rpoTargetMinutes?: number;
  preflight(target: RunbookTarget, aws: ReadAws): Promise<PreflightCheck[]>;
  /** Values read before the start (e.g. the previous task definition), stored with the run. */
  resolve?(target: RunbookTarget, aws: ReadAws): Promise<JsonObject>;
  /** Pure: the same target and resolved values always give the same steps. */
  steps(target: RunbookTarget, resolved: JsonObject, options: { mode: RunMode }): RunbookStep[];
}

// The wire vocabulary is shared with the frontend (platform-ops-common/src/runbooks.ts).
export type RunMode = RunbookMode;
export type ExecutionStatus = RunbookExecutionStatus;
export type StepStatus = RunbookStepStatus;

export interface PlanStep {
  stepId: string;
  title: string;
  kind: StepKind;
  dependsOn: string[];
  calls: PlannedCall[];
  detail?: string;
  alternative?: string;
}

export interface StepRecord {
  executionId: string;
  stepId: string;
  position: number;
  kind: StepKind;
  title: string;
  status: StepStatus;
  attempts: number;
  memo?: JsonObject;
  output?: JsonObject;
  error?: string;
  approvedBy?: string;
  startedAt?: string;
  finishedAt?: string;
}

export type LogRecord = RunbookLogRecord;

export interface ExecutionRecord {
  id: string;
  runbookId: string;
  targetRef: string;
  environment: string;
  idempotencyKey: string;
  actor: string;
  reason: string;
  mode: RunMode;
  status: ExecutionStatus;
  cancelRequested: boolean;
  cancelledBy?: string;
  target: RunbookTarget;
  resolved: JsonObject;
  plan: PlanStep[];
  rtoTargetSeconds?: number;
  leaseOwner?: string;
  /** Database-clock epoch ms. */
  leaseExpiresAt?: number;
  /** Incremented by every claim: the fencing token's epoch. */
  leaseEpoch?: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  error?: string;
}

/** An execution as the API returns it: with its steps, logs and RTO figures. */
export interface ExecutionView extends ExecutionRecord {
  steps: StepRecord[];
  logs: LogRecord[];
  /** Every takeover by another backend replica, oldest first. */
  takeovers: RunbookTakeover[];
  /** Seconds from start to end (or to now while running): the measured RTO. */
  elapsedSeconds?: number;
}
