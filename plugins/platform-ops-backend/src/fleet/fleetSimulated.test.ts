import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startSimulatedBackend } from './__testUtils__/startFleetBackend';

jest.setTimeout(60_000);

/**
 * End to end against the simulated account (the embedded default): the example catalog's
 * fleets next to their queues, a scale-out, and the group converging as simulated time passes.
 */
describe('fleet and queues against the simulated account', () => {
  it('shows every example fleet with its queue, scales prod and watches it converge', async () => {
    const { server } = await startSimulatedBackend({ simulation: { backfillHours: 1, seed: 7 } });
    const auth = mockCredentials.user.header('user:default/ana-platform');
    const get = (path: string) => request(server).get(`/api/platform-ops${path}`).set('Authorization', auth);

    const all = await get('/fleets');
    expect(all.status).toBe(200);
    expect(all.body.problems).toEqual([]);
    expect(all.body.fleets.map((f: { entityRef: string; backlog?: { queueRef: string } }) => [f.entityRef, f.backlog?.queueRef])).toEqual([
      ['resource:default/dev-gpu-fleet', 'resource:default/dev-jobs-queue'],
      ['resource:default/staging-gpu-fleet', 'resource:default/staging-jobs-queue'],
      ['resource:default/prod-gpu-fleet', 'resource:default/prod-jobs-queue'],
    ]);
    const queues = await get('/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.queues).toHaveLength(3);
    expect(queues.body.queues.every((q: { found: boolean }) => q.found)).toBe(true);

    const before = (await get('/fleets/by-entity?entityRef=resource:default/prod-gpu-fleet')).body;
    const target = Math.min(before.maxSize, before.desiredCapacity + 2);
    const change = await request(server)
      .post('/api/platform-ops/fleets/desired-capacity')
      .set('Authorization', auth)
      .send({ entityRef: 'resource:default/prod-gpu-fleet', desiredCapacity: target, reason: 'drill: scale out' });
    expect(change.status).toBe(200);
    expect(change.body.mutation.status).toBe('succeeded');

    const after = (await get('/fleets/by-entity?entityRef=resource:default/prod-gpu-fleet')).body;
    expect(after.desiredCapacity).toBe(target);
    // Converging: the list says since when, from the launch the scale-out started (the same
    // answer as the fleet's own read, which has the activities).
    const started = (after.activities as Array<{ startTime?: string; endTime?: string }>).filter(a => !a.endTime).map(a => a.startTime).sort()[0];
    expect(started).toBeDefined();
    const listed = (await get('/fleets?environment=prod')).body.fleets.find((f: { entityRef: string }) => f.entityRef === 'resource:default/prod-gpu-fleet');
    expect(listed.convergingSince).toBe(started);

    await request(server).post('/api/platform-ops/simulator/clock/advance').set('Authorization', auth).send({ seconds: 600 });
    const converged = (await get('/fleets/by-entity?entityRef=resource:default/prod-gpu-fleet')).body;
    expect(converged.inService + converged.pending).toBeGreaterThanOrEqual(Math.min(target, converged.desiredCapacity));
    expect(converged.activities.length).toBeGreaterThan(0);

    // Target tracking on the backlog: the first time it also enables the group metric it divides
    // by; the simulated account answers both calls, so a newcomer can try it.
    const tracking = () =>
      request(server)
        .post('/api/platform-ops/fleets/target-tracking')
        .set('Authorization', auth)
        .send({ entityRef: 'resource:default/staging-gpu-fleet', acceptableLatencySeconds: 300, averageProcessingSeconds: 30, reason: 'backlog scaling' });
    const first = await tracking();
    expect(first.status).toBe(200);
    expect(first.body.mutation.status).toBe('succeeded');
    expect(first.body.mutation.plan.map((c: { command: string }) => c.command)).toEqual(['EnableMetricsCollectionCommand', 'PutScalingPolicyCommand']);
    const second = await tracking();
    expect(second.status).toBe(200);
    expect(second.body.mutation.plan.map((c: { command: string }) => c.command)).toEqual(['PutScalingPolicyCommand']);
  });
});
