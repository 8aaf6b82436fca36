import { ChangeRecord } from '@platformops/plugin-platform-ops-common';

/** The audit action names of fleet and queue changes, as an operator says them. */
const ACTION_LABELS: Record<string, string> = {
  'fleet-set-desired-capacity': 'Set desired capacity',
  'fleet-set-size': 'Set min / max',
  'fleet-set-spot-share': 'Set spot share',
  'fleet-processes': 'Suspend / resume processes',
  'fleet-put-scheduled-action': 'Schedule',
  'fleet-delete-scheduled-action': 'Delete schedule',
  'fleet-put-backlog-policy': 'Backlog scaling policy',
  'queue-redrive-dlq': 'Redrive DLQ',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action.replace(/-/g, ' ');
}

const FIELD_LABELS: Record<string, string> = {
  desiredCapacity: 'desired',
  minSize: 'min',
  maxSize: 'max',
  onDemandBaseCapacity: 'on-demand base',
  onDemandPercentageAboveBaseCapacity: 'on-demand % above base',
  acceptableLatencySeconds: 'acceptable latency (s)',
  averageProcessingSeconds: 'processing time (s)',
  maxNumberOfMessagesPerSecond: 'max messages per second',
  recurrence: 'cron',
  timeZone: 'time zone',
};

function value(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * What a change asked for, in words: "desired 8", "min 2, max 6", and for a redrive with no
 * rate "as fast as SQS allows" (its input is otherwise empty). Values the record does not name
 * in words keep their key.
 */
export function describeInput(record: Pick<ChangeRecord, 'action' | 'input'>): string {
  const entries = Object.entries(record.input).filter(([k]) => k !== 'entityRef');
  if (record.action === 'fleet-processes') {
    const { action, processes } = record.input as { action?: string; processes?: string[] };
    return `${action ?? ''} ${value(processes ?? [])}`.trim();
  }
  if (record.action === 'queue-redrive-dlq' && !entries.some(([k]) => k === 'maxNumberOfMessagesPerSecond')) {
    return 'all messages, as fast as SQS allows';
  }
  if (entries.length === 0) return '-';
  return entries.map(([k, v]) => `${FIELD_LABELS[k] ?? k} ${value(v)}`).join(', ');
}
