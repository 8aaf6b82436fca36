import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  GetHealthCheckStatusCommand,
  ListResourceRecordSetsCommand,
  ResourceRecordSet,
  Route53ClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-route-53';
import { AwsStub } from 'aws-sdk-client-mock';

type Route53Mock = AwsStub<ServiceInputTypes, ServiceOutputTypes, Route53ClientResolvedConfig>;

export const USE1_ALB = 'dualstack.prod-alb-1234.us-east-1.elb.amazonaws.com.';
export const USW2_ALB = 'dualstack.prod-alb-5678.us-west-2.elb.amazonaws.com.';

/** The example catalog's prod failover pair, as Terraform creates it: PRIMARY -> us-east-1. */
export function prodFailoverPair(): ResourceRecordSet[] {
  return [
    { Name: 'api.video.example.com.', Type: 'A', SetIdentifier: 'primary-us-east-1', Failover: 'PRIMARY', HealthCheckId: 'hc-use1', AliasTarget: { HostedZoneId: 'Z35SXDOTRQ7X7K', DNSName: USE1_ALB, EvaluateTargetHealth: true } },
    { Name: 'api.video.example.com.', Type: 'A', SetIdentifier: 'secondary-us-west-2', Failover: 'SECONDARY', HealthCheckId: 'hc-usw2', AliasTarget: { HostedZoneId: 'Z1H1FL5HABSF5', DNSName: USW2_ALB, EvaluateTargetHealth: true } },
  ];
}

/**
 * A hosted zone that behaves like Route 53 for what the runbooks use: ListResourceRecordSets
 * returns the records as they are now, ChangeResourceRecordSets applies UPSERTs (by name,
 * type and set identifier) and returns a change id, GetChange reports INSYNC.
 */
export function fakeFailoverZone(route53: Route53Mock, records: ResourceRecordSet[] = prodFailoverPair()) {
  let current = records.map(r => ({ ...r }));
  let changes = 0;
  const mock = route53 as unknown as {
    on: (command: unknown) => { callsFake: (fn: (input: never) => unknown) => void; resolves: (v: unknown) => void };
  };
  mock.on(ListResourceRecordSetsCommand).callsFake(() => ({
    ResourceRecordSets: current.map(r => ({ ...r })),
    IsTruncated: false,
    MaxItems: 10,
  }));
  mock.on(ChangeResourceRecordSetsCommand).callsFake((input: { ChangeBatch: { Changes: Array<{ Action: string; ResourceRecordSet: ResourceRecordSet }> } }) => {
    for (const change of input.ChangeBatch.Changes) {
      const r = change.ResourceRecordSet;
      const i = current.findIndex(c => c.Name === r.Name && c.Type === r.Type && c.SetIdentifier === r.SetIdentifier);
      if (change.Action !== 'UPSERT') throw new Error(`unexpected ${change.Action}`);
      if (i >= 0) current[i] = { ...r };
      else current.push({ ...r });
    }
    changes++;
    return { ChangeInfo: { Id: `/change/C${changes}`, Status: 'PENDING', SubmittedAt: new Date() } };
  });
  mock.on(GetChangeCommand).callsFake((input: { Id: string }) => ({
    ChangeInfo: { Id: input.Id, Status: 'INSYNC', SubmittedAt: new Date() },
  }));
  mock.on(GetHealthCheckStatusCommand).resolves({
    HealthCheckObservations: [{ StatusReport: { Status: 'Success: HTTP Status Code 200' } }],
  });
  return {
    records: () => current,
    set: (next: ResourceRecordSet[]) => {
      current = next.map(r => ({ ...r }));
    },
    /** Where traffic goes: the PRIMARY record's target and health check. */
    primary: () => {
      const p = current.find(r => r.Failover === 'PRIMARY')!;
      return { dnsName: p.AliasTarget?.DNSName, healthCheckId: p.HealthCheckId };
    },
  };
}
