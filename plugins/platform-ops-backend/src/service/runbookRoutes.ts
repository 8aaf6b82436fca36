import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { entityRefSchema } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';
import { auditedRoute } from './auditedRoute';
import { parseEnvelope, parseOrThrow, userCredentials } from './requestContext';
import { RunbookService } from '../runbooks/RunbookService';
import { RunbookDefinition } from '../runbooks/types';

const modeSchema = z.enum(['live', 'drill']).default('live');

const startBodySchema = z.object({
  entityRef: entityRefSchema,
  mode: modeSchema,
  confirm: z.string().max(100).optional(),
});
const previewBodySchema = z.object({ entityRef: entityRefSchema, mode: modeSchema });
const listQuerySchema = z.object({
  entityRef: entityRefSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const idSchema = z.string().uuid('must be an execution id (UUID)');
const stepIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a step id');
const runbookIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a runbook id');

function summary(d: RunbookDefinition) {
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    rtoTargetMinutes: d.rtoTargetMinutes,
    ...(d.rpoTargetMinutes !== undefined ? { rpoTargetMinutes: d.rpoTargetMinutes } : {}),
  };
}

/**
 * /runbooks routes. Reads need a signed-in user or service; preview, start, approve and
 * cancel need a user and the runbook permissions on the target entity.
 */
export function createRunbookRoutes(options: {
  service: RunbookService;
  httpAuth: HttpAuthService;
  /** Audits requests refused before the change runner saw them. */
  auditor?: AuditorService;
}): express.Router {
  const { service, httpAuth, auditor } = options;
  const router = Router();

  router.get('/runbooks', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ runbooks: service.runbooks().map(summary) });
  });

  router.get('/runbooks/for-entity', async (req, res) => {
    await httpAuth.credentials(req);
    const { entityRef } = parseOrThrow(z.object({ entityRef: entityRefSchema }), req.query, 'query');
    const { target, runbooks } = await service.applicable(entityRef);
    const active = (await service.list(target.entityRef, 1)).find(e => e.status === 'queued' || e.status === 'running');
    res.json({
      entityRef: target.entityRef,
      environment: { name: target.environment.name, tier: target.environment.tier },
      confirmationRequired: target.environment.tier === 'prod' ? target.environment.name : undefined,
      activeExecutionId: active?.id,
      runbooks: runbooks.map(summary),
    });
  });

  router.post('/runbooks/:runbookId/preview', async (req, res) => {
    await userCredentials(httpAuth, req);
    const runbookId = parseOrThrow(runbookIdSchema, req.params.runbookId, 'runbook id');
    const body = parseOrThrow(previewBodySchema, req.body ?? {}, 'request body');
    res.json(await service.preview(runbookId, body.entityRef, body.mode));
  });

  router.post('/runbooks/:runbookId/executions', auditedRoute(auditor, 'runbook-start', async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const runbookId = parseOrThrow(runbookIdSchema, req.params.runbookId, 'runbook id');
    const body = parseOrThrow(startBodySchema, req.body ?? {}, 'request body');
    const envelope = parseEnvelope(req.body);
    const result = await service.start({
      runbookId,
      entityRef: body.entityRef,
      mode: body.mode,
      confirm: body.confirm,
      envelope,
      credentials,
      auditOrigin: req,
    });
    res.status(!result.dryRun && !result.replayed ? 201 : 200).json(result);
  }));

  router.get('/runbooks/executions', async (req, res) => {
    await httpAuth.credentials(req);
    const query = parseOrThrow(listQuerySchema, req.query, 'query');
    const executions = await service.list(query.entityRef, query.limit);
    // The list is for history tables: no snapshot or plan bodies.
    res.json({
      executions: executions.map(({ target: _t, resolved: _r, plan: _p, ...rest }) => rest),
    });
  });

  router.get('/runbooks/executions/:id', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await service.view(parseOrThrow(idSchema, req.params.id, 'execution id')));
  });

  router.post('/runbooks/executions/:id/cancel', auditedRoute(auditor, 'runbook-cancel', async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const executionId = parseOrThrow(idSchema, req.params.id, 'execution id');
    res.json(await service.cancel({ executionId, envelope: parseEnvelope(req.body), credentials, auditOrigin: req }));
  }));

  router.post('/runbooks/executions/:id/steps/:stepId/approve', auditedRoute(auditor, 'runbook-approve', async (req, res) => {
    const credentials = await userCredentials(httpAuth, req);
    const executionId = parseOrThrow(idSchema, req.params.id, 'execution id');
    const stepId = parseOrThrow(stepIdSchema, req.params.stepId, 'step id');
    res.json(await service.approve({ executionId, stepId, envelope: parseEnvelope(req.body), credentials, auditOrigin: req }));
  }));

  return router;
}
