import { DescribeDBInstancesCommand } from '@aws-sdk/client-rds';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { AwsGateway } from '@platformops/plugin-platform-ops-backend';
import { AwsLocation, sqsQueueUrl } from '@platformops/plugin-platform-ops-common';
import { ArnTarget, arnTarget, DISCOVERED_RESOURCE_TYPES, parseArn } from './arns';

/** One tagged resource found in an account and region, with what the describes added. */
export interface FoundResource {
  arn: string;
  target: ArnTarget;
  tags: Record<string, string>;
  /** A queue: the dead-letter queue its RedrivePolicy names. */
  dlqName?: string;
  /** A DB instance: its cross-region read replica (identifier and region). */
  replica?: { id: string; region: string };
}

export interface ReadAccountOptions {
  environmentTagKey: string;
  /**
   * Tag on a queue naming its dead-letter queue (the environment template's Terraform sets
   * it next to the RedrivePolicy). A queue carrying it is not read with GetQueueAttributes.
   */
  dlqTagKey: string;
  /** Only these environment tag values (default any). */
  environments?: string[];
}

/** At most this many describe calls in flight per account and region. */
const CONCURRENCY = 4;

/**
 * Reads one account and region: every resource carrying the environment tag, from
 * GetResources paged to the end, plus the describes the entities need: the RedrivePolicy of
 * each queue whose tags do not name its DLQ (which queue is whose DLQ) and the DB instances
 * (read replicas). Any AWS error fails the whole read: a partial answer must never replace a
 * complete one.
 */
export async function readAccount(
  gateway: AwsGateway,
  location: AwsLocation,
  options: ReadAccountOptions,
): Promise<FoundResource[]> {
  const tagged: Array<{ arn: string; target: ArnTarget; tags: Record<string, string> }> = [];
  let token: string | undefined;
  do {
    const page = await gateway.send(
      location,
      'resourceGroupsTagging',
      new GetResourcesCommand({
        TagFilters: [
          {
            Key: options.environmentTagKey,
            ...(options.environments?.length ? { Values: options.environments } : {}),
          },
        ],
        ResourceTypeFilters: [...DISCOVERED_RESOURCE_TYPES],
        ResourcesPerPage: 100,
        ...(token ? { PaginationToken: token } : {}),
      }),
    );
    for (const mapping of page.ResourceTagMappingList ?? []) {
      const parsed = mapping.ResourceARN ? parseArn(mapping.ResourceARN) : undefined;
      const target = parsed ? arnTarget(parsed) : undefined;
      if (!parsed || !target) continue;
      const tags = Object.fromEntries(
        (mapping.Tags ?? []).flatMap(t => (t.Key ? [[t.Key, t.Value ?? '']] : [])),
      );
      tagged.push({ arn: mapping.ResourceARN!, target, tags });
    }
    // The Tagging API ends with an empty token (not an absent one).
    token = page.PaginationToken || undefined;
  } while (token);

  const dlqs = await readRedrivePolicies(gateway, location, tagged, options.dlqTagKey);
  const replicas = tagged.some(t => t.target.kind === 'database')
    ? await readDbInstances(gateway, location)
    : new Map<string, DbInstanceFacts>();

  const found: FoundResource[] = [];
  for (const t of tagged) {
    if (t.target.kind === 'database') {
      const facts = replicas.get(t.target.dbInstanceId);
      // A read replica is part of its source's database entity, never an entity of its own.
      if (facts?.isReplica) continue;
      found.push({ ...t, replica: facts?.replica });
    } else if (t.target.kind === 'queue') {
      found.push({ ...t, dlqName: dlqs.get(t.target.queueName) });
    } else {
      found.push(t);
    }
  }
  return found;
}

/** What SQS accepts as a queue name: 1-80 alphanumerics, hyphens, underscores (.fifo). */
const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$|^[A-Za-z0-9_-]{1,75}\.fifo$/;

