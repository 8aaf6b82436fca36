import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  runbookApprovePermission,
  runbookExecutePermission,
} from '@platformops/plugin-platform-ops-common';
import { randomUUID } from 'node:crypto';
import { AwsGateway } from '../aws/types';
import { InventoryService } from '../inventory/InventoryService';
import { AuditOrigin, MutationRunner } from '../changes/MutationRunner';
import { MutationEnvelope } from '../changes/types';
import { ActiveExecutionExistsError, ExecutionStore } from './engine/ExecutionStore';
import { assertValidGraph, buildPlan } from './engine/plan';
import {
  Clock,
  ExecutionRecord,
  ExecutionView,
  PlanStep,
  PreflightCheck,
  ReadAws,
  RunbookDefinition,
  RunbookTarget,
  RunMode,
} from './types';

export interface RunbookServiceOptions {
  store: ExecutionStore;
  inventory: InventoryService;
  definitions: ReadonlyMap<string, RunbookDefinition>;
  /** Undefined for 'drill' when no simulated account is available. */
  gatewayFor: (mode: RunMode) => AwsGateway | undefined;
  mutations: MutationRunner;
  clock: Clock;
}

export interface RunbookPreview {
  runbookId: string;
  targetRef: string;
  environment: string;
  mode: RunMode;
  /** Production starts must carry this text (the environment's name) as `confirm`. */
  confirmationRequired?: string;
  rtoTargetMinutes: number;
  rpoTargetMinutes?: number;
  preflight: PreflightCheck[];
  plan: PlanStep[];
}

export interface StartRequest {
  runbookId: string;
  entityRef: string;
  mode: RunMode;
  confirm?: string;
  envelope: MutationEnvelope;
  credentials: BackstageCredentials<BackstageUserPrincipal>;
  /** For the audit record only (the HTTP request when there is one). */
  auditOrigin?: AuditOrigin;
}

export type StartResult =
  | ({ dryRun: true } & RunbookPreview)
  | { dryRun: false; replayed: boolean; execution: ExecutionView };

/**
 * The request side of runbooks: what applies to an entity, preflight and plan, and the
 * guarded start / approve / cancel (each a mutation: permission on the entity, reason,
 * idempotency, audit, history). The execution itself is advanced by the RunbookEngine.
 */
export class RunbookService {
  constructor(private readonly options: RunbookServiceOptions) {}

  /** Every runbook this backend runs, in definition order. */
  runbooks(): RunbookDefinition[] {
    return [...this.options.definitions.values()];
  }

  /** The catalog entity as a runbook target: an environment, or a resource in one. */
  async resolveTarget(entityRef: string): Promise<RunbookTarget> {
    const inventory = await this.options.inventory.getInventory();
    const ref = entityRef.toLowerCase();
    const environment = inventory.environments.find(e => e.entityRef.toLowerCase() === ref);
    if (environment) return { entityRef: environment.entityRef, environment };
    const found = await this.options.inventory.getResource(entityRef);
    return { entityRef: found.resource.entityRef, environment: found.environment, resource: found.resource };
  }

  definition(runbookId: string): RunbookDefinition {
    const definition = this.options.definitions.get(runbookId);
    if (!definition) {
      throw new NotFoundError(
        `No runbook "${runbookId}" (known: ${[...this.options.definitions.keys()].join(', ')})`,
      );
    }
    return definition;
  }

  async applicable(entityRef: string): Promise<{ target: RunbookTarget; runbooks: RunbookDefinition[] }> {
    const target = await this.resolveTarget(entityRef);
    return {
      target,
      runbooks: [...this.options.definitions.values()].filter(d => d.appliesTo(target)),
    };
  }

  async preview(runbookId: string, entityRef: string, mode: RunMode): Promise<RunbookPreview> {
    const { preview } = await this.prepare(this.definition(runbookId), await this.resolveTarget(entityRef), mode);
    return preview;
  }

