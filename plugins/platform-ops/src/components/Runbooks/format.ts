/** 754 -> "12m 34s": the unit operators read RTOs in. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${rest}s`;
  return `${rest}s`;
}

export function isActive(status: string): boolean {
  return status === 'queued' || status === 'running';
}

/** A fresh key per press: a retried click replays instead of starting twice. */
export function newIdempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 12);
  return `runbook-${Date.now().toString(36)}-${random}`;
}
