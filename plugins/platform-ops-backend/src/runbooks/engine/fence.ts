import { ExecutionStore } from './ExecutionStore';
import { LeaseLostError, LeaseToken } from './lease';

/**
 * One replica's hold on one execution while it advances it. A heartbeat renews the lease
 * while steps run (a step may wait on slow AWS calls for longer than the lease), and
 * `check` renews it once more right before each AWS call: a call is only sent under a lease
 * that has at least the full lease duration left, which is longer than one call may take
 * (RunbookEngine enforces the budget), so no other replica can take over while it is in
 * flight. Once a renewal fails the fence stays closed: the replica sends nothing more.
 */
export class LeaseFence {
  private lost = false;
  private timer?: ReturnType<typeof setInterval>;
  private beating = false;

  constructor(
    /** Only the renewal: the fence decides whether a call may go out, nothing else. */
    private readonly store: Pick<ExecutionStore, 'renew'>,
    readonly token: LeaseToken,
    private readonly leaseMs: number,
  ) {}

  get held(): boolean {
    return !this.lost;
  }

  startHeartbeat(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.beating || this.lost) return;
      this.beating = true;
      this.store
        .renew(this.token, this.leaseMs)
        .then(ok => {
          if (!ok) this.lost = true;
        })
        // A database hiccup: the next beat or check tries again; if none succeeds the lease
        // simply expires and the next check closes the fence.
        .catch(() => undefined)
        .finally(() => {
          this.beating = false;
        });
    }, intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Throws LeaseLostError (nothing sent, nothing written) unless the lease is still ours. */
  async check(doing: string): Promise<void> {
    if (!this.lost && (await this.store.renew(this.token, this.leaseMs))) return;
    this.lost = true;
    throw new LeaseLostError(this.token, doing);
  }

  /** For fenced writes that report false: the lease is gone. */
  lose(doing: string): never {
    this.lost = true;
    throw new LeaseLostError(this.token, doing);
  }
}
