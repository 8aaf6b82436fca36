import { DBInstance } from '@aws-sdk/client-rds';
import { ManualClock } from '../ServiceModel';
import { RdsModel } from './rds/RdsModel';
import { exampleInventory, seededRandom } from './testInventory';
import { awsErrorOf, driver, PROD_EAST, PROD_WEST } from './testUtils';

/*
 * What a region failback needs from RDS: renaming an instance out of the way
 * (ModifyDBInstance NewDBInstanceIdentifier) and a cross-region read replica created from a
 * source ARN (CreateDBInstanceReadReplica), each as strict as AWS.
 */

const DR_ARN = 'arn:aws:rds:us-west-2:410987654321:db:prod-postgres-replica-usw2';
const PRESIGNED = 'https://rds.us-west-2.amazonaws.com/?Action=CreateDBInstanceReadReplica&X-Amz-Signature=abc';
const KEY = 'arn:aws:kms:us-east-1:410987654321:key/1234';

function setup() {
  const clock = new ManualClock();
  const model = new RdsModel({ inventory: exampleInventory(), random: seededRandom(42), now: clock.now() });
  const { call } = driver(model, clock);
  const describe = async (id: string, location = PROD_EAST) =>
    ((await call('DescribeDBInstances', { DBInstanceIdentifier: id }, location)) as { DBInstances: DBInstance[] }).DBInstances[0];
  /** The state after a region failover: the DR replica promoted (15 min is the promotion's maximum). */
  const failedOver = async () => {
    await call('PromoteReadReplica', { DBInstanceIdentifier: 'prod-postgres-replica-usw2' }, PROD_WEST);
    clock.advance(15 * 60_000);
  };
  return { clock, model, call, describe, failedOver };
}

describe('simulated RDS: renaming an instance', () => {
  it('frees the old name at once, moves the endpoint with the new one, and is available again after the reboot', async () => {
    const { clock, call, describe } = setup();
    const out = (await call('ModifyDBInstance', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: 'prod-postgres-old', ApplyImmediately: true }, PROD_EAST)) as { DBInstance: DBInstance };
    expect(out.DBInstance).toMatchObject({ DBInstanceIdentifier: 'prod-postgres-old', DBInstanceStatus: 'renaming', DBInstanceArn: 'arn:aws:rds:us-east-1:410987654321:db:prod-postgres-old' });
    expect(out.DBInstance.Endpoint!.Address).toMatch(/^prod-postgres-old\./);
    expect((await awsErrorOf(() => describe('prod-postgres'))).name).toBe('DBInstanceNotFoundFault');
    // The replica's link follows the new ARN.
    expect((await describe('prod-postgres-replica-usw2', PROD_WEST)).ReadReplicaSourceDBInstanceIdentifier).toBe('arn:aws:rds:us-east-1:410987654321:db:prod-postgres-old');
    clock.advance(90_000);
    expect((await describe('prod-postgres-old')).DBInstanceStatus).toBe('available');
  });

  it('refuses a taken name, a rename not applied immediately and members it does not model, changing nothing', async () => {
    const { call, describe } = setup();
    const taken = await awsErrorOf(() => call('ModifyDBInstance', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: 'prod-postgres', ApplyImmediately: true }, PROD_EAST));
    expect(taken.name).toBe('DBInstanceAlreadyExistsFault');
    const later = await awsErrorOf(() => call('ModifyDBInstance', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: 'prod-pg-2' }, PROD_EAST));
    expect(later.name).toBe('InvalidParameterValue');
    expect(later.message).toMatch(/ApplyImmediately/);
    const other = await awsErrorOf(() => call('ModifyDBInstance', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: 'prod-pg-2', ApplyImmediately: true, DBInstanceClass: 'db.r6g.2xlarge' }, PROD_EAST));
    expect(other.name).toBe('InvalidParameterValue');
    expect(other.message).toMatch(/DBInstanceClass/);
    const bad = await awsErrorOf(() => call('ModifyDBInstance', { DBInstanceIdentifier: 'prod-postgres', NewDBInstanceIdentifier: '1-bad--name', ApplyImmediately: true }, PROD_EAST));
    expect(bad.name).toBe('InvalidParameterValue');
    expect((await describe('prod-postgres')).DBInstanceStatus).toBe('available');
  });
});