  async start(req: StartRequest): Promise<StartResult> {
    const definition = this.definition(req.runbookId);
    const target = await this.resolveTarget(req.entityRef);
    if (!definition.appliesTo(target)) {
      throw new InputError(`Runbook ${definition.id} does not apply to ${target.entityRef}`);
    }
    this.gateway(req.mode);
    // The execution is keyed like the mutation, so a repeated request finds the same one.
    const envelope = req.envelope.dryRun
      ? req.envelope
      : { ...req.envelope, idempotencyKey: req.envelope.idempotencyKey ?? randomUUID() };
    let prepared: Awaited<ReturnType<RunbookService['prepare']>> | undefined;

    const outcome = await this.options.mutations.run({
      action: `runbook-${definition.id}`,
      permission: runbookExecutePermission,
      targetRef: target.entityRef,
      credentials: req.credentials,
      auditOrigin: req.auditOrigin,
      envelope,
      input: { runbookId: definition.id, entityRef: target.entityRef.toLowerCase(), mode: req.mode },
      plan: async () => {
        if (!envelope.dryRun) this.checkConfirmation(target, req.mode, req.confirm);
        prepared = await this.prepare(definition, target, req.mode);
        if (!envelope.dryRun) {
          const failed = prepared.preview.preflight.filter(c => c.status === 'fail');
          if (failed.length) {
            throw new ConflictError(
              `Preflight failed, nothing was started: ${failed.map(c => `${c.title}: ${c.detail}`).join('; ')}`,
            );
          }
        }
        return prepared.preview.plan.flatMap(step => step.calls);
      },
      execute: async () => {
        const p = prepared!;
        try {
          const { execution } = await this.options.store.create(
            {
              id: randomUUID(),
              runbookId: definition.id,
              targetRef: target.entityRef,
              idempotencyKey: envelope.idempotencyKey!,
              environment: target.environment.name,
              actor: req.credentials.principal.userEntityRef,
              reason: envelope.reason,
              mode: req.mode,
              target,
              resolved: p.resolved,
              plan: p.preview.plan,
              rtoTargetSeconds: definition.rtoTargetMinutes * 60,
              steps: p.steps.map(s => ({ stepId: s.id, kind: s.kind, title: s.title })),
            },
            this.options.clock.now().getTime(),
          );
          return { executionId: execution.id };
        } catch (error) {
          if (error instanceof ActiveExecutionExistsError) {
            throw new ConflictError(
              `${target.entityRef} already has an active runbook execution (${error.existing.runbookId}, ${error.existing.id}, started by ${error.existing.actor}); wait for it or cancel it`,
            );
          }
          throw error;
        }
      },
    });

    if (envelope.dryRun) return { dryRun: true, ...prepared!.preview };
    const execution = await this.findByKeyEventually(envelope.idempotencyKey!);
    return { dryRun: false, replayed: outcome.replayed, execution: await this.view(execution.id) };
  }

  async approve(options: {
    executionId: string;
    stepId: string;
    envelope: MutationEnvelope;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    /** For the audit record only (the HTTP request when there is one). */
    auditOrigin?: AuditOrigin;
  }): Promise<ExecutionView> {
    const execution = await this.get(options.executionId);
    const approver = options.credentials.principal.userEntityRef;
    await this.options.mutations.run({
      action: 'runbook-approve',
      permission: runbookApprovePermission,
      targetRef: execution.targetRef,
      credentials: options.credentials,
      auditOrigin: options.auditOrigin,
      envelope: options.envelope,
      input: { executionId: execution.id, stepId: options.stepId },
      plan: async () => {
        if (approver.toLowerCase() === execution.actor.toLowerCase()) {
          throw new NotAllowedError(
            `${approver} started this execution and cannot approve it: a second person must approve`,
          );
        }
        const step = (await this.options.store.steps(execution.id)).find(s => s.stepId === options.stepId);
        if (!step) throw new NotFoundError(`Execution ${execution.id} has no step ${options.stepId}`);
        if (step.kind !== 'approval') throw new InputError(`Step ${options.stepId} is not an approval step`);
        if (step.status !== 'waiting-approval' || step.approvedBy) {
          throw new ConflictError(`Step ${options.stepId} is not waiting for an approval (it is ${step.status}${step.approvedBy ? `, approved by ${step.approvedBy}` : ''})`);
        }
        return [];
      },
      execute: async () => {
        if (!(await this.options.store.approveStep(execution.id, options.stepId, approver))) {
          throw new ConflictError(`Step ${options.stepId} was approved meanwhile`);
        }
        await this.options.store.log(execution.id, options.stepId, 'info', `Approved by ${approver}: ${options.envelope.reason}`, this.options.clock.now().getTime());
        return { approvedBy: approver };
      },
    });
    return this.view(execution.id);
  }

