import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { AwsGateway } from '../../aws/types';
import {
  AwsActionStep,
  Clock,
  ExecutionRecord,
  HttpCheckStep,
  RunbookDefinition,
  RunbookStep,
  RunMode,
  StepOutputs,
  StepRecord,
  WaitUntilStep,
} from '../types';
import { ExecutionStore } from './ExecutionStore';
import { HttpProbe } from './httpProbe';
import { LeaseFence } from './fence';
import { Claim, LeaseLostError } from './lease';
import { createStepAws, isControlPlaneUnavailable } from './stepAws';

export interface RunbookEngineOptions {
  store: ExecutionStore;
  definitions: ReadonlyMap<string, RunbookDefinition>;
  /** Live runs use the configured gateway; drills the simulated account. */
  gatewayFor: (mode: RunMode) => AwsGateway;
  httpProbeFor: (mode: RunMode) => HttpProbe;
  clock: Clock;
  /** Unique per replica/process: the lease owner. */
  ownerId: string;
  /** Lease duration, measured on the database's clock. */
  leaseMs: number;
  /**
   * The longest one AWS call may take, retries included (request + connection timeout x
   * attempts): must be shorter than the lease, so that a call sent right after the lease was
   * renewed has ended before anyone else can take the execution. Default: half the lease.
   */
  awsCallBudgetMs?: number;
  /** Executions one replica advances at a time. */
  concurrency: number;
  logger: LoggerService;
  auditor?: AuditorService;
  /** Seconds of an http-check before it fails. */
  httpCheckTimeoutSeconds?: number;
}

type Progress = 'progressed' | 'idle';

/**
 * Advances durable runbook executions. `tick()` claims what this replica may work on (its
 * own leases, unleased executions, expired leases of dead replicas) and runs every ready
 * step of each, independent steps in parallel, until nothing can move without time passing
 * (a wait-until polling, an approval pending). The worker loop calls it on an interval;
 * tests call it directly with a controlled clock.
 */
export class RunbookEngine {
  private readonly inFlight = new Set<string>();
  private readonly lastPoll = new Map<string, number>();
  private stopped = false;

  private readonly awsCallBudgetMs: number;

  constructor(private readonly options: RunbookEngineOptions) {
    this.awsCallBudgetMs = options.awsCallBudgetMs ?? Math.floor(options.leaseMs / 2);
    if (this.awsCallBudgetMs >= options.leaseMs) {
      throw new Error(
        `platformOps.runbooks.leaseSeconds (${options.leaseMs / 1000}s) must be longer than the worst case of one AWS call (${this.awsCallBudgetMs / 1000}s = (platformOps.aws.timeouts.requestMs + connectionMs) x retry.maxAttempts): otherwise a replica could lose its lease while its call is in flight and another replica would send it again`,
      );
    }
  }

  get ownerId(): string {
    return this.options.ownerId;
  }

  /** Stops taking new work (lifecycle shutdown); in-flight steps finish. */
  stop(): void {
    this.stopped = true;
  }

