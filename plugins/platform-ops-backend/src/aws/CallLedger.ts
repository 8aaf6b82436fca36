import { AwsCallLedgerSnapshot } from './types';

/**
 * Counts AWS calls by `Service.Operation` (attempts the SDK retries count once: a call is
 * what the product asked for, which is what a page "costs"). In memory and per backend
 * instance, on purpose: it measures this process, and resets with it.
 */
export class CallLedger {
  private readonly counts = new Map<string, number>();
  private total = 0;

  record(serviceLabel: string, operation: string): void {
    const key = `${serviceLabel}.${operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }

  snapshot(): AwsCallLedgerSnapshot {
    const byOperation: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) byOperation[key] = this.counts.get(key)!;
    return { total: this.total, byOperation };
  }
}
