import {
  DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommandOutput,
  ListTaskDefinitionsCommandOutput,
} from '@aws-sdk/client-ecs';
import { ManualClock } from '../ServiceModel';
import { EcsModel } from './ecs/EcsModel';
import { exampleInventory, seededRandom } from './testInventory';
import { awsErrorOf, driver, PROD_EAST, PROD_WEST } from './testUtils';

type Services = Omit<DescribeServicesCommandOutput, '$metadata'>;

function setup(seed = 5) {
  const clock = new ManualClock();
  const model = new EcsModel({
    inventory: exampleInventory(),
    random: seededRandom(seed),
    now: clock.now(),
  });
  const { call } = driver(model, clock);
  const service = async (location = PROD_EAST, name = 'video-api') =>
    (
      (await call(
        'DescribeServices',
        { cluster: 'prod-cluster', services: [name] },
        location,
      )) as Services
    ).services![0];
  const revisions = async (location = PROD_EAST) =>
    (
      (await call(
        'ListTaskDefinitions',
        { familyPrefix: 'video-api' },
        location,
      )) as Omit<ListTaskDefinitionsCommandOutput, '$metadata'>
    ).taskDefinitionArns!;
  return { clock, call, service, revisions };
}

describe('simulated ECS', () => {
  it('runs each Component service on its latest revision, with a pilot-light copy in the DR region', async () => {
    const { service, revisions } = setup();
    const arns = await revisions();
    expect(arns.length).toBeGreaterThanOrEqual(3);
    expect(arns[0]).toBe(
      'arn:aws:ecs:us-east-1:410987654321:task-definition/video-api:1',
    );
    const api = await service();
    expect(api).toMatchObject({
      serviceName: 'video-api',
      clusterArn: 'arn:aws:ecs:us-east-1:410987654321:cluster/prod-cluster',
      desiredCount: 4,
      runningCount: 4,
      taskDefinition: arns[arns.length - 1],
    });
    expect(api.deployments).toHaveLength(1);
    expect(api.deployments![0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
    });

    const dr = await service(PROD_WEST, 'gpu-worker-agent');
    expect(dr).toMatchObject({ desiredCount: 0, runningCount: 0 });
    expect(dr.clusterArn).toBe(
      'arn:aws:ecs:us-west-2:410987654321:cluster/prod-cluster',
    );
    expect((await revisions(PROD_WEST)).length).toBe(arns.length);
  });

  it('describes a task definition by family:revision and refuses an unknown one', async () => {
    const { call } = setup();
    const out = (await call(
      'DescribeTaskDefinition',
      { taskDefinition: 'video-api:2' },
      PROD_EAST,
    )) as Omit<DescribeTaskDefinitionCommandOutput, '$metadata'>;
    expect(out.taskDefinition).toMatchObject({
      family: 'video-api',
      revision: 2,
      status: 'ACTIVE',
    });
    expect(out.taskDefinition!.containerDefinitions![0].image).toMatch(
      /video-api:1\.2\.0$/,
    );
    const error = await awsErrorOf(() =>
      call(
        'DescribeTaskDefinition',
        { taskDefinition: 'video-api:99' },
        PROD_EAST,
      ),
    );
    expect(error).toMatchObject({
      name: 'ClientException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('rolls back to the previous revision: new deployment converges and completes in 2-3 minutes', async () => {
    const { clock, call, service, revisions } = setup();
    const arns = await revisions();
    const previous = arns[arns.length - 2];
    const answer = (await call(
      'UpdateService',
      {
        cluster: 'prod-cluster',
        service: 'video-api',
        taskDefinition: previous,
      },
      PROD_EAST,
    )) as {
      service: {
        deployments: {
          status: string;
          rolloutState: string;
          taskDefinition: string;
        }[];
      };
    };
    expect(
      answer.service.deployments.map(d => [d.status, d.rolloutState]),
    ).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    expect(answer.service.deployments[0].taskDefinition).toBe(previous);

    clock.advance(45_000);
    const midway = await service();
    const [fresh, old] = midway.deployments!;
    // Old tasks keep serving while the new ones start (minimum healthy 100%).
    expect(old.runningCount! + fresh.runningCount!).toBeGreaterThanOrEqual(4);
    expect(fresh.runningCount!).toBeLessThan(4);
    expect(fresh.rolloutState).toBe('IN_PROGRESS');

    clock.advance(75_000); // 2 min: every new task is up
    expect((await service()).deployments![0].runningCount).toBe(4);

    clock.advance(60_000); // 3 min: rollout complete, old deployment gone
    const done = await service();
    expect(done.taskDefinition).toBe(previous);
    expect(done.runningCount).toBe(4);
    expect(done.deployments).toHaveLength(1);
    expect(done.deployments![0]).toMatchObject({
      rolloutState: 'COMPLETED',
      taskDefinition: previous,
    });
    expect(done.events![0].message).toBe(
      '(service video-api) has reached a steady state.',
    );
  });

  it('scales the DR service up from zero without a new deployment', async () => {
    const { clock, call, service } = setup();
    await call(
      'UpdateService',
      { cluster: 'prod-cluster', service: 'video-api', desiredCount: 4 },
      PROD_WEST,
    );
    const started = await service(PROD_WEST);
    expect(started).toMatchObject({ desiredCount: 4, runningCount: 0 });
    expect(started.deployments).toHaveLength(1);
    // DR_DURATIONS.ecsTasksFromPilotLight: not all up before 45 s, all up by 4 min.
    clock.advance(44_000);
    expect((await service(PROD_WEST)).runningCount).toBeLessThan(4);
    clock.advance(196_000);
    expect((await service(PROD_WEST)).runningCount).toBe(4);
    expect((await service()).desiredCount).toBe(4); // the primary region is untouched
  });

  it('forceNewDeployment starts a deployment on the same revision', async () => {
    const { call, service } = setup();
    const before = (await service()).taskDefinition;
    await call(
      'UpdateService',
      {
        cluster: 'prod-cluster',
        service: 'video-api',
        forceNewDeployment: true,
      },
      PROD_EAST,
    );
    const after = await service();
    expect(after.deployments).toHaveLength(2);
    expect(after.deployments![0].taskDefinition).toBe(before);
  });

  it('answers AWS-shaped errors for unknown service, cluster and task definition, changing nothing', async () => {
    const { call, service } = setup();
    const before = await service();
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateService',
          { cluster: 'prod-cluster', service: 'nope', desiredCount: 1 },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'ServiceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateService',
          { cluster: 'nope', service: 'video-api', desiredCount: 1 },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({ name: 'ClusterNotFoundException' });
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateService',
          {
            cluster: 'prod-cluster',
            service: 'video-api',
            taskDefinition: 'video-api:99',
          },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'TaskDefinition not found.',
    });
    expect(
      await awsErrorOf(() =>
        call(
          'UpdateService',
          { cluster: 'prod-cluster', service: 'video-api', desiredCount: -1 },
          PROD_EAST,
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(await service()).toEqual(before);
  });

  it('reports unknown services of DescribeServices as failures, as ECS does', async () => {
    const { call } = setup();
    const out = (await call(
      'DescribeServices',
      { cluster: 'prod-cluster', services: ['video-api', 'ghost'] },
      PROD_EAST,
    )) as Services;
    expect(out.services!.map(s => s.serviceName)).toEqual(['video-api']);
    expect(out.failures).toEqual([
      {
        arn: 'arn:aws:ecs:us-east-1:410987654321:service/prod-cluster/ghost',
        reason: 'MISSING',
      },
    ]);
  });
});
