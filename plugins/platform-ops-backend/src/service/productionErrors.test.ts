import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { InputError, NotAllowedError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { AwsThrottledError } from '../aws/errors';
import { captureLogger } from '../testUtils/captureLogger';
import { createRouterFrom } from './router';
import { statusOf, withoutPaths } from './productionErrors';

/** Routes that fail the ways a production backend can. */
function failingRoutes() {
  const router = Router();
  router.get('/boom', async () => {
    // What an unexpected failure looks like: a message and a stack full of absolute paths.
    throw new Error(`ENOENT: no such file or directory, open '${__filename}'`);
  });
  router.get('/refused', async () => {
    throw new InputError(`desiredCapacity must be a number (read from ${__dirname}/fleetSchemas.ts:12:7)`);
  });
  router.get('/guardrail', async () => {
    throw new NotAllowedError('Refused by guardrail: maxSize 50 of resource:default/dev-gpu-fleet exceeds the limit of 1 GPU instances; to allow it, raise platformOps.guardrails.environments.dev.maxGpuInstances');
  });
  router.get('/non-error', async () => {
    throw { weird: true }; // eslint-disable-line no-throw-literal
  });
  return router;
}

/** The plugin router with the production error handler, behind Backstage's root handler. */
function app(production: boolean) {
  const logger = captureLogger();
  const server = express();
  server.use(createRouterFrom([failingRoutes()], { logger, production }));
  server.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() }).error({ showStackTraces: true }));
  return { server, logger };
}

describe('error bodies in production', () => {
  it('answers an unexpected 500 with a message and a log id, no stack and no path; logs the error under that id', async () => {
    const { server, logger } = app(true);
    const res = await request(server).get('/boom');
    expect(res.status).toBe(500);
    const logId: string = res.body.error.logId;
    expect(logId).toMatch(/^[0-9a-f]{20}$/);
    expect(res.body).toEqual({
      error: { name: 'Error', message: `An internal error occurred (logId=${logId})`, logId },
      request: { method: 'GET', url: '/boom' },
      response: { statusCode: 500 },
    });
    expect(JSON.stringify(res.body)).not.toContain(__dirname);
    expect(logger.lines.some(l => l.includes(`logId=${logId}`) && l.includes('ENOENT'))).toBe(true);
  });

  it('keeps the message of a refusal (it names the field or the limit) without any file path', async () => {
    const { server } = app(true);
    const refused = await request(server).get('/refused');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      name: 'InputError',
      message: 'desiredCapacity must be a number (read from <path>)',
      logId: expect.stringMatching(/^[0-9a-f]{20}$/),
    });
    const guardrail = await request(server).get('/guardrail');
    expect(guardrail.status).toBe(403);
    expect(guardrail.body.error.message).toContain('maxSize 50 of resource:default/dev-gpu-fleet exceeds the limit');
    expect(guardrail.body.error.stack).toBeUndefined();
    const weird = await request(server).get('/non-error');
    expect(weird.status).toBe(500);
    expect(weird.body.error.message).toMatch(/^An internal error occurred \(logId=[0-9a-f]{20}\)$/);
  });

  it('leaves development to Backstage (stack traces there are for the developer)', async () => {
    const { server } = app(false);
    const res = await request(server).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body.error.stack).toContain(__filename);
  });

  it('is on whenever NODE_ENV is production (the production command), with no flag', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      const server = express();
      server.use(createRouterFrom([failingRoutes()], { logger: captureLogger() }));
      const res = await request(server).get('/boom');
      expect(res.body.error.message).toMatch(/^An internal error occurred \(logId=[0-9a-f]{20}\)$/);
      expect(res.body.error.stack).toBeUndefined();
    } finally {
      process.env.NODE_ENV = before;
    }
  });

  it('knows the status of every error kind, subclasses included', () => {
    expect(statusOf(new AwsThrottledError('slow down', 5))).toBe(503);
    expect(statusOf(Object.assign(new Error('x'), { statusCode: 413 }))).toBe(413);
    expect(statusOf(new Error('x'))).toBe(500);
    expect(withoutPaths('open /home/app/packages/backend/dist/index.cjs.js:10:3 failed for resource:default/db, 24/7, https://a.b/c')).toBe(
      'open <path> failed for resource:default/db, 24/7, https://a.b/c',
    );
  });
});
