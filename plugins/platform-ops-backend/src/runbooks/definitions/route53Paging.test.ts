import {
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
  Route53Client,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { exampleInventory, realGateway } from '../__testUtils__/harness';
import { ReadAws, RunbookTarget } from '../types';
import { readFailoverState, readRecords, ROUTE53_MAX_ITEMS_PER_PAGE } from './route53';

const route53 = mockClient(Route53Client);
beforeEach(() => route53.reset());

async function prodTarget(): Promise<RunbookTarget> {
  const environment = await exampleInventory().getEnvironment('prod');
  return { entityRef: 'resource:default/prod', environment };
}

function readAws(gateway = realGateway()): ReadAws {
  return {
    send: call => gateway.send(call.location, call.service, call.command),
    now: () => new Date('2026-11-20T12:00:00Z'),
  };
}

const NAME = 'api.video.example.com.';
const alias = (region: string, id: string) => ({
  HostedZoneId: 'Z35SXDOTRQ7X7K',
  DNSName: `dualstack.prod-alb-${id}.${region}.elb.amazonaws.com.`,
  EvaluateTargetHealth: true,
});
const primary: ResourceRecordSet = { Name: NAME, Type: 'A', SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY', HealthCheckId: 'hc-use1', AliasTarget: alias('us-east-1', '1234') };
const secondary: ResourceRecordSet = { Name: NAME, Type: 'A', SetIdentifier: 'secondary-us-west-2', Failover: 'SECONDARY', HealthCheckId: 'hc-usw2', AliasTarget: alias('us-west-2', '5678') };
const aaaa: ResourceRecordSet = { Name: NAME, Type: 'AAAA', SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY', AliasTarget: alias('us-east-1', '1234') };

describe('Route 53 records of the environment, read over every page', () => {
  it('follows NextRecordName/Type/Identifier into StartRecordName/Type/Identifier until the pair is complete', async () => {
    // Route 53 cut the answer between the two failover records of the same name and type.
    route53
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({ ResourceRecordSets: [primary], IsTruncated: true, NextRecordName: NAME, NextRecordType: 'A', NextRecordIdentifier: 'secondary-us-west-2', MaxItems: 1 })
      .resolvesOnce({ ResourceRecordSets: [secondary], IsTruncated: true, NextRecordName: NAME, NextRecordType: 'AAAA', MaxItems: 1 })
      .resolvesOnce({ ResourceRecordSets: [aaaa], IsTruncated: false, MaxItems: 1 });

    const target = await prodTarget();
    const state = await readFailoverState(readAws(), target);

    const inputs = route53.commandCalls(ListResourceRecordSetsCommand).map(c => c.args[0].input);
    const zone = target.environment.route53Record!.hostedZoneId;
    expect(inputs).toEqual([
      { HostedZoneId: zone, StartRecordName: NAME, MaxItems: ROUTE53_MAX_ITEMS_PER_PAGE },
      { HostedZoneId: zone, StartRecordName: NAME, StartRecordType: 'A', StartRecordIdentifier: 'secondary-us-west-2', MaxItems: 300 },
      { HostedZoneId: zone, StartRecordName: NAME, StartRecordType: 'AAAA', MaxItems: 300 },
    ]);
    expect(state.servedBy).toBe('us-east-1');
    expect(state.secondary.SetIdentifier).toBe('secondary-us-west-2');
  });

  it('stops when the next page starts at another name: Route 53 lists in name order, nothing later is ours', async () => {
    route53.on(ListResourceRecordSetsCommand).resolvesOnce({
      ResourceRecordSets: [primary, secondary],
      IsTruncated: true,
      NextRecordName: 'cdn.video.example.com.',
      NextRecordType: 'CNAME',
      MaxItems: 2,
    });

    const records = await readRecords(readAws(), await prodTarget());

    expect(route53).toHaveReceivedCommandTimes(ListResourceRecordSetsCommand, 1);
    expect(records).toEqual([primary, secondary]);
  });

  it('says what Route 53 said when a later page is refused, instead of deciding on half the records', async () => {
    route53
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({ ResourceRecordSets: [primary], IsTruncated: true, NextRecordName: NAME, NextRecordType: 'A', NextRecordIdentifier: 'secondary-us-west-2', MaxItems: 1 })
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 }, $fault: 'client' }));

    await expect(readRecords(readAws(), await prodTarget())).rejects.toMatchObject({
      message: expect.stringContaining('ListResourceRecordSets'),
    });
    expect(route53).toHaveReceivedCommandTimes(ListResourceRecordSetsCommand, 2);
  });
});
