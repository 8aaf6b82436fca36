import { InvalidSpecError, parseSpec, validateSpec } from './validate';

describe('validateSpec', () => {
  it('accepts a minimal environment and defaults the kind', () => {
    const result = validateSpec({ name: 'dev-1', tier: 'dev', region: 'us-east-1' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.spec.kind).toBe('environment');
  });

  it('lists every problem of a spec at once', () => {
    const result = validateSpec({
      name: 'bad-env',
      tier: 'qa',
      region: 'mars-north-1',
      network: { vpcCidr: '10.0.0.0/16', drVpcCidr: '10.0.128.0/17' },
      gpu: { min: 6, max: 2 },
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'tier', message: 'must be one of dev, sandbox, staging, prod' },
        { path: 'region', message: 'is not an AWS region' },
        { path: 'gpu', message: 'min (6) is greater than max (2)' },
        { path: 'network.drVpcCidr', message: 'contains or is contained in network.vpcCidr' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('checks min > max against the tier preset when only one side is given', () => {
    const result = validateSpec({ name: 'dev-1', tier: 'dev', region: 'us-east-1', gpu: { min: 3 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ path: 'gpu', message: 'min (3) is greater than max (1)' }]);
  });

  it('refuses malformed CIDRs, overlapping peers, a DR region equal to the region and duplicate queues', () => {
    const result = validateSpec({
      name: 'prod-1',
      tier: 'prod',
      region: 'us-east-1',
      drRegion: 'us-east-1',
      network: { vpcCidr: '10.3.0.1/16', peerCidrs: ['172.16.0.0/12', '172.20.0.0/16'] },
      queues: [{ name: 'jobs' }, { name: 'jobs' }],
    });
    expect(!result.ok && result.problems.map(p => p.path).sort()).toEqual(
      ['drRegion', 'network.peerCidrs.1', 'network.vpcCidr', 'queues.1.name'].sort(),
    );
  });

  it('validates gpu-worker-pool and queue specs', () => {
    expect(
      validateSpec({ kind: 'gpu-worker-pool', name: 'render', environment: 'prod-1', queueName: 'processing', tier: 'prod', region: 'us-east-1' }).ok,
    ).toBe(true);
    const bad = validateSpec({ kind: 'queue', name: 'Thumbs!', environment: 'prod-1', tier: 'prod', region: 'us-east-1' });
    expect(!bad.ok && bad.problems[0].path).toBe('name');
  });

  it('parseSpec throws an error carrying all problems', () => {
    const thrown = (() => {
      try {
        parseSpec({ name: 'x', tier: 'qa', region: 'nowhere' });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidSpecError);
    expect((thrown as InvalidSpecError).problems.map(p => p.path)).toEqual(['name', 'tier', 'region']);
  });

  it('checks the hosted zone of the failover records', () => {
    const ok = validateSpec({ name: 'prod-9', tier: 'prod', region: 'us-east-1', dns: { hostedZoneId: 'Z0ABC', zoneName: 'video.example.com', recordName: 'api.video.example.com.' } });
    expect(ok.ok).toBe(true);
    const bad = validateSpec({ name: 'prod-9', tier: 'prod', region: 'us-east-1', dns: { hostedZoneId: 'zone-1', zoneName: 'Video.Example.com', recordName: 'api.other.com' } });
    expect(!bad.ok && bad.problems).toEqual([
      { path: 'dns.hostedZoneId', message: 'must be a Route 53 hosted zone id (Z followed by capitals and digits)' },
      { path: 'dns.zoneName', message: 'must be a lowercase DNS name such as video.example.com' },
      { path: 'dns.recordName', message: 'must be Video.Example.com or a name under it' },
    ]);
  });
});
