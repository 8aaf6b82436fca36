import { overlaps, parseCidr, subnetAt } from './cidr';
import { subnetLayout } from './resolve';

describe('cidr', () => {
  it('parses and rejects', () => {
    expect(parseCidr('10.0.0.0/16')).toEqual({ start: 167772160, end: 167837695, prefix: 16 });
    expect(parseCidr('10.0.0.1/16')).toBeUndefined();
    expect(parseCidr('300.0.0.0/8')).toBeUndefined();
    expect(parseCidr('banana')).toBeUndefined();
  });

  it('detects overlap', () => {
    expect(overlaps(parseCidr('10.0.0.0/16')!, parseCidr('10.0.255.0/24')!)).toBe(true);
    expect(overlaps(parseCidr('10.0.0.0/16')!, parseCidr('10.1.0.0/16')!)).toBe(false);
  });

  it('lays out subnets as seed 000 does', () => {
    expect(subnetAt(parseCidr('10.0.0.0/16')!, 24, 11)).toBe('10.0.11.0/24');
    expect(subnetLayout('10.3.0.0/16', 3)).toEqual({
      public: ['10.3.1.0/24', '10.3.2.0/24', '10.3.3.0/24'],
      app: ['10.3.11.0/24', '10.3.12.0/24', '10.3.13.0/24'],
      data: ['10.3.21.0/24', '10.3.22.0/24', '10.3.23.0/24'],
    });
  });
});
