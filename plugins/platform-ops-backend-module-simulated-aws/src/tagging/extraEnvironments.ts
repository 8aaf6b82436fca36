import {
  awsConsoleUrl,
  Inventory,
  InventoryResource,
  PlatformEnvironment,
  sqsQueueUrl,
} from '@platformops/plugin-platform-ops-common';
import { z } from 'zod';

/**
 * Environments the simulated account holds although no catalog file declares them, as if an
 * environment template had been applied to the account by Terraform: only the catalog's
 * discovery (the Resource Groups Tagging API) brings them into the catalog. Each gets the
 * resources the environment template creates, named as the template names them. There is no
 * Terraform behind them, so their queues carry no DLQ tag (discovery reads their RedrivePolicy).
 */
export const extraEnvironmentSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes'),
  accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1'),
  tier: z.enum(['dev', 'sandbox', 'staging', 'prod']).default('sandbox'),
  owner: z.string().min(1).default('platform-team'),
});

export type ExtraEnvironment = z.infer<typeof extraEnvironmentSchema>;

/** The environment and its resources, as the inventory would read them from the catalog. */
export function templateEnvironment(spec: ExtraEnvironment): PlatformEnvironment {
  const { name, accountId, region, tier, owner } = spec;
  const location = { accountId, region };
  const ref = (n: string) => `resource:default/${n}`;
  const base = (entityName: string) => ({
    entityRef: ref(entityName),
    name: entityName,
    owner,
    environment: name,
    location,
  });
  const queueName = `${name}-video-jobs`;
  const bucketName = `ai-video-media-${name}-${accountId}`;
  const withUrl = <R extends Omit<InventoryResource, 'consoleUrl'>>(r: R) =>
    ({ ...r, consoleUrl: awsConsoleUrl(r as Parameters<typeof awsConsoleUrl>[0]) }) as InventoryResource;
  const resources: InventoryResource[] = [
    withUrl({
      ...base(queueName),
      kind: 'queue' as const,
      queueName,
      queueUrl: sqsQueueUrl(location, queueName),
      dlqName: `${queueName}-dlq`,
      dlqUrl: sqsQueueUrl(location, `${queueName}-dlq`),
    }),
    withUrl({ ...base(`${name}-gpu-workers`), kind: 'gpu-fleet' as const, asgName: `${name}-gpu-workers`, drainsQueue: ref(queueName) }),
    withUrl({ ...base(`${name}-postgres`), kind: 'database' as const, dbInstanceId: `${name}-postgres` }),
    withUrl({ ...base(`${name}-redis`), kind: 'cache' as const, replicationGroupId: `${name}-redis` }),
    withUrl({ ...base(bucketName), kind: 'bucket' as const, bucketName }),
  ];
  return {
    entityRef: ref(name),
    name,
    tier,
    owner,
    location,
    costTag: name,
    resources,
  };
}

/**
 * The catalog's inventory plus the extra environments it does not hold yet (once discovery
 * has brought one into the catalog, the catalog's copy is used).
 */
export function withExtraEnvironments(inventory: Inventory, extra: ExtraEnvironment[]): Inventory {
  const known = new Set(inventory.environments.map(e => e.name));
  const added = extra.filter(e => !known.has(e.name)).map(templateEnvironment);
  return added.length ? { ...inventory, environments: [...inventory.environments, ...added] } : inventory;
}