  async tick(): Promise<void> {
    if (this.stopped) return;
    const { store, ownerId, leaseMs, concurrency } = this.options;
    // Claim more than we advance at once: executions waiting for an approval or polling a
    // slow wait must not hold every slot and starve new ones.
    const claims = (await store.claim(ownerId, leaseMs, concurrency * 8)).filter(
      c => !this.inFlight.has(c.token.executionId),
    );
    let next = 0;
    const lane = async () => {
      while (next < claims.length) await this.advanceClaimed(claims[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claims.length) }, lane));
  }

  private now(): number {
    return this.options.clock.now().getTime();
  }

  private async advanceClaimed(claim: Claim): Promise<void> {
    const id = claim.token.executionId;
    this.inFlight.add(id);
    const fence = new LeaseFence(this.options.store, claim.token, this.options.leaseMs);
    fence.startHeartbeat(Math.max(10, Math.floor(this.options.leaseMs / 3)));
    try {
      await this.advance(claim, fence);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.options.logger.warn(error.message);
        return;
      }
      // A bug or a database outage: log it; the lease expires and a replica retries.
      this.options.logger.error(`Runbook execution ${id} could not advance: ${error}`);
    } finally {
      fence.stop();
      this.inFlight.delete(id);
    }
  }

  private async advance(claim: Claim, fence: LeaseFence): Promise<void> {
    const { store } = this.options;
    const { token } = claim;
    const id = token.executionId;
    const execution = await store.get(id);
    if (!execution) return;
    if (claim.takenOver) {
      // Shown in the execution view: who had it, when its lease ran out (database clock) and
      // which steps were in progress (they read AWS before acting again).
      const interrupted = await store.recordTakeover(token, claim.takenOver, this.now());
      if (interrupted === undefined) return; // lost this fresh claim already
      await store.log(
        id,
        undefined,
        'warn',
        `Resumed by another backend replica after the lease expired at ${new Date(claim.takenOver.expiredAt).toISOString()} (previous replica ${claim.takenOver.from}, now ${token.owner}, lease epoch ${token.epoch})`,
        this.now(),
      );
    }
    const definition = this.options.definitions.get(execution.runbookId);
    if (!definition) {
      await store.finish(token, 'failed', this.now(), `unknown runbook ${execution.runbookId}`);
      return;
    }
    const steps = definition.steps(execution.target, execution.resolved, {
      mode: execution.mode,
    });
    if (execution.status === 'queued') {
      if (!(await store.markRunning(token, this.now()))) fence.lose('starting the execution');
      await store.log(id, undefined, 'info', `Started by ${execution.actor} (${execution.mode}): ${execution.reason}`, this.now());
    }

    for (;;) {
      if (this.stopped) return;
      await fence.check('starting the next step');
      const current = (await store.get(id))!;
      const records = await store.steps(id);
      if (await this.settle(current, records, fence)) return;

      const ready = this.readySteps(steps, records);
      if (ready.length === 0) return;
      const outputs: StepOutputs = Object.fromEntries(records.map(r => [r.stepId, r.output]));
      // Every parallel step ends before this advance does, even when one throws (e.g. the
      // database went away): otherwise its siblings would still be running when this replica
      // claims the execution again, and one step could run twice side by side.
      const settled = await Promise.allSettled(
        ready.map(({ step, record }) => this.runStep(current, step, record, outputs, fence)),
      );
      const results: Progress[] = [];
      for (const result of settled) {
        if (result.status === 'rejected') throw result.reason;
        results.push(result.value);
      }
      if (!fence.held) return;
      if (!results.includes('progressed')) return;
    }
  }

  /** Ends the execution when it is cancelled, failed or done; true when it ended. */
  private async settle(execution: ExecutionRecord, records: StepRecord[], fence: LeaseFence): Promise<boolean> {
    const { store } = this.options;
    const id = execution.id;
    const { token } = fence;
    if (execution.cancelRequested) {
      await store.cancelPendingSteps(token, this.now());
      for (const r of records.filter(s => s.status === 'running')) {
        await store.setStepStatus(token, r.stepId, 'cancelled', this.now());
      }
      await store.log(id, undefined, 'warn', `Cancelled by ${execution.cancelledBy ?? 'unknown'} between steps`, this.now());
      await this.finish(execution, fence, 'cancelled');
      return true;
    }
    const failed = records.find(r => r.status === 'failed');
    if (failed) {
      // Parallel branches stop too: pending steps and waits still polling are cancelled.
      await store.cancelPendingSteps(token, this.now());
      for (const r of records.filter(s => s.status === 'running')) {
        await store.setStepStatus(token, r.stepId, 'cancelled', this.now());
      }
      await this.finish(execution, fence, 'failed', `step ${failed.stepId} failed: ${failed.error ?? 'unknown error'}`);
      return true;
    }
    if (records.every(r => r.status === 'succeeded')) {
      await this.finish(execution, fence, 'succeeded');
      return true;
    }
    return false;
  }

  private async finish(
    execution: ExecutionRecord,
    fence: LeaseFence,
    status: 'succeeded' | 'failed' | 'cancelled',
    error?: string,
  ): Promise<void> {
    const { store } = this.options;
    const now = this.now();
    if (!(await store.finish(fence.token, status, now, error))) fence.lose(`recording that the execution ${status}`);
    const started = execution.startedAt ? Date.parse(execution.startedAt) : now;
    const seconds = Math.round((now - started) / 1000);
    const rto = execution.rtoTargetSeconds
      ? ` (measured RTO ${formatDuration(seconds)} vs target ${formatDuration(execution.rtoTargetSeconds)})`
      : '';
    await store.log(execution.id, undefined, status === 'succeeded' ? 'info' : 'error', `Execution ${status}${rto}${error ? `: ${error}` : ''}`, now);
    await this.audit('runbook-execution-finished', execution, undefined, status, error, {
      measuredRtoSeconds: seconds,
    });
  }

  /** Steps that can run now: pending with all dependencies done, or already running. */
  private readySteps(
    steps: RunbookStep[],
    records: StepRecord[],
  ): Array<{ step: RunbookStep; record: StepRecord }> {
    const byId = new Map(records.map(r => [r.stepId, r]));
    const ready: Array<{ step: RunbookStep; record: StepRecord }> = [];
    for (const step of steps) {
      const record = byId.get(step.id);
      if (!record) continue;
      const depsDone = step.dependsOn.every(d => byId.get(d)?.status === 'succeeded');
      if (record.status === 'pending' && depsDone) ready.push({ step, record });
      else if (record.status === 'running') {
        if (step.kind === 'wait-until' || step.kind === 'http-check') {
          if (this.pollDue(record, step)) ready.push({ step, record });
        } else ready.push({ step, record });
      } else if (record.status === 'waiting-approval' && record.approvedBy) {
        ready.push({ step, record });
      }
    }
    return ready;
  }

  private pollDue(record: StepRecord, step: WaitUntilStep | HttpCheckStep): boolean {
    const last = this.lastPoll.get(`${record.executionId}/${record.stepId}`);
    const interval = step.kind === 'wait-until' ? step.intervalSeconds : 15;
    return last === undefined || this.now() - last >= interval * 1000;
  }

  private async runStep(
    execution: ExecutionRecord,
    step: RunbookStep,
    initialRecord: StepRecord,
    outputs: StepOutputs,
    fence: LeaseFence,
  ): Promise<Progress> {
    const { store } = this.options;
    const id = execution.id;
    const { token } = fence;
    let record = initialRecord;
    const log = (level: 'info' | 'warn' | 'error', message: string) =>
      store.log(id, step.id, level, message, this.now());

    let resumed = false;
    if (record.status === 'pending') {
      if (!(await store.startStep(token, step.id, this.now()))) return 'idle';
      await log('info', `Step started: ${step.title}`);
      await this.audit('runbook-step-started', execution, step.id, 'started');
      record = { ...record, status: 'running', startedAt: new Date(this.now()).toISOString() };
    } else if (record.status === 'running' && step.kind === 'aws-action') {
      // Only a replica that died leaves an action running: we hold its lease now.
      resumed = true;
      if (!(await store.resumeStep(token, step.id))) return 'idle';
      const intent = record.memo?.intent as string | undefined;
      await log('warn', `Resuming a step started by another replica (attempt ${record.attempts + 1}); ${intent ? `it had recorded the intent to send ${intent}; ` : ''}checking AWS before acting`);
    }

    try {
      switch (step.kind) {
        case 'note':
          await log('info', step.message);
          return this.succeed(execution, step, { note: step.message }, fence);
        case 'approval':
          if (record.status === 'waiting-approval' && record.approvedBy) {
            await log('info', `Approved by ${record.approvedBy}`);
            return this.succeed(execution, step, { approvedBy: record.approvedBy }, fence);
          }
          if (!(await store.setStepStatus(token, step.id, 'waiting-approval', this.now()))) return 'idle';
          await log('info', `Waiting for a second person to approve: ${step.prompt}`);
          return 'idle';
        case 'aws-action':
          return await this.runAction(execution, step, record, resumed, log, fence);
        case 'wait-until':
          return await this.poll(execution, step, record, outputs, log, fence);
        case 'http-check':
          return await this.httpCheck(execution, step, record, log, fence);
        default:
          return 'idle';
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof LeaseLostError) {
        // Nothing was sent: the replica that holds the lease now re-reads AWS and decides.
        await log('warn', message);
        return 'idle';
      }
      if (!(await store.setStepStatus(token, step.id, 'failed', this.now(), { error: message }))) {
        return 'idle'; // lease lost: the replica that holds it decides
      }
      await log('error', `Step failed: ${message}`);
      await this.audit('runbook-step-finished', execution, step.id, 'failed', message);
      return 'progressed';
    }
  }

  private async runAction(
    execution: ExecutionRecord,
    step: AwsActionStep,
    record: StepRecord,
    resumed: boolean,
    log: (level: 'info' | 'warn' | 'error', message: string) => Promise<void>,
    fence: LeaseFence,
  ): Promise<Progress> {
    const { store } = this.options;
    const aws = createStepAws(this.options.gatewayFor(execution.mode), m => log('info', m), fence, this.awsCallBudgetMs);
    let memo: JsonObject = record.memo ?? {};
    if (step.before && (!resumed || !record.memo || !('state' in record.memo))) {
      // Persisted before acting: a replica resuming this step compares AWS against it.
      memo = { state: await step.before(aws) };
      if (!(await store.saveMemo(fence.token, step.id, memo))) fence.lose('recording the state before acting');
    }
    const state = (memo.state as JsonObject | undefined) ?? {};
    if (step.alreadyDone) {
      const done = await step.alreadyDone(aws, state);
      if (done) {
        await log('info', `Not acting again: ${done}`);
        return this.succeed(execution, step, { alreadyDone: done }, fence);
      }
    }
    // The intent, recorded (fenced) before anything is sent: a replica resuming this step
    // knows a call may have reached AWS and reads AWS before acting (alreadyDone / act).
    const intent = step.calls.map(c => `${c.service}.${c.command.constructor.name.replace(/Command$/, '')}`).join(', ');
    if (!(await store.saveMemo(fence.token, step.id, { ...memo, intent }))) fence.lose(`recording the intent to send ${intent}`);
    try {
      const output = step.act
        ? await step.act(aws, state)
        : await sendAll(aws, step);
      if (typeof output.alreadyDone === 'string') {
        await log('info', `Already in the wanted state, nothing sent: ${output.alreadyDone}`);
      }
      return this.succeed(execution, step, output, fence);
    } catch (error) {
      if (step.controlPlaneFallback && isControlPlaneUnavailable(error)) {
        await log('warn', `Control plane unavailable (${(error as Error).message}); relying on the data plane: ${step.controlPlaneFallback}`);
        return this.succeed(execution, step, { fallback: step.controlPlaneFallback }, fence);
      }
      throw error;
    }
  }

  private async poll(
    execution: ExecutionRecord,
    step: WaitUntilStep,
    record: StepRecord,
    outputs: StepOutputs,
    log: (level: 'info' | 'warn' | 'error', message: string) => Promise<void>,
    fence: LeaseFence,
  ): Promise<Progress> {
    this.lastPoll.set(`${execution.id}/${step.id}`, this.now());
    const aws = createStepAws(this.options.gatewayFor(execution.mode), async () => {}, fence, this.awsCallBudgetMs);
    const call = step.probe(outputs, new Date(this.now()));
    if (!call) {
      await log('info', 'Nothing to wait for: the step before it did not change anything');
      return this.succeed(execution, step, { detail: 'nothing to wait for' }, fence);
    }
    let output: JsonObject;
    try {
      output = (await aws.send(call)) as unknown as JsonObject;
    } catch (error) {
      if (step.controlPlaneFallback && isControlPlaneUnavailable(error)) {
        await log('warn', `Control plane unavailable (${(error as Error).message}); relying on the data plane: ${step.controlPlaneFallback}`);
        return this.succeed(execution, step, { fallback: step.controlPlaneFallback }, fence);
      }
      throw error;
    }
    const { done, detail } = step.until(output, outputs);
    if (done) {
      await log('info', `Condition met: ${detail}`);
      return this.succeed(execution, step, { detail }, fence);
    }
    const waited = (this.now() - Date.parse(record.startedAt!)) / 1000;
    if (waited >= step.timeoutSeconds) {
      throw new Error(`timed out after ${step.timeoutSeconds}s waiting: ${detail}`);
    }
    await log('info', `Waiting (${Math.round(waited)}s): ${detail}`);
    return 'idle';
  }

  private async httpCheck(
    execution: ExecutionRecord,
    step: HttpCheckStep,
    record: StepRecord,
    log: (level: 'info' | 'warn' | 'error', message: string) => Promise<void>,
    fence: LeaseFence,
  ): Promise<Progress> {
    this.lastPoll.set(`${execution.id}/${step.id}`, this.now());
    await fence.check('probing the health URLs');
    const probe = this.options.httpProbeFor(execution.mode);
    const results = await Promise.all(step.urls.map(url => probe.check(url, step)));
    const detail = results.map(r => r.detail).join('; ');
    if (results.every(r => r.ok)) {
      await log('info', `Healthy: ${detail}`);
      return this.succeed(execution, step, { detail }, fence);
    }
    const waited = (this.now() - Date.parse(record.startedAt!)) / 1000;
    const timeout = this.options.httpCheckTimeoutSeconds ?? 600;
    if (waited >= timeout) throw new Error(`not healthy after ${timeout}s: ${detail}`);
    await log('info', `Not healthy yet (${Math.round(waited)}s): ${detail}`);
    return 'idle';
  }

  private async succeed(
    execution: ExecutionRecord,
    step: RunbookStep,
    output: JsonObject,
    fence: LeaseFence,
  ): Promise<Progress> {
    if (!(await this.options.store.setStepStatus(fence.token, step.id, 'succeeded', this.now(), { output }))) {
      this.options.logger.warn(`Lost the lease of ${execution.id} during step ${step.id}; its result is left to the replica that resumed it`);
      fence.lose(`recording the result of step ${step.id}`);
    }
    await this.options.store.log(execution.id, step.id, 'info', `Step succeeded: ${step.title}`, this.now());
    await this.audit('runbook-step-finished', execution, step.id, 'succeeded');
    return 'progressed';
  }

  /** Audit events from the worker: no request, the execution carries the actor. */
  private async audit(
    eventId: string,
    execution: ExecutionRecord,
    stepId: string | undefined,
    outcome: string,
    error?: string,
    extra: JsonObject = {},
  ): Promise<void> {
    const { auditor } = this.options;
    if (!auditor) return;
    const event = await auditor.createEvent({
      eventId,
      severityLevel: execution.mode === 'live' ? 'high' : 'medium',
      meta: {
        executionId: execution.id,
        runbookId: execution.runbookId,
        targetRef: execution.targetRef,
        actor: execution.actor,
        mode: execution.mode,
        worker: this.options.ownerId,
        ...(stepId ? { stepId } : {}),
        outcome,
        ...extra,
      },
    });
    if (error) await event.fail({ error: new Error(error) });
    else await event.success();
  }
}

async function sendAll(
  aws: ReturnType<typeof createStepAws>,
  step: AwsActionStep,
): Promise<JsonObject> {
  const responses: JsonObject[] = [];
  for (const call of step.calls) {
    const out = (await aws.send(call)) as unknown as JsonObject & { $metadata?: unknown };
    const { $metadata: _ignored, ...rest } = out;
    responses.push(JSON.parse(JSON.stringify(rest)) as JsonObject);
  }
  return responses.length === 1 ? responses[0] : { responses };
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m ? `${m}m${s ? ` ${s}s` : ''}` : `${s}s`;
}
