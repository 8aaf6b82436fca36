import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { describeZodError } from '@platformops/plugin-platform-ops-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { faultSettingsSchema } from './faults';
import { SimulatedAccount } from './SimulatedAccount';

/** Changes need a signed-in user (reads are open to any signed-in user or service). */
function userCredentials(httpAuth: HttpAuthService, req: Request) {
  return httpAuth.credentials(req, { allow: ['user'] });
}

/** Parses a request part with a zod schema; failures are 400s naming every bad field. */
function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`Invalid ${what}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * Controls of the simulated account, mounted only in simulated mode: fault injection for
 * tests and DR drills, a state summary, and a clock that drills can move forward. Signed-in
 * users only (the default Backstage auth policy); nothing here reaches a real account.
 */
export function createSimulatorRoutes(options: { account: SimulatedAccount; httpAuth: HttpAuthService }) {
  const { account, httpAuth } = options;
  const router = Router();
  // Mounted ahead of the plugin's own router (modules start first): parse our bodies here,
  // and only ours (every other request passes through untouched).
  router.use('/simulator', express.json({ limit: '16kb' }));

  router.get('/simulator/state', async (_req, res) => {
    res.json({ ...(await account.state()), operations: await account.operations() });
  });

  router.get('/simulator/faults', async (_req, res) => {
    res.json(account.faults.current);
  });

  router.post('/simulator/faults', async (req, res) => {
    await userCredentials(httpAuth, req);
    const settings = parseOrThrow(faultSettingsSchema, req.body ?? {}, 'fault settings');
    res.json(account.faults.set(settings));
  });

  router.post('/simulator/clock/advance', async (req, res) => {
    await userCredentials(httpAuth, req);
    const { seconds } = parseOrThrow(
      // A day at most per call: the world steps through every simulated minute.
      z.object({ seconds: z.number().positive().max(86_400) }).strict(),
      req.body ?? {},
      'clock advance',
    );
    const now = await account.advance(seconds * 1000);
    res.json({ now: now.toISOString() });
  });

  return router;
}
