/**
 * Errors whose audit event already has its outcome (the change runner failed its event):
 * the HTTP layer's rejection audit skips them, so one request leaves exactly one event.
 */
const audited = new WeakSet<object>();

export function markAudited<E>(error: E): E {
  if (error && typeof error === 'object') audited.add(error);
  return error;
}

export function isAudited(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && audited.has(error));
}