  async cancel(options: {
    executionId: string;
    envelope: MutationEnvelope;
    credentials: BackstageCredentials<BackstageUserPrincipal>;
    /** For the audit record only (the HTTP request when there is one). */
    auditOrigin?: AuditOrigin;
  }): Promise<ExecutionView> {
    const execution = await this.get(options.executionId);
    const actor = options.credentials.principal.userEntityRef;
    await this.options.mutations.run({
      action: 'runbook-cancel',
      permission: runbookExecutePermission,
      targetRef: execution.targetRef,
      credentials: options.credentials,
      auditOrigin: options.auditOrigin,
      envelope: options.envelope,
      input: { executionId: execution.id },
      plan: async () => [],
      execute: async () => {
        if (!(await this.options.store.requestCancel(execution.id, actor))) {
          throw new ConflictError(`Execution ${execution.id} has already ended (${(await this.get(execution.id)).status})`);
        }
        await this.options.store.log(execution.id, undefined, 'warn', `Cancel requested by ${actor}: ${options.envelope.reason} (takes effect between steps)`, this.options.clock.now().getTime());
        return { cancelRequested: true };
      },
    });
    return this.view(execution.id);
  }

  async get(id: string): Promise<ExecutionRecord> {
    const execution = await this.options.store.get(id);
    if (!execution) throw new NotFoundError(`No runbook execution ${id}`);
    return execution;
  }

  async view(id: string): Promise<ExecutionView> {
    const execution = await this.get(id);
    const [steps, logs, takeovers] = await Promise.all([
      this.options.store.steps(id),
      this.options.store.logs(id),
      this.options.store.takeovers(id),
    ]);
    const start = execution.startedAt ?? execution.createdAt;
    const end = execution.finishedAt ? Date.parse(execution.finishedAt) : this.options.clock.now().getTime();
    return { ...execution, steps, logs, takeovers, elapsedSeconds: Math.max(0, Math.round((end - Date.parse(start)) / 1000)) };
  }

  list(entityRef: string | undefined, limit?: number): Promise<ExecutionRecord[]> {
    return this.options.store.list(entityRef, limit);
  }

  /** Production changes need the environment's name typed back: a 3 a.m. safety catch. */
  private checkConfirmation(target: RunbookTarget, mode: RunMode, confirm: string | undefined) {
    if (mode !== 'live' || target.environment.tier !== 'prod') return;
    if (confirm !== target.environment.name) {
      throw new InputError(
        `${target.environment.name} is a production environment: type its name "${target.environment.name}" in confirm to start ${target.entityRef}'s runbook${confirm ? ` (got "${confirm}")` : ''}`,
      );
    }
  }

  private gateway(mode: RunMode): AwsGateway {
    const gateway = this.options.gatewayFor(mode);
    if (!gateway) {
      throw new InputError('Drill mode needs the simulated AWS account, which is not available in this backend');
    }
    return gateway;
  }

  private async prepare(definition: RunbookDefinition, target: RunbookTarget, mode: RunMode) {
    if (!definition.appliesTo(target)) {
      throw new InputError(`Runbook ${definition.id} does not apply to ${target.entityRef}`);
    }
    const gateway = this.gateway(mode);
    const aws: ReadAws = {
      send: call => gateway.send(call.location, call.service, call.command),
      now: () => this.options.clock.now(),
    };
    const preflight = await definition.preflight(target, aws);
    let resolved: JsonObject = {};
    try {
      if (definition.resolve) resolved = await definition.resolve(target, aws);
    } catch (error) {
      // A failed preflight already says why (e.g. no previous task definition): show it
      // with an empty plan instead of an error page.
      if (!preflight.some(c => c.status === 'fail')) throw error;
      return { preview: this.previewOf(definition, target, mode, preflight, []), resolved, steps: [] };
    }
    const steps = definition.steps(target, resolved, { mode });
    assertValidGraph(steps);
    const preview = this.previewOf(definition, target, mode, preflight, buildPlan(gateway, steps, this.options.clock.now()));
    return { preview, resolved, steps };
  }

  private previewOf(
    definition: RunbookDefinition,
    target: RunbookTarget,
    mode: RunMode,
    preflight: PreflightCheck[],
    plan: PlanStep[],
  ): RunbookPreview {
    return {
      runbookId: definition.id,
      targetRef: target.entityRef,
      environment: target.environment.name,
      mode,
      ...(target.environment.tier === 'prod' && mode === 'live'
        ? { confirmationRequired: target.environment.name }
        : {}),
      rtoTargetMinutes: definition.rtoTargetMinutes,
      ...(definition.rpoTargetMinutes !== undefined ? { rpoTargetMinutes: definition.rpoTargetMinutes } : {}),
      preflight,
      plan,
    };
  }

  /** A concurrent request with the same key may still be inserting the execution. */
  private async findByKeyEventually(key: string): Promise<ExecutionRecord> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const execution = await this.options.store.findByKey(key);
      if (execution) return execution;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new ConflictError(`The request with idempotencyKey ${key} did not create an execution (it failed); use a new key to retry`);
  }
}
