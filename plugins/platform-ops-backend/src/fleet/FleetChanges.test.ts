import { TestDatabases } from '@backstage/backend-test-utils';
import { ownerActor, simulatedFleetChanges } from './__testUtils__/simulatedFleetChanges';

/**
 * The fleet changes as a service, with no HTTP at all: what an actions-registry module or a
 * scheduled job would call. The simulated account answers through the real SDK clients.
 */
describe('FleetChanges without HTTP', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  const setup = async () => simulatedFleetChanges(await databases.init('SQLITE_3'));
  const owner = (dryRun: boolean) => ownerActor('more workers for the launch', dryRun);

  it('plans a dry-run for a plain actor value and sends nothing', async () => {
    const { changes, runner } = await setup();
    const outcome = await changes.change(
      'desired-capacity',
      { entityRef: 'resource:default/prod-gpu-fleet', desiredCapacity: 5 } as { entityRef: string },
      owner(true),
    );
    expect(outcome.mutation.status).toBe('dry-run');
    expect(outcome.mutation.plan).toEqual([
      expect.objectContaining({
        command: 'SetDesiredCapacityCommand',
        input: expect.objectContaining({ AutoScalingGroupName: 'prod-gpu-workers', DesiredCapacity: 5 }),
      }),
    ]);
    expect((await runner.history('resource:default/prod-gpu-fleet')).items.map(r => r.status)).toEqual(['dry-run']);
  });

  it('answers 404 for an unknown fleet before asking who the actor is', async () => {
    const { changes } = await setup();
    const actor = jest.fn(async () => owner(false));
    await expect(
      changes.change('size', { entityRef: 'resource:default/no-such-fleet' }, actor),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(actor).not.toHaveBeenCalled();
  });
});
