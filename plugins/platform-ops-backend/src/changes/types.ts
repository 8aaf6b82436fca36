import { JsonObject } from '@backstage/types';
import { AwsCallPreview, AwsCommand, AwsServiceName } from '../aws/types';

export type { AwsCallPreview };

/** One AWS call a change will make: what `gateway.preview` describes and `gateway.send` sends. */
export interface PlannedCall {
  service: AwsServiceName;
  command: AwsCommand;
}

export type MutationStatus = 'running' | 'succeeded' | 'failed' | 'dry-run';

/** A row of the change history. */
export interface MutationRecord {
  id: string;
  idempotencyKey: string;
  action: string;
  targetRef: string;
  actor: string;
  reason: string;
  dryRun: boolean;
  input: JsonObject;
  plan: AwsCallPreview[];
  status: MutationStatus;
  result?: JsonObject;
  error?: string;
  startedAt: string;
  finishedAt?: string;
}

/** What every change carries besides its own input (parsed from the body by the HTTP layer). */
export interface MutationEnvelope {
  /** Why the change is made: shown in history and the audit log. */
  reason: string;
  dryRun: boolean;
  idempotencyKey?: string;
}
