import { DescribeDBInstancesCommand, RebootDBInstanceCommand } from '@aws-sdk/client-rds';
import { AwsGateway } from '../../aws/types';
import { StepCall } from '../types';
import { LeaseFence } from './fence';
import { LeaseLostError } from './lease';
import { createStepAws } from './stepAws';

const TOKEN = { executionId: 'exec-1', owner: 'replica-a', epoch: 3 };
const LOCATION = { accountId: '111122223333', region: 'us-east-1' };

const reboot: StepCall = {
  service: 'rds',
  location: LOCATION,
  plane: 'control',
  command: new RebootDBInstanceCommand({ DBInstanceIdentifier: 'prod-postgres', ForceFailover: true }),
};
const describe1: StepCall = {
  service: 'rds',
  location: LOCATION,
  plane: 'control',
  command: new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'prod-postgres' }),
};

/** A gateway that records what reaches it, and a fence whose renewals answer as told. */
function world(renewals: Array<boolean | Error>) {
  const sent: string[] = [];
  const gateway: AwsGateway = {
    mode: 'aws',
    send: (async (_location, _service, command) => {
      sent.push(command.constructor.name);
      return {};
    }) as AwsGateway['send'],
    preview: () => {
      throw new Error('not previewed here');
    },
    ledger: () => {
      throw new Error('not read here');
    },
  };
  const renew = jest.fn(async () => {
    const next = renewals.shift();
    if (next instanceof Error) throw next;
    return next ?? false;
  });
  const logs: string[] = [];
  const fence = new LeaseFence({ renew }, TOKEN, 30_000);
  const aws = createStepAws(gateway, async m => void logs.push(m), fence, 10_000);
  return { aws, sent, renew, logs, fence };
}

describe('a step call goes out only behind a lease renewal that succeeded', () => {
  it('renews the lease with the execution token before each call, then sends it', async () => {
    const { aws, sent, renew, logs } = world([true, true]);
    await aws.send(describe1);
    await aws.send(reboot);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(renew).toHaveBeenNthCalledWith(1, TOKEN, 30_000);
    expect(sent).toEqual(['DescribeDBInstancesCommand', 'RebootDBInstanceCommand']);
    expect(logs).toEqual([
      '-> rds.DescribeDBInstances in us-east-1 (control plane, account 111122223333)',
      '-> rds.RebootDBInstance in us-east-1 (control plane, account 111122223333)',
    ]);
  });

  it('another replica took the lease between two calls of one step: the second is not sent', async () => {
    const { aws, sent, fence } = world([true, false]);
    await aws.send(describe1);
    await expect(aws.send(reboot)).rejects.toThrow(LeaseLostError);
    await expect(aws.send(reboot)).rejects.toThrow(/Not sending rds.RebootDBInstance/);
    expect(sent).toEqual(['DescribeDBInstancesCommand']);
    expect(fence.held).toBe(false);
  });

  it('the database does not answer the renewal: that call is not sent; the next goes once a renewal succeeds', async () => {
    const { aws, sent, renew, fence } = world([new Error('connection to the database lost'), true]);
    await expect(aws.send(reboot)).rejects.toThrow('connection to the database lost');
    expect(sent).toEqual([]);
    // An unanswered renewal is not a refusal: the lease may still be ours, and the next
    // renewal says so (or not) before anything is sent.
    await aws.send(reboot);
    expect(renew).toHaveBeenCalledTimes(2);
    expect(sent).toEqual(['RebootDBInstanceCommand']);
    expect(fence.held).toBe(true);
  });
});
