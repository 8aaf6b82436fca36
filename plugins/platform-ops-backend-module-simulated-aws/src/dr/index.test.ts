import { ManualClock } from '../ServiceModel';
import { createDrServiceModels, createDrSimulation } from '.';
import { exampleInventory, seededRandom } from './testInventory';
import { PROD_EAST, PROD_WEST } from './testUtils';

describe('createDrServiceModels', () => {
  it('gives one model per DR service, each answering the operations the runbooks send', () => {
    const models = createDrServiceModels({
      inventory: exampleInventory(),
      clock: new ManualClock(),
      random: seededRandom(1),
    });
    const answered = Object.fromEntries(
      models.map(m => [m.service, [...m.operations].sort()]),
    );
    expect(answered).toEqual({
      rds: [
        'CreateDBInstanceReadReplica',
        'DescribeDBClusters',
        'DescribeDBInstances',
        'FailoverDBCluster',
        'ModifyDBInstance',
        'PromoteReadReplica',
        'RebootDBInstance',
      ],
      route53: [
        'ChangeResourceRecordSets',
        'GetChange',
        'GetHealthCheck',
        'GetHealthCheckStatus',
        'ListHostedZones',
        'ListResourceRecordSets',
      ],
      ecs: [
        'DescribeServices',
        'DescribeTaskDefinition',
        'ListTaskDefinitions',
        'UpdateService',
      ],
      elastiCache: ['DescribeReplicationGroups', 'TestFailover'],
      cloudFront: [
        'GetDistribution',
        'GetDistributionConfig',
        'UpdateDistribution',
      ],
    });
  });

  it('is deterministic for a seed, and the lag hook follows the RDS model', async () => {
    const clock = new ManualClock();
    const build = () =>
      createDrSimulation({
        inventory: exampleInventory(),
        clock,
        random: seededRandom(99),
      });
    const a = build();
    const b = build();
    const rds = (sim: typeof a) => sim.models.find(m => m.service === 'rds')!;
    const describe = (sim: typeof a) =>
      rds(sim).handle(
        'DescribeDBInstances',
        { DBInstanceIdentifier: 'prod-postgres' },
        PROD_EAST,
        clock.now(),
      );
    expect(describe(a)).toEqual(describe(b));
    expect(a.replicaLagSeconds('prod-postgres-replica-usw2', clock.now())).toBe(
      b.replicaLagSeconds('prod-postgres-replica-usw2', clock.now()),
    );

    rds(a).handle(
      'PromoteReadReplica',
      { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
      PROD_WEST,
      clock.now(),
    );
    clock.advance(15 * 60_000); // DR_DURATIONS.rdsPromotion's maximum
    expect(
      a.replicaLagSeconds('prod-postgres-replica-usw2', clock.now()),
    ).toBeUndefined();
    expect(
      b.replicaLagSeconds('prod-postgres-replica-usw2', clock.now()),
    ).toBeGreaterThanOrEqual(2);
  });

  it('answers an operation it does not model with an AWS-shaped error', () => {
    const [rds] = createDrServiceModels({
      inventory: exampleInventory(),
      clock: new ManualClock(),
      random: seededRandom(1),
    });
    expect(() =>
      rds.handle('DeleteDBInstance', {}, PROD_EAST, new Date()),
    ).toThrow(
      expect.objectContaining({
        name: 'UnknownOperationException',
        $metadata: { httpStatusCode: 400 },
      }),
    );
  });
});
