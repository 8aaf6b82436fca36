import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import express from 'express';
import request from 'supertest';
import { MINUTE, testAccount } from './testUtils/testAccount';
import { createSimulatorRoutes } from './simulatorRoutes';

/** The simulated account's admins: who the permission service allows (deny for everyone else). */
function app(admins: string[] = ['user:default/ana-platform']) {
  const { account, clock } = testAccount();
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) => {
      const principal = (options?.credentials.principal ?? {}) as { userEntityRef?: string };
      return requests.map(r => ({
        ...r,
        result:
          r.permission.name === 'platform-ops.simulator.control' && admins.includes(principal.userEntityRef ?? '')
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })) as never;
    },
  });
  const router = createSimulatorRoutes({ account, httpAuth: mockServices.httpAuth(), permissions });
  const server = express();
  server.use(express.json());
  server.use(router);
  server.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() }).error());
  return { server, account, clock };
}

const user = mockCredentials.user.header('user:default/ana-platform');

describe('simulator routes', () => {
  it('sets faults for drills and says what is wrong with bad settings (nothing changes)', async () => {
    const { server, account } = app();
    const ok = await request(server)
      .post('/simulator/faults')
      .set('Authorization', user)
      .send({ regionsDown: ['us-east-1'], accessDenied: ['rds:RebootDBInstance'] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ regionsDown: ['us-east-1'], accessDenied: ['rds:RebootDBInstance'], throttleRate: 0 });
    expect(account.faults.current.regionsDown).toEqual(['us-east-1']);

    const bad = await request(server).post('/simulator/faults').set('Authorization', user).send({ throttleRate: 3, typo: true });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('throttleRate');
    expect(account.faults.current.regionsDown).toEqual(['us-east-1']);
    expect((await request(server).get('/simulator/faults')).body.regionsDown).toEqual(['us-east-1']);
  });

  it('moves the clock forward and reports the state', async () => {
    const { server } = app();
    const before = await request(server).get('/simulator/state');
    expect(before.status).toBe(200);
    expect(before.body.now).toBe('2026-11-20T12:00:00.000Z');
    expect(before.body.operations).toContain('autoScaling.SetDesiredCapacity');
    const moved = await request(server).post('/simulator/clock/advance').set('Authorization', user).send({ seconds: 90 });
    expect(moved.body).toEqual({ now: new Date(Date.parse('2026-11-20T12:00:00Z') + 1.5 * MINUTE).toISOString() });
    expect((await request(server).get('/simulator/state')).body.now).toBe('2026-11-20T12:01:30.000Z');
    const back = await request(server).post('/simulator/clock/advance').set('Authorization', user).send({ seconds: -5 });
    expect(back.status).toBe(400);
  });

  it('needs a signed-in user to change faults or time', async () => {
    const { server } = app();
    const service = await request(server)
      .post('/simulator/clock/advance')
      .set('Authorization', mockCredentials.service.header())
      .send({ seconds: 10 });
    expect(service.status).toBe(403);
  });

  it('refuses every control to a signed-in user who is not an admin, and nothing changes', async () => {
    const { server, account } = app(['user:default/ana-platform']);
    const vik = mockCredentials.user.header('user:default/vik-video');
    const before = (await request(server).get('/simulator/state')).body.now;
    const faults = await request(server).post('/simulator/faults').set('Authorization', vik).send({ regionsDown: ['us-east-1'] });
    const clock = await request(server).post('/simulator/clock/advance').set('Authorization', vik).send({ seconds: 600 });
    for (const res of [faults, clock]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain("Only the simulated account's administrators");
    }
    expect(account.faults.current.regionsDown).toEqual([]);
    expect((await request(server).get('/simulator/state')).body.now).toBe(before);
    // Reads stay open: anyone may see the account's state and faults.
    expect((await request(server).get('/simulator/faults').set('Authorization', vik)).status).toBe(200);
  });
});
