/** A resource ARN, split as discovery needs it. */
export interface ParsedArn {
  service: string;
  region: string;
  accountId: string;
  /** What follows the account id, e.g. `db:prod-postgres`, `service/cluster/api`. */
  resource: string;
}

/** arn:partition:service:region:account:resource (the resource part may contain colons). */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, , service, region, accountId, ...resource] = parts;
  return { service, region, accountId, resource: resource.join(':') };
}

/** The kind of platform resource an ARN names, and its AWS name. */
export type ArnTarget =
  | { kind: 'gpu-fleet'; asgName: string }
  | { kind: 'queue'; queueName: string }
  | { kind: 'database'; dbInstanceId: string }
  | { kind: 'database-cluster'; dbClusterId: string }
  | { kind: 'cache'; replicationGroupId: string }
  | { kind: 'bucket'; bucketName: string }
  | { kind: 'ecs-service'; cluster: string; service: string };

/** What a discovered ARN is; undefined for resource types discovery does not turn into entities. */
export function arnTarget(arn: ParsedArn): ArnTarget | undefined {
  const r = arn.resource;
  switch (arn.service) {
    case 'autoscaling': {
      const m = /^autoScalingGroup:[^:]+:autoScalingGroupName\/(.+)$/.exec(r);
      return m ? { kind: 'gpu-fleet', asgName: m[1] } : undefined;
    }
    case 'sqs':
      return r && !r.includes(':') ? { kind: 'queue', queueName: r } : undefined;
    case 'rds': {
      const m = /^(db|cluster):(.+)$/.exec(r);
      if (!m) return undefined;
      return m[1] === 'db'
        ? { kind: 'database', dbInstanceId: m[2] }
        : { kind: 'database-cluster', dbClusterId: m[2] };
    }
    case 'elasticache': {
      const m = /^replicationgroup:(.+)$/.exec(r);
      return m ? { kind: 'cache', replicationGroupId: m[1] } : undefined;
    }
    case 's3':
      return r && !r.includes('/') ? { kind: 'bucket', bucketName: r } : undefined;
    case 'ecs': {
      // New-format service ARNs name the cluster: service/<cluster>/<service>.
      const m = /^service\/([^/]+)\/([^/]+)$/.exec(r);
      return m ? { kind: 'ecs-service', cluster: m[1], service: m[2] } : undefined;
    }
    default:
      return undefined;
  }
}

/** The resource types discovery asks the Tagging API for (ResourceTypeFilters). */
export const DISCOVERED_RESOURCE_TYPES = [
  'autoscaling:autoScalingGroup',
  'sqs',
  'rds:db',
  'rds:cluster',
  'elasticache:replicationgroup',
  's3',
  'ecs:service',
] as const;
