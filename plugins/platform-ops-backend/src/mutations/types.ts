import { JsonObject } from '@backstage/types';

/** One AWS call a mutation will make (dry-run) or made: the exact command and its input. */
export interface AwsCallPreview {
  /** SDK client, e.g. AutoScaling, SQS, RDS. */
  service: string;
  /** SDK command name, e.g. SetDesiredCapacityCommand. */
  command: string;
  /** The exact input object sent to AWS. */
  input: JsonObject;
  accountId: string;
  region: string;
  /** control plane unless stated otherwise; runbooks say when a call needs another region. */
  plane?: 'control' | 'data';
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
