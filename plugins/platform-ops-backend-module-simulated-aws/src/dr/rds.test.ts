import { DescribeDBInstancesCommandOutput } from '@aws-sdk/client-rds';
import { ManualClock } from '../ServiceModel';
import { RdsModel } from './rds/RdsModel';
import { exampleInventory, seededRandom } from './testInventory';
import {
  awsErrorOf,
  DEV_EAST,
  driver,
  PROD_EAST,
  PROD_WEST,
  STAGING_EAST,
} from './testUtils';

type Instances = Omit<DescribeDBInstancesCommandOutput, '$metadata'>;

function setup(seed = 42, isRegionDown?: (region: string) => boolean) {
  const clock = new ManualClock();
  const model = new RdsModel({
    inventory: exampleInventory(),
    random: seededRandom(seed),
    now: clock.now(),
    isRegionDown,
  });
  const { call } = driver(model, clock);
  const describe = async (id: string, location = PROD_EAST) =>
    (
      (await call(
        'DescribeDBInstances',
        { DBInstanceIdentifier: id },
        location,
      )) as Instances
    ).DBInstances![0];
  return { clock, model, call, describe };
}

describe('simulated RDS', () => {
  it('seeds Multi-AZ primaries sized by tier and the prod replica in the DR region', async () => {
    const { describe } = setup();
    const prod = await describe('prod-postgres');
    expect(prod).toMatchObject({
      DBInstanceClass: 'db.r6g.xlarge',
      Engine: 'postgres',
      DBInstanceStatus: 'available',
      MultiAZ: true,
      AvailabilityZone: 'us-east-1a',
      SecondaryAvailabilityZone: 'us-east-1b',
      ReadReplicaDBInstanceIdentifiers: [
        'arn:aws:rds:us-west-2:410987654321:db:prod-postgres-replica-usw2',
      ],
    });
    expect(prod.ReadReplicaSourceDBInstanceIdentifier).toBeUndefined();
    expect(
      (await describe('staging-postgres', STAGING_EAST)).DBInstanceClass,
    ).toBe('db.t3.medium');
    expect((await describe('dev-postgres', DEV_EAST)).DBInstanceClass).toBe(
      'db.t3.micro',
    );

    const replica = await describe('prod-postgres-replica-usw2', PROD_WEST);
    expect(replica).toMatchObject({
      MultiAZ: false,
      AvailabilityZone: 'us-west-2a',
      ReadReplicaSourceDBInstanceIdentifier:
        'arn:aws:rds:us-east-1:410987654321:db:prod-postgres',
      StatusInfos: [
        { StatusType: 'read replication', Normal: true, Status: 'replicating' },
      ],
    });
  });

  it('answers not found, AWS-shaped, for an instance outside the called region or account', async () => {
    const { call } = setup();
    const wrongRegion = await awsErrorOf(() =>
      call(
        'DescribeDBInstances',
        { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
        PROD_EAST,
      ),
    );
    expect(wrongRegion).toMatchObject({
      name: 'DBInstanceNotFoundFault',
      Code: 'DBInstanceNotFound',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
      message: 'DBInstance prod-postgres-replica-usw2 not found.',
    });
    const wrongAccount = await awsErrorOf(() =>
      call(
        'DescribeDBInstances',
        { DBInstanceIdentifier: 'prod-postgres' },
        STAGING_EAST,
      ),
    );
    expect(wrongAccount.name).toBe('DBInstanceNotFoundFault');
  });

  it('lists only the instances of the called region', async () => {
    const { call } = setup();
    const west = (await call(
      'DescribeDBInstances',
      {},
      PROD_WEST,
    )) as Instances;
    expect(west.DBInstances!.map(i => i.DBInstanceIdentifier)).toEqual([
      'prod-postgres-replica-usw2',
    ]);
  });

  it.each([1, 2, 3, 4, 5])(
    'forced failover (seed %i): rebooting, then AZs swap between 60 and 120 s and it is available',
    async seed => {
      const { clock, call, describe } = setup(seed);
      const answer = (await call(
        'RebootDBInstance',
        { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true },
        PROD_EAST,
      )) as { DBInstance: { DBInstanceStatus: string } };
      expect(answer.DBInstance.DBInstanceStatus).toBe('rebooting');

      // One description per simulated second, up to and including the one that shows the swap.
      const observed: Array<Awaited<ReturnType<typeof describe>>> = [];
      let swappedAfter: number | undefined;
      for (let s = 1; s <= 130 && swappedAfter === undefined; s++) {
        clock.advance(1000);
        const db = await describe('prod-postgres');
        observed.push(db);
        if (db.AvailabilityZone === 'us-east-1b') swappedAfter = s;
      }
      const beforeSwap = swappedAfter === undefined ? observed : observed.slice(0, -1);
      expect(beforeSwap.map(db => db.DBInstanceStatus)).toEqual(beforeSwap.map(() => 'rebooting'));
      expect(observed[observed.length - 1]).toMatchObject({
        AvailabilityZone: 'us-east-1b',
        DBInstanceStatus: 'available',
        SecondaryAvailabilityZone: 'us-east-1a',
      });
      expect(swappedAfter).toBeGreaterThanOrEqual(60);
      expect(swappedAfter).toBeLessThanOrEqual(120);
    },
  );

  it('refuses a reboot while rebooting, and a forced failover of a single-AZ instance', async () => {
    const { call, describe } = setup();
    await call(
      'RebootDBInstance',
      { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true },
      PROD_EAST,
    );
    const busy = await awsErrorOf(() =>
      call(
        'RebootDBInstance',
        { DBInstanceIdentifier: 'prod-postgres', ForceFailover: true },
        PROD_EAST,
      ),
    );
    expect(busy).toMatchObject({
      name: 'InvalidDBInstanceStateFault',
      Code: 'InvalidDBInstanceState',
      $metadata: { httpStatusCode: 400 },
    });

    const singleAz = await awsErrorOf(() =>
      call(
        'RebootDBInstance',
        {
          DBInstanceIdentifier: 'prod-postgres-replica-usw2',
          ForceFailover: true,
        },
        PROD_WEST,
      ),
    );
    expect(singleAz.name).toBe('InvalidDBInstanceStateFault');
    expect(singleAz.message).toMatch(/not a Multi-AZ instance/);
    expect(
      (await describe('prod-postgres-replica-usw2', PROD_WEST))
        .DBInstanceStatus,
    ).toBe('available');
  });

  it('rejects malformed input with InvalidParameterValue and changes nothing', async () => {
    const { call, describe } = setup();
    const error = await awsErrorOf(() =>
      call('RebootDBInstance', { ForceFailover: 'yes' }, PROD_EAST),
    );
    expect(error).toMatchObject({
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
    expect(error.message).toMatch(/DBInstanceIdentifier/);
    expect((await describe('prod-postgres')).DBInstanceStatus).toBe(
      'available',
    );
  });

  it('promotes the replica in 3-15 minutes into a standalone instance, and refuses a second promotion', async () => {
    const { clock, call, describe } = setup(7);
    const answer = (await call(
      'PromoteReadReplica',
      { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
      PROD_WEST,
    )) as { DBInstance: { DBInstanceStatus: string } };
    expect(answer.DBInstance.DBInstanceStatus).toBe('modifying');

    const again = await awsErrorOf(() =>
      call(
        'PromoteReadReplica',
        { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
        PROD_WEST,
      ),
    );
    expect(again.name).toBe('InvalidDBInstanceStateFault');

    // DR_DURATIONS.rdsPromotion: never before 3 min, always by 15 min.
    clock.advance(179_000);
    const during = await describe('prod-postgres-replica-usw2', PROD_WEST);
    expect(during.DBInstanceStatus).toBe('modifying');
    expect(during.ReadReplicaSourceDBInstanceIdentifier).toBeDefined();

    clock.advance(721_000); // 15 minutes after the call
    const promoted = await describe('prod-postgres-replica-usw2', PROD_WEST);
    expect(promoted.DBInstanceStatus).toBe('available');
    expect(promoted.ReadReplicaSourceDBInstanceIdentifier).toBeUndefined();
    expect(promoted.StatusInfos).toBeUndefined();
    expect(
      (await describe('prod-postgres')).ReadReplicaDBInstanceIdentifiers,
    ).toEqual([]);

    const standalone = await awsErrorOf(() =>
      call(
        'PromoteReadReplica',
        { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
        PROD_WEST,
      ),
    );
    expect(standalone).toMatchObject({
      name: 'InvalidDBInstanceStateFault',
      message: 'DB Instance prod-postgres-replica-usw2 is not a read replica.',
    });
  });

  it('refuses to promote a primary', async () => {
    const { call } = setup();
    const error = await awsErrorOf(() =>
      call(
        'PromoteReadReplica',
        { DBInstanceIdentifier: 'prod-postgres' },
        PROD_EAST,
      ),
    );
    expect(error.name).toBe('InvalidDBInstanceStateFault');
  });

  it('keeps replica lag between 2 and 20 s over a day, and none once promoted', async () => {
    const { clock, call, model } = setup();
    const lags: number[] = [];
    for (let m = 0; m < 24 * 60; m += 7) {
      lags.push(
        model.replicaLagSeconds(
          'prod-postgres-replica-usw2',
          new Date(clock.now().getTime() + m * 60000),
        )!,
      );
    }
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...lags)).toBeLessThanOrEqual(20);
    expect(new Set(lags).size).toBeGreaterThan(10); // it moves
    expect(
      model.replicaLagSeconds('prod-postgres', clock.now()),
    ).toBeUndefined();

    await call(
      'PromoteReadReplica',
      { DBInstanceIdentifier: 'prod-postgres-replica-usw2' },
      PROD_WEST,
    );
    clock.advance(15 * 60_000);
    expect(
      model.replicaLagSeconds('prod-postgres-replica-usw2', clock.now()),
    ).toBeUndefined();
  });

  it('grows replica lag while the source region is down', () => {
    let down = false;
    const { clock, model } = setup(
      42,
      region => down && region === 'us-east-1',
    );
    down = true;
    const first = model.replicaLagSeconds(
      'prod-postgres-replica-usw2',
      clock.now(),
    )!;
    clock.advance(10 * 60_000);
    const later = model.replicaLagSeconds(
      'prod-postgres-replica-usw2',
      clock.now(),
    )!;
    expect(later).toBeGreaterThanOrEqual(600);
    expect(later).toBeGreaterThan(first);
  });
});

describe('simulated Aurora', () => {
  function aurora() {
    const inventory = exampleInventory();
    const prod = inventory.environments.find(e => e.name === 'prod')!;
    prod.resources.push({
      kind: 'database',
      entityRef: 'resource:default/prod-aurora',
      name: 'prod-aurora',
      environment: 'prod',
      location: PROD_EAST,
      consoleUrl: 'https://console.aws.amazon.com',
      dbClusterId: 'prod-aurora',
    });
    const clock = new ManualClock();
    const model = new RdsModel({
      inventory,
      random: seededRandom(3),
      now: clock.now(),
    });
    return { clock, ...driver(model, clock) };
  }
  const writerOf = (out: unknown) =>
    (
      out as {
        DBClusters: {
          DBClusterMembers: {
            DBInstanceIdentifier: string;
            IsClusterWriter: boolean;
          }[];
        }[];
      }
    ).DBClusters[0].DBClusterMembers.find(m => m.IsClusterWriter)
      ?.DBInstanceIdentifier;

  it('fails over to the reader and refuses a second failover while failing over', async () => {
    const { clock, call } = aurora();
    const before = await call(
      'DescribeDBClusters',
      { DBClusterIdentifier: 'prod-aurora' },
      PROD_EAST,
    );
    expect(writerOf(before)).toBe('prod-aurora-instance-1');
    const answer = (await call(
      'FailoverDBCluster',
      { DBClusterIdentifier: 'prod-aurora' },
      PROD_EAST,
    )) as {
      DBCluster: { Status: string };
    };
    expect(answer.DBCluster.Status).toBe('failing-over');
    const busy = await awsErrorOf(() =>
      call(
        'FailoverDBCluster',
        { DBClusterIdentifier: 'prod-aurora' },
        PROD_EAST,
      ),
    );
    expect(busy.name).toBe('InvalidDBClusterStateFault');
    clock.advance(60_000);
    const after = await call(
      'DescribeDBClusters',
      { DBClusterIdentifier: 'prod-aurora' },
      PROD_EAST,
    );
    expect(writerOf(after)).toBe('prod-aurora-instance-2');
  });

  it('answers DBClusterNotFoundFault for an unknown cluster', async () => {
    const { call } = aurora();
    const error = await awsErrorOf(() =>
      call('DescribeDBClusters', { DBClusterIdentifier: 'nope' }, PROD_EAST),
    );
    expect(error).toMatchObject({
      name: 'DBClusterNotFoundFault',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