/**
 * queue name -> its DLQ. A queue whose DLQ tag names one costs no call: SQS has no batch
 * GetQueueAttributes, so one call per queue would dominate a run, while GetResources already
 * returned the tags. The other queues (made by hand, or a tag that is not a queue name) have
 * their RedrivePolicy read. A queue already named as a DLQ, by a tag or a policy, is not read.
 * Shorter names are read first: DLQs are usually named after their source queue with a
 * suffix, so this halves the calls of an untagged queue + DLQ pair (any naming stays correct,
 * it only reads more).
 */
async function readRedrivePolicies(
  gateway: AwsGateway,
  location: AwsLocation,
  tagged: Array<{ target: ArnTarget; tags: Record<string, string> }>,
  dlqTagKey: string,
): Promise<Map<string, string>> {
  const dlqOf = new Map<string, string>();
  const dlqs = new Set<string>();
  for (const t of tagged) {
    const dlq = t.tags[dlqTagKey];
    if (t.target.kind !== 'queue' || !dlq || !QUEUE_NAME.test(dlq)) continue;
    dlqOf.set(t.target.queueName, dlq);
    dlqs.add(dlq);
  }
  const queues = tagged
    .flatMap(t => (t.target.kind === 'queue' && !dlqOf.has(t.target.queueName) ? [t.target.queueName] : []))
    .sort((a, b) => a.length - b.length);
  for (let i = 0; i < queues.length; ) {
    // A batch holds names of one length, so every shorter name has been read before it.
    const length = queues[i].length;
    let end = i;
    while (end < queues.length && end - i < CONCURRENCY && queues[end].length === length) end++;
    const batch = queues.slice(i, end).filter(q => !dlqs.has(q));
    i = end;
    await Promise.all(
      batch.map(async queueName => {
        const out = await gateway.send(
          location,
          'sqs',
          new GetQueueAttributesCommand({
            QueueUrl: sqsQueueUrl(location, queueName),
            AttributeNames: ['RedrivePolicy'],
          }),
        );
        const dlq = deadLetterQueueName(out.Attributes?.RedrivePolicy);
        if (dlq) {
          dlqOf.set(queueName, dlq);
          dlqs.add(dlq);
        }
      }),
    );
  }
  return dlqOf;
}

/** The queue a RedrivePolicy sends to (a policy that is not JSON names none). */
function deadLetterQueueName(policy: string | undefined): string | undefined {
  if (!policy) return undefined;
  try {
    const target = parseArn(String(JSON.parse(policy).deadLetterTargetArn ?? ''));
    return target?.service === 'sqs' ? target.resource : undefined;
  } catch {
    return undefined;
  }
}

interface DbInstanceFacts {
  isReplica: boolean;
  replica?: { id: string; region: string };
}

/** DB instance id -> whether it is a replica, and its cross-region replica. */
async function readDbInstances(
  gateway: AwsGateway,
  location: AwsLocation,
): Promise<Map<string, DbInstanceFacts>> {
  const facts = new Map<string, DbInstanceFacts>();
  let marker: string | undefined;
  do {
    const page = await gateway.send(
      location,
      'rds',
      new DescribeDBInstancesCommand({ MaxRecords: 100, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const db of page.DBInstances ?? []) {
      if (!db.DBInstanceIdentifier) continue;
      // Replicas in other regions are named by ARN, in the same region by identifier.
      const replica = (db.ReadReplicaDBInstanceIdentifiers ?? [])
        .map(r => {
          const arn = parseArn(r);
          return arn
            ? { id: arn.resource.replace(/^db:/, ''), region: arn.region }
            : { id: r, region: location.region };
        })
        .find(r => r.region !== location.region);
      facts.set(db.DBInstanceIdentifier, {
        isReplica: Boolean(db.ReadReplicaSourceDBInstanceIdentifier),
        replica,
      });
    }
    marker = page.Marker;
  } while (marker);
  return facts;
}
