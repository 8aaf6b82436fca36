/** Minimal IPv4 CIDR arithmetic: enough to validate and carve VPC subnets. */

export interface Ipv4Range {
  /** first address as an unsigned 32-bit integer */
  start: number;
  /** last address, inclusive */
  end: number;
  prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

export function parseCidr(cidr: string): Ipv4Range | undefined {
  const m = CIDR_RE.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some(o => o > 255) || prefix > 32) return undefined;
  const base =
    ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const size = 2 ** (32 - prefix);
  // A CIDR whose host bits are set (10.0.0.1/16) is almost always a typo.
  if (base % size !== 0) return undefined;
  return { start: base, end: base + size - 1, prefix };
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function toDotted(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The index-th subnet of the given prefix length inside the range. */
export function subnetAt(range: Ipv4Range, prefix: number, index: number): string {
  const size = 2 ** (32 - prefix);
  return `${toDotted(range.start + index * size)}/${prefix}`;
}
