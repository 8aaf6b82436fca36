import { RunbookDefinition } from '../types';
import { dlqRedriveRunbook } from './dlqRedrive';
import { ecsRollbackRunbook } from './ecsRollback';
import { elastiCacheFailoverRunbook } from './elastiCacheFailover';
import { promoteReplicaRunbook } from './promoteReplica';
import { rdsFailoverRunbook } from './rdsFailover';
import { regionFailbackRunbook } from './regionFailback';
import { regionFailoverRunbook } from './regionFailover';
import { route53FailbackRunbook, route53FailoverRunbook } from './route53Failover';

/** Every runbook the product ships, by id. */
export const RUNBOOKS: ReadonlyMap<string, RunbookDefinition> = new Map(
  [
    rdsFailoverRunbook,
    promoteReplicaRunbook,
    route53FailoverRunbook,
    route53FailbackRunbook,
    ecsRollbackRunbook,
    elastiCacheFailoverRunbook,
    dlqRedriveRunbook,
    regionFailoverRunbook,
    regionFailbackRunbook,
  ].map(r => [r.id, r]),
);
