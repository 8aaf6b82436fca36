import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { AwsLocation, EnvironmentTier } from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/** Where the tags that discovery reads live. */
export interface DiscoveryTagKeys {
  environment: string;
  owner: string;
  tier: string;
  drainsQueue: string;
  /** On a queue: the name of its dead-letter queue. */
  dlq: string;
}

/** `catalog.providers.platformOps.discovery`, validated. */
export interface DiscoveryConfig {
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** One entity provider per account and region. */
  locations: AwsLocation[];
  tagKeys: DiscoveryTagKeys;
  environments?: string[];
  defaultOwner: string;
  system?: string;
  defaultTier: EnvironmentTier;
}

export const CONFIG_KEY = 'catalog.providers.platformOps.discovery';

const name = z.string().min(1).max(128);
const schema = z.object({
  accounts: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit AWS account id')).optional(),
  regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')).min(1),
  tagKeys: z
    .object({
      // The keys the environment template's Terraform puts on every resource.
      environment: name.default('platform-ops:environment'),
      owner: name.default('platform-ops:owner'),
      tier: name.default('platform-ops:tier'),
      drainsQueue: name.default('platform-ops:drains-queue'),
      dlq: name.default('platform-ops:dlq-name'),
    })
    .default({}),
  environments: z.array(z.string().min(1).max(256)).max(20).optional(),
  defaultOwner: z.string().min(1).default('platform-team'),
  system: z.string().min(1).optional(),
  defaultTier: z.enum(['dev', 'sandbox', 'staging', 'prod']).default('sandbox'),
});

/** Reads the discovery config; undefined when discovery is not configured. */
export function readDiscoveryConfig(root: Config): DiscoveryConfig | undefined {
  const config = root.getOptionalConfig(CONFIG_KEY);
  if (!config) return undefined;
  const { schedule: _schedule, ...rest } = config.get<Record<string, unknown>>();
  const parsed = schema.safeParse(rest);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map(i => `${[CONFIG_KEY, ...i.path].join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid ${CONFIG_KEY} config: ${problems}`);
  }
  const s = parsed.data;
  // No list, or an empty one: every account of the `aws` block.
  const accounts = s.accounts?.length
    ? s.accounts
    : root.getOptionalConfigArray('aws.accounts')?.map(a => a.getString('accountId')) ?? [];
  if (accounts.length === 0) {
    throw new Error(
      `Invalid ${CONFIG_KEY} config: no account to read: list ${CONFIG_KEY}.accounts or configure aws.accounts`,
    );
  }
  const schedule = config.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config.getConfig('schedule'))
    : { frequency: { minutes: 5 }, timeout: { minutes: 3 }, initialDelay: { seconds: 15 } };
  return {
    schedule,
    locations: accounts.flatMap(accountId => s.regions.map(region => ({ accountId, region }))),
    tagKeys: s.tagKeys,
    environments: s.environments,
    defaultOwner: s.defaultOwner,
    system: s.system,
    defaultTier: s.defaultTier,
  };
}
