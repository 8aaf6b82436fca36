import { z } from 'zod';
import { AWS_REGIONS } from './regions';
import { GPU_INSTANCE_TYPES, TIERS } from './tiers';

/**
 * The environment spec a template fills in. Everything but name, tier and region is
 * optional: missing values come from the tier preset (see resolve.ts).
 */

const name = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/,
    'must be 3-32 characters of lowercase letters, digits and dashes, starting with a letter',
  );

const region = z.enum(AWS_REGIONS, {
  errorMap: () => ({ message: 'is not an AWS region' }),
});

const tier = z.enum(TIERS, {
  errorMap: () => ({ message: `must be one of ${TIERS.join(', ')}` }),
});

const cidr = z.string().min(1);

const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id');

const domainName = z
  .string()
  .regex(
    /^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+\.?$/,
    'must be a lowercase DNS name such as video.example.com',
  );

/**
 * The public endpoint's DNS: the Route 53 hosted zone the environment's failover records go
 * in. The zone itself is not created here (a domain outlives environments).
 */
export const dnsOptionsSchema = z
  .object({
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,32}$/, 'must be a Route 53 hosted zone id (Z followed by capitals and digits)'),
    zoneName: domainName,
    /** The record the failover pair answers for; default `<name>.<zoneName>`. */
    recordName: domainName.optional(),
  })
  .strict();

export const gpuPoolOptionsSchema = z
  .object({
    instanceTypes: z.array(z.enum(GPU_INSTANCE_TYPES)).min(1).optional(),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).max(100).optional(),
    spotPercent: z.number().int().min(0).max(100).optional(),
    backlogPerInstance: z.number().int().min(1).optional(),
  })
  .strict();

export const queueOptionsSchema = z
  .object({
    name: name,
    visibilityTimeoutSeconds: z.number().int().min(0).max(43200).optional(),
    messageRetentionSeconds: z.number().int().min(60).max(1209600).optional(),
    maxReceiveCount: z.number().int().min(1).max(1000).optional(),
    dlqAlarmThreshold: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * Free text that ends up in tags, names and the catalog: no control characters (NUL and the
 * C0 range, DEL), which AWS's tag pattern and PostgreSQL refuse and no one means to type.
 */
const text = z
  .string()
  .min(1)
  .max(256, 'must be at most 256 characters')
  // Matching control characters is the point of this expression.
  // eslint-disable-next-line no-control-regex
  .refine(v => !/[\u0000-\u001F\u007F]/.test(v), 'must not contain control characters (such as NUL)');

const common = {
  name,
  tier,
  region,
  accountId: accountId.optional(),
  owner: text.optional(),
  system: text.optional(),
  costCenter: text.optional(),
};

export const environmentSpecSchema = z
  .object({
    kind: z.literal('environment'),
    ...common,
    drRegion: region.optional(),
    /** Hosted zone of the public endpoint: Route 53 failover records (tiers with region failover). */
    dns: dnsOptionsSchema.optional(),
    network: z
      .object({
        vpcCidr: cidr.optional(),
        drVpcCidr: cidr.optional(),
        azCount: z.number().int().min(2).max(3).optional(),
        /** Networks that must stay reachable (peered VPCs, on-prem): no overlap allowed. */
        peerCidrs: z.array(cidr).optional(),
      })
      .strict()
      .optional(),
    gpu: gpuPoolOptionsSchema.optional(),
    queues: z.array(queueOptionsSchema).min(1).optional(),
    monthlyBudgetUsd: z.number().positive().optional(),
    alarmEmail: z.string().email().optional(),
  })
  .strict();

/** A GPU worker pool added to an existing environment (new-gpu-worker-pool template). */
export const gpuPoolSpecSchema = z
  .object({
    kind: z.literal('gpu-worker-pool'),
    ...common,
    /** Name of the environment whose VPC and queue the pool joins. */
    environment: name,
    /** The queue the pool drains. */
    queueName: name,
    /** The environment's DR region (prod pools get a pilot light there); default as for environments. */
    drRegion: region.optional(),
    gpu: gpuPoolOptionsSchema.optional(),
  })
  .strict();

/** A queue + DLQ added to an existing environment (new-queue template). */
export const queueSpecSchema = z
  .object({
    kind: z.literal('queue'),
    ...common,
    environment: name,
    /** The environment's DR region (prod queues get a DR copy there); default as for environments. */
    drRegion: region.optional(),
    queue: queueOptionsSchema.omit({ name: true }).optional(),
  })
  .strict();

export const platformSpecSchema = z.discriminatedUnion('kind', [
  environmentSpecSchema,
  gpuPoolSpecSchema,
  queueSpecSchema,
]);

export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;
export type GpuPoolSpec = z.infer<typeof gpuPoolSpecSchema>;
export type QueueSpec = z.infer<typeof queueSpecSchema>;
export type PlatformSpec = z.infer<typeof platformSpecSchema>;
export type GpuPoolOptions = z.infer<typeof gpuPoolOptionsSchema>;
export type QueueOptions = z.infer<typeof queueOptionsSchema>;
export type DnsOptions = z.infer<typeof dnsOptionsSchema>;
