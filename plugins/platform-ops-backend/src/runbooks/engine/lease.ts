/**
 * The fencing token of one claim of an execution. The epoch increases with every claim, so
 * a replica holding an older token (it was paused, partitioned, or slow past its lease) is
 * refused by every fenced write and before every AWS call.
 */
export interface LeaseToken {
  executionId: string;
  owner: string;
  epoch: number;
}

/** A claim, with who held the lease before when this replica took it over. */
export interface Claim {
  token: LeaseToken;
  /** Set when the lease of another replica had expired and this one took the execution. */
  takenOver?: { from: string; expiredAt: number };
}

/** The caller no longer holds the current lease: nothing was sent or written. */
export class LeaseLostError extends Error {
  constructor(token: LeaseToken, doing: string) {
    super(
      `Lost the lease of execution ${token.executionId} (epoch ${token.epoch}); another replica holds it now. Not ${doing}.`,
    );
    this.name = 'LeaseLostError';
  }
}

/** An AWS call that did not answer within the per-call budget: its outcome is unknown. */
export class AwsCallBudgetExceededError extends Error {
  constructor(call: string, budgetMs: number) {
    super(
      `${call} did not answer within ${Math.round(budgetMs / 1000)}s (the time one AWS call may take under the execution's lease); its outcome is unknown, so the step stops here instead of acting again. Check the resource, then start the runbook again: it reads AWS before acting.`,
    );
    this.name = 'AwsCallBudgetExceededError';
  }
}
