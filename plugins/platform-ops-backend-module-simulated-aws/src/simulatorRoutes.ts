import { AuditorService, HttpAuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  controlCharacterMessage,
  describeZodError,
  findControlCharacter,
  simulatorControlPermission,
} from '@platformops/plugin-platform-ops-common';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { faultSettingsSchema } from './faults';
import { SimulatedAccount } from './SimulatedAccount';

/**
 * Faults and the clock change what every user of this backend sees (one user's injected outage
 * is everybody's outage), so changing them needs a signed-in user granted
 * platform-ops.simulator.control, which the default policy keeps to an admin group. Reads are
 * open to any signed-in user or service.
 */
async function requireSimulatorControl(httpAuth: HttpAuthService, permissions: PermissionsService, req: Request) {
  const credentials = await httpAuth.credentials(req, { allow: ['user'] });
  const [decision] = await permissions.authorize([{ permission: simulatorControlPermission }], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      "Only the simulated account's administrators may inject faults or move its clock; ask your Backstage administrators to add you",
    );
  }
}

/** Parses a request part with a zod schema; failures are 400s naming every bad field. */
function parseOrThrow<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`Invalid ${what}: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

/**
 * A control change, audited with its outcome (success, or the refusal and why) like every
 * change of the plugin; control characters anywhere in the body are a 400 naming the field.
 */
function audited(
  auditor: AuditorService | undefined,
  eventId: string,
  handler: (req: Request, res: Response) => Promise<void>,
) {
  return async (req: Request, res: Response) => {
    // The actor comes from the request: a request without a user cannot name one, and is
    // refused (401/403) by requireSimulatorControl below, still audited as a failure.
    const event = await auditor
      ?.createEvent({ eventId, severityLevel: 'medium', request: req, meta: { body: req.body ?? null } })
      .catch(() => auditor.createEvent({ eventId, severityLevel: 'medium', meta: { unauthenticated: true } }));
    try {
      const field = findControlCharacter(req.body);
      if (field) throw new InputError(controlCharacterMessage(field));
      await handler(req, res);
    } catch (error) {
      await event?.fail({ error: error instanceof Error ? error : new Error(String(error)) });
      throw error;
    }
    await event?.success();
  };
}

/**
 * Controls of the simulated account, mounted only in simulated mode: fault injection for
 * tests and DR drills, a state summary, and a clock that drills can move forward. Changes need
 * platform-ops.simulator.control; nothing here reaches a real account.
 */
export function createSimulatorRoutes(options: {
  account: SimulatedAccount;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor?: AuditorService;
}) {
  const { account, httpAuth, permissions, auditor } = options;
  const router = Router();
  // Mounted ahead of the plugin's own router (modules start first): parse our bodies here,
  // and only ours (every other request passes through untouched).
  router.use('/simulator', express.json({ limit: '16kb' }));

  router.get('/simulator/state', async (_req, res) => {
    res.json({ ...(await account.state()), operations: await account.operations() });
  });

  router.get('/simulator/faults', async (_req, res) => {
    // The settings as the world's log has them (another replica may have changed them).
    res.json((await account.state()).faults);
  });

  router.post('/simulator/faults', audited(auditor, 'simulator-set-faults', async (req, res) => {
    await requireSimulatorControl(httpAuth, permissions, req);
    const settings = parseOrThrow(faultSettingsSchema, req.body ?? {}, 'fault settings');
    res.json(await account.setFaults(settings));
  }));

  router.post('/simulator/clock/advance', audited(auditor, 'simulator-advance-clock', async (req, res) => {
    await requireSimulatorControl(httpAuth, permissions, req);
    const { seconds } = parseOrThrow(
      // A day at most per call: the world steps through every simulated minute.
      z.object({ seconds: z.number().positive().max(86_400) }).strict(),
      req.body ?? {},
      'clock advance',
    );
    const now = await account.advance(seconds * 1000);
    res.json({ now: now.toISOString() });
  }));

  return router;
}
