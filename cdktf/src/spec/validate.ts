import { ZodIssue } from 'zod';
import { contains, overlaps, parseCidr, Ipv4Range } from './cidr';
import { PlatformSpec, platformSpecSchema } from './schema';
import { TIER_PRESETS, TIERS, Tier } from './tiers';

export interface SpecProblem {
  /** Dotted path into the spec, e.g. `network.vpcCidr`; empty for the whole spec. */
  path: string;
  message: string;
}

export type SpecValidation =
  | { ok: true; spec: PlatformSpec }
  | { ok: false; problems: SpecProblem[] };

/** Thrown by synthesize() and friends; carries every problem, not just the first. */
export class InvalidSpecError extends Error {
  constructor(readonly problems: SpecProblem[]) {
    super(
      `Invalid platform spec:\n${problems
        .map(p => `  - ${p.path || '(spec)'}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'InvalidSpecError';
  }
}

type Raw = Record<string, unknown>;

function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromZod(issue: ZodIssue): SpecProblem {
  return { path: issue.path.join('.'), message: issue.message };
}

function tierOf(raw: Raw): Tier | undefined {
  return (TIERS as readonly string[]).includes(raw.tier as string)
    ? (raw.tier as Tier)
    : undefined;
}

/**
 * Cross-field rules. They run on the raw input, independently of the schema, because zod
 * skips object-level refinements as soon as one field is invalid, and a user who typed an
 * unknown tier should still learn in the same answer that their CIDRs overlap.
 */
function crossFieldProblems(raw: Raw): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const tier = tierOf(raw);
  const preset = tier ? TIER_PRESETS[tier] : undefined;

  if (raw.drRegion !== undefined && raw.drRegion === raw.region) {
    problems.push({ path: 'drRegion', message: 'must differ from region' });
  }

  // The failover record must live in the hosted zone it is written to.
  const dns = isRecord(raw.dns) ? raw.dns : undefined;
  if (dns && typeof dns.recordName === 'string' && typeof dns.zoneName === 'string') {
    const zone = dns.zoneName.replace(/\.$/, '');
    const record = dns.recordName.replace(/\.$/, '');
    if (record !== zone && !record.endsWith(`.${zone}`)) {
      problems.push({ path: 'dns.recordName', message: `must be ${zone} or a name under it` });
    }
  }

  // GPU min/max, falling back to the tier preset for the side not given.
  const gpu = isRecord(raw.gpu) ? raw.gpu : {};
  const min = typeof gpu.min === 'number' ? gpu.min : preset?.gpu.min;
  const max = typeof gpu.max === 'number' ? gpu.max : preset?.gpu.max;
  if (min !== undefined && max !== undefined && min > max) {
    problems.push({
      path: 'gpu',
      message: `min (${min}) is greater than max (${max})`,
    });
  }

  if (Array.isArray(raw.queues)) {
    const seen = new Set<string>();
    raw.queues.forEach((q, i) => {
      if (isRecord(q) && typeof q.name === 'string') {
        if (seen.has(q.name)) {
          problems.push({ path: `queues.${i}.name`, message: `duplicate queue name "${q.name}"` });
        }
        seen.add(q.name);
      }
    });
  }

  // Networks: every CIDR must parse, the VPC must fit the subnet layout, nothing may overlap.
  const network = isRecord(raw.network) ? raw.network : {};
  const named: { path: string; range: Ipv4Range }[] = [];
  const check = (path: string, value: unknown) => {
    if (value === undefined) return undefined;
    const range = typeof value === 'string' ? parseCidr(value) : undefined;
    if (!range) {
      problems.push({ path, message: `"${String(value)}" is not a valid IPv4 CIDR block` });
      return undefined;
    }
    named.push({ path, range });
    return range;
  };
  const vpcValue = network.vpcCidr ?? (raw.kind === 'environment' || raw.kind === undefined ? preset?.vpcCidr : undefined);
  const vpc = check('network.vpcCidr', vpcValue);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 22)) {
    problems.push({
      path: 'network.vpcCidr',
      message: 'must be a /16 to /22 block (the subnet layout needs 24 subnets)',
    });
  }
  const dr = check('network.drVpcCidr', network.drVpcCidr);
  if (dr && (dr.prefix < 16 || dr.prefix > 22)) {
    problems.push({ path: 'network.drVpcCidr', message: 'must be a /16 to /22 block' });
  }
  if (Array.isArray(network.peerCidrs)) {
    network.peerCidrs.forEach((c, i) => check(`network.peerCidrs.${i}`, c));
  }
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const a = named[i];
      const b = named[j];
      if (overlaps(a.range, b.range)) {
        const how = contains(a.range, b.range) || contains(b.range, a.range) ? 'contains or is contained in' : 'overlaps';
        problems.push({ path: b.path, message: `${how} ${a.path}` });
      }
    }
  }

  return problems;
}

/**
 * Validates a spec and returns every problem found. A spec without `kind` is an
 * environment, the common case for hand-written YAML.
 */
export function validateSpec(input: unknown): SpecValidation {
  if (!isRecord(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be an object' }] };
  }
  const raw: Raw = input.kind === undefined ? { ...input, kind: 'environment' } : input;
  const parsed = platformSpecSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map(fromZod)),
    ...crossFieldProblems(raw),
  ];
  // Two rules can phrase the same fault; list each once.
  const unique = problems.filter(
    (p, i) => problems.findIndex(q => q.path === p.path && q.message === p.message) === i,
  );
  if (unique.length > 0 || !parsed.success) {
    return { ok: false, problems: unique };
  }
  return { ok: true, spec: parsed.data };
}

/** validateSpec, throwing InvalidSpecError with every problem. */
export function parseSpec(input: unknown): PlatformSpec {
  const result = validateSpec(input);
  if (!result.ok) throw new InvalidSpecError(result.problems);
  return result.spec;
}