describe('simulated RDS: a cross-region read replica of the promoted DR database', () => {
  const create = (extra: Record<string, unknown> = {}) => ({
    DBInstanceIdentifier: 'prod-postgres-new',
    SourceDBInstanceIdentifier: DR_ARN,
    PreSignedUrl: PRESIGNED,
    KmsKeyId: KEY,
    MultiAZ: true,
    Tags: [{ Key: 'platform-ops:failback-source', Value: 'db-x' }],
    ...extra,
  });

  it('is created from the source ARN, replicates with its lag in CloudWatch, and is available after 10-60 minutes', async () => {
    const { clock, model, call, describe, failedOver } = setup();
    await failedOver();
    const out = (await call('CreateDBInstanceReadReplica', create(), PROD_EAST)) as { DBInstance: DBInstance };
    expect(out.DBInstance).toMatchObject({
      DBInstanceIdentifier: 'prod-postgres-new',
      DBInstanceStatus: 'creating',
      ReadReplicaSourceDBInstanceIdentifier: DR_ARN,
      MultiAZ: true,
      KmsKeyId: KEY,
      TagList: [{ Key: 'platform-ops:failback-source', Value: 'db-x' }],
    });
    expect((await describe('prod-postgres-replica-usw2', PROD_WEST)).ReadReplicaDBInstanceIdentifiers).toEqual(['arn:aws:rds:us-east-1:410987654321:db:prod-postgres-new']);
    clock.advance(599_000);
    expect((await describe('prod-postgres-new')).DBInstanceStatus).toBe('creating');
    clock.advance(3_001_000);
    expect((await describe('prod-postgres-new')).DBInstanceStatus).toBe('available');
    const lag = model.metricSamples(clock.now()).find(s => s.dimensions[0].Value === 'prod-postgres-new');
    expect(lag).toMatchObject({ region: 'us-east-1', namespace: 'AWS/RDS', metricName: 'ReplicaLag' });
    expect(lag!.value).toBeGreaterThanOrEqual(2);
    expect(lag!.value).toBeLessThanOrEqual(20);

    // Promoted, it is a standalone writer and its source lists no replica any more.
    await call('PromoteReadReplica', { DBInstanceIdentifier: 'prod-postgres-new', BackupRetentionPeriod: 30 }, PROD_EAST);
    clock.advance(15 * 60_000);
    expect(await describe('prod-postgres-new')).toMatchObject({ DBInstanceStatus: 'available', BackupRetentionPeriod: 30 });
    expect((await describe('prod-postgres-new')).ReadReplicaSourceDBInstanceIdentifier).toBeUndefined();
  });

  it('refuses what AWS refuses, and creates nothing', async () => {
    const { call, describe, failedOver } = setup();
    // Not promoted yet: a replica keeps no automated backups, so it cannot be a source.
    const noBackups = await awsErrorOf(() => call('CreateDBInstanceReadReplica', create(), PROD_EAST));
    expect(noBackups.name).toBe('InvalidDBInstanceStateFault');
    expect(noBackups.message).toMatch(/Automated backups are not enabled/);
    await failedOver();
    // A plain identifier is looked up in the caller's region.
    expect((await awsErrorOf(() => call('CreateDBInstanceReadReplica', create({ SourceDBInstanceIdentifier: 'prod-postgres-replica-usw2' }), PROD_EAST))).name).toBe('DBInstanceNotFoundFault');
    const noKey = await awsErrorOf(() => call('CreateDBInstanceReadReplica', create({ KmsKeyId: undefined }), PROD_EAST));
    expect([noKey.name, noKey.message]).toEqual(['InvalidParameterCombination', 'For encrypted cross-region replica, kmsKeyId should be explicitly specified']);
    const unsigned = await awsErrorOf(() => call('CreateDBInstanceReadReplica', create({ PreSignedUrl: undefined }), PROD_EAST));
    expect(unsigned.name).toBe('InvalidParameterCombination');
    expect((await awsErrorOf(() => call('CreateDBInstanceReadReplica', create({ DBInstanceIdentifier: 'prod-postgres' }), PROD_EAST))).name).toBe('DBInstanceAlreadyExistsFault');
    expect((await awsErrorOf(() => call('CreateDBInstanceReadReplica', create({ DBInstanceIdentifier: 'ends-with-' }), PROD_EAST))).name).toBe('InvalidParameterValue');
    expect((await awsErrorOf(() => describe('prod-postgres-new'))).name).toBe('DBInstanceNotFoundFault');
    expect((await describe('prod-postgres-replica-usw2', PROD_WEST)).ReadReplicaDBInstanceIdentifiers).toEqual([]);
  });
});
