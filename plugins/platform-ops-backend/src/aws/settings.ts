import { Config } from '@backstage/config';
import { z } from 'zod';
import { AWS_SERVICE_NAMES } from './services';
import { AwsServiceName } from './types';

/** The `platformOps.aws` config block, validated once at start-up. */
export interface AwsGatewaySettings {
  /** Unset: simulated when a simulated account is installed, else aws. */
  mode?: 'simulated' | 'aws';
  retryMode: 'standard' | 'adaptive';
  maxAttempts: number;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Seconds the 503 asks clients to wait after throttling outlasted the retries. */
  throttledRetryAfterSeconds: number;
  /** Per-service endpoint overrides, `default` already applied to every service without one. */
  endpoints: Partial<Record<AwsServiceName, string>>;
  /**
   * Where sts:AssumeRole goes (endpoints.sts, else endpoints.default): the credentials
   * manager's STS client, which the gateway does not build, reads it from the environment.
   */
  stsEndpoint?: string;
}

/** Endpoint keys besides the services: one URL for all of them, and STS. */
const EXTRA_ENDPOINT_KEYS = ['default', 'sts'];

const settingsSchema = z.object({
  // No default: whether a simulated account is installed decides (see createAwsGateway).
  mode: z.enum(['simulated', 'aws']).optional(),
  retry: z
    .object({
      mode: z.enum(['standard', 'adaptive']).default('standard'),
      maxAttempts: z.number().int().min(1).max(10).default(3),
      throttledRetryAfterSeconds: z.number().int().min(1).max(600).default(5),
    })
    .default({}),
  timeouts: z
    .object({
      requestMs: z.number().int().min(100).default(10_000),
      connectionMs: z.number().int().min(100).default(3_000),
    })
    .default({}),
  endpoints: z
    .record(z.string().url())
    .default({})
    .superRefine((endpoints, ctx) => {
      for (const key of Object.keys(endpoints)) {
        if (![...AWS_SERVICE_NAMES, ...EXTRA_ENDPOINT_KEYS].includes(key)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `unknown service "${key}" (known: ${[...EXTRA_ENDPOINT_KEYS, ...AWS_SERVICE_NAMES].join(', ')})`,
          });
        }
      }
    }),
});

export function readAwsGatewaySettings(config: Config): AwsGatewaySettings {
  const raw = config.getOptional('platformOps.aws') ?? {};
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i => `${['platformOps', 'aws', ...i.path].join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid platformOps.aws config: ${problems}`);
  }
  const s = parsed.data;
  return {
    mode: s.mode,
    retryMode: s.retry.mode,
    maxAttempts: s.retry.maxAttempts,
    throttledRetryAfterSeconds: s.retry.throttledRetryAfterSeconds,
    requestTimeoutMs: s.timeouts.requestMs,
    connectionTimeoutMs: s.timeouts.connectionMs,
    // An emulator or a VPC endpoint proxy: `default` serves every service not named.
    endpoints: Object.fromEntries(
      AWS_SERVICE_NAMES.flatMap(service => {
        const url = s.endpoints[service] ?? s.endpoints.default;
        return url ? [[service, url]] : [];
      }),
    ) as Partial<Record<AwsServiceName, string>>,
    stsEndpoint: s.endpoints.sts ?? s.endpoints.default,
  };
}
