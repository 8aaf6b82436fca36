import { InputError } from '@backstage/errors';
import { BucketResource, EcsServiceResource, GpuFleetResource, PlatformEnvironment } from '@platformops/plugin-platform-ops-common';
import { USE1_ALB, USW2_ALB } from '../__testUtils__/fakeRoute53';
import { conventionNote, drAsgName, drBucket, drEcsService } from './drNames';
import { failoverState } from './route53Endpoints';

const location = { accountId: '410987654321', region: 'us-east-1' };
const base = { entityRef: 'resource:default/x', name: 'x', environment: 'prod', location, consoleUrl: '' };

describe('DR names: declared in the catalog, else the Terraform convention', () => {
  it('uses the declared names, and says when a name is only the convention', () => {
    const fleet: GpuFleetResource = { ...base, kind: 'gpu-fleet', asgName: 'prod-gpu', drAsgName: 'prod-gpu-standby' };
    expect(drAsgName(fleet)).toEqual({ name: 'prod-gpu-standby', declared: true });
    const undeclared = drAsgName({ ...fleet, drAsgName: undefined });
    expect(undeclared).toEqual({ name: 'prod-gpu', declared: false });
    expect(conventionNote(undeclared, 'platform-ops.io/dr-asg-name')).toBe(' (name by convention: the entity has no platform-ops.io/dr-asg-name annotation)');
    expect(conventionNote(drAsgName(fleet), 'platform-ops.io/dr-asg-name')).toBe('');

    const svc: EcsServiceResource = { ...base, kind: 'ecs-service', cluster: 'c', service: 's', drCluster: 'c-dr', drService: 's' };
    expect(drEcsService(svc)).toEqual({ cluster: 'c-dr', service: 's', declared: true });
    expect(drEcsService({ ...svc, drCluster: undefined, drService: undefined })).toEqual({ cluster: 'c', service: 's', declared: false });

    const bucket: BucketResource = { ...base, kind: 'bucket', bucketName: 'media', drBucketName: 'media-replica-west' };
    expect(drBucket(bucket, 'us-west-2')).toEqual({ name: 'media-replica-west', declared: true });
    expect(drBucket({ ...bucket, drBucketName: undefined }, 'us-west-2')).toEqual({ name: 'media-usw2', declared: false });
  });
});

describe('failover records against the declared set identifiers', () => {
  const environment: PlatformEnvironment = {
    entityRef: 'resource:default/prod',
    name: 'prod',
    tier: 'prod',
    location,
    drRegion: 'us-west-2',
    route53Record: { hostedZoneId: 'Z0PLATFORMPROD', recordName: 'api.video.example.com' },
    dr: { setIdentifiers: { primary: 'primary-us-east-1', secondary: 'secondary-us-west-2' } },
    costTag: 'prod',
    resources: [],
  };
  const record = (setId: string, failover: 'PRIMARY' | 'SECONDARY', dns: string) => ({
    Name: 'api.video.example.com.',
    Type: 'A' as const,
    SetIdentifier: setId,
    Failover: failover,
    AliasTarget: { HostedZoneId: 'Z', DNSName: dns, EvaluateTargetHealth: true },
  });

  it('accepts the declared pair, also after a failover swapped what it points at', () => {
    const target = { entityRef: environment.entityRef, environment };
    const swapped = [record('primary-us-east-1', 'PRIMARY', USW2_ALB), record('secondary-us-west-2', 'SECONDARY', USE1_ALB)];
    expect(failoverState(target, swapped).servedBy).toBe('us-west-2');
  });

  it('refuses a pair with other set identifiers, naming both', () => {
    const target = { entityRef: environment.entityRef, environment };
    const other = [record('blue', 'PRIMARY', USE1_ALB), record('green', 'SECONDARY', USW2_ALB)];
    expect(() => failoverState(target, other)).toThrow(InputError);
    expect(() => failoverState(target, other)).toThrow(
      'are blue (PRIMARY) and green (SECONDARY), but the catalog declares primary-us-east-1 and secondary-us-west-2',
    );
    // Without a declaration the pair is read by what it points at, as before.
    expect(failoverState({ ...target, environment: { ...environment, dr: undefined } }, other).servedBy).toBe('us-east-1');
  });
});
