import { SetDesiredCapacityCommand } from '@aws-sdk/client-auto-scaling';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { createRouterFrom } from './router';
import { createLedgerRoutes } from './ledgerRoutes';
import { SimulatedAwsHandler } from '../aws/simulatorContract';
import { captureLogger } from '../testUtils/captureLogger';
import { createTestGateway } from '../testUtils/createTestGateway';

const prod = { accountId: '410987654321', region: 'us-east-1' };

/**
 * The plugin router as plugin.ts builds it, a route that calls AWS, and Backstage's own
 * root error handler behind it: what a browser really receives.
 */
function appWith(handler: SimulatedAwsHandler, aws: object = {}) {
  const { gateway } = createTestGateway(
    { platformOps: { aws: { mode: 'simulated', retry: { maxAttempts: 1 }, ...aws } } },
    handler,
  );
  const scale = Router();
  scale.post('/scale', async (_req, res) => {
    await gateway.send(
      prod,
      'autoScaling',
      new SetDesiredCapacityCommand({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 8 }),
    );
    res.json({ ok: true });
  });
  const app = express();
  app.use(createRouterFrom([scale, createLedgerRoutes(gateway)]));
  app.use(
    MiddlewareFactory.create({ config: new ConfigReader({}), logger: captureLogger() }).error(),
  );
  return app;
}

function failing(name: string, httpStatusCode: number): SimulatedAwsHandler {
  return {
    handle: async () => {
      throw Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode } });
    },
  };
}

describe('AWS errors and the ledger over HTTP', () => {
  it('throttling -> 503 with Retry-After and a body without AWS internals', async () => {
    const res = await request(
      appWith(failing('ThrottlingException', 400), { retry: { maxAttempts: 1, throttledRetryAfterSeconds: 9 } }),
    ).post('/scale');

    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('9');
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toContain('AWS throttled AutoScaling.SetDesiredCapacity');
    expect(JSON.stringify(res.body)).not.toContain('$metadata');
  });

  it.each([
    ['AccessDenied', 403, 403, 'NotAllowedError'],
    ['ResourceNotFoundException', 400, 404, 'NotFoundError'],
    ['ValidationError', 400, 400, 'InputError'],
  ])('%s (AWS status %s) -> %s %s', async (code, awsStatus, status, name) => {
    const res = await request(appWith(failing(code, awsStatus))).post('/scale');
    expect(res.status).toBe(status);
    expect(res.body.error.name).toBe(name);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('GET /aws/ledger counts calls by Service.Operation', async () => {
    const app = appWith({ handle: async () => ({}) });
    await request(app).post('/scale').expect(200);
    await request(app).post('/scale').expect(200);

    const res = await request(app).get('/aws/ledger');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mode: 'simulated',
      total: 2,
      byOperation: { 'AutoScaling.SetDesiredCapacity': 2 },
    });
  });
});
