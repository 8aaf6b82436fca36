/*
 * The slice of Terraform's JSON configuration syntax (what `cdktf synth` writes to
 * <stack>/cdk.tf.json) the simulated account applies: providers with alias and region,
 * resources by type and local name, and "${type.name.attribute}" references between them.
 * Plain JSON in, no cdktf at runtime: adopters of the simulator do not get cdktf with it.
 */

/** One `cdk.tf.json` (a Terraform stack). */
export interface TerraformStackJson {
  provider?: { aws?: AwsProviderBlock[] };
  resource?: Record<string, Record<string, TerraformResourceBody>>;
  [key: string]: unknown;
}

export interface AwsProviderBlock {
  alias?: string;
  region?: string;
  allowed_account_ids?: string[];
  default_tags?: { tags?: Record<string, string> }[];
}

export type TerraformResourceBody = Record<string, unknown> & { provider?: string };

/** A resource of a stack with the region its provider puts it in. */
export interface PlacedResource {
  type: string;
  localName: string;
  /** "type.localName", what references use. */
  address: string;
  region: string;
  accountId?: string;
  /** Provider default tags merged with the resource's own tags (as AWS ends up with). */
  tags: Record<string, string>;
  body: TerraformResourceBody;
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}$/;

/** "${aws_lb.x.dns_name}" -> { address: "aws_lb.x", attribute: "dns_name" }. */
export function parseReference(value: unknown): { address: string; attribute: string } | undefined {
  if (typeof value !== 'string') return undefined;
  const match = REFERENCE.exec(value);
  return match ? { address: `${match[1]}.${match[2]}`, attribute: match[3] } : undefined;
}

/** Every "${type.name.attr}" inside a string (e.g. a JSON-encoded redrive policy). */
export function referencesIn(value: string): { address: string; attribute: string }[] {
  return [...value.matchAll(/\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)\.([a-z_]+)\}/g)].map(m => ({
    address: `${m[1]}.${m[2]}`,
    attribute: m[3],
  }));
}

/**
 * The resources of one stack, each in its provider's region: `provider: "aws.dr"` selects
 * the AWS provider block with alias "dr"; no provider selects the default (unaliased) one.
 * A resource naming a provider the stack does not declare is refused, as `terraform plan` does.
 */
export function placeResources(stack: TerraformStackJson): PlacedResource[] {
  const providers = stack.provider?.aws ?? [];
  const byAlias = new Map(providers.map(p => [p.alias ? `aws.${p.alias}` : 'aws', p]));
  const placed: PlacedResource[] = [];
  for (const [type, resources] of Object.entries(stack.resource ?? {})) {
    for (const [localName, body] of Object.entries(resources)) {
      const providerKey = body.provider ?? 'aws';
      const provider = byAlias.get(providerKey);
      if (!provider?.region) {
        throw new Error(`${type}.${localName} uses provider ${providerKey}, which the stack does not declare with a region`);
      }
      const defaultTags = Object.assign({}, ...(provider.default_tags ?? []).map(d => d.tags ?? {}));
      placed.push({
        type,
        localName,
        address: `${type}.${localName}`,
        region: provider.region,
        accountId: provider.allowed_account_ids?.[0],
        tags: { ...defaultTags, ...tagsOf(body) },
        body,
      });
    }
  }
  return placed;
}

/** `tags` map, or the Auto Scaling `tag` blocks, as one map. */
function tagsOf(body: TerraformResourceBody): Record<string, string> {
  if (body.tags && typeof body.tags === 'object') return body.tags as Record<string, string>;
  if (Array.isArray(body.tag)) {
    return Object.fromEntries(
      (body.tag as { key?: string; value?: string }[])
        .filter(t => typeof t.key === 'string')
        .map(t => [t.key!, String(t.value ?? '')]),
    );
  }
  return {};
}

/** Terraform writes numbers and booleans as strings in places (cpu "2048", "true"). */
export function num(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

export function bool(value: unknown, fallback = false): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
