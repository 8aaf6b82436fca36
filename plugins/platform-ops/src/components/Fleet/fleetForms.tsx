import { Typography } from '@material-ui/core';
import { FleetChangeAction, FleetStatus } from '@platformops/plugin-platform-ops-common';
import { ChangeForm } from '../shared/ChangeDialog';
import { estimateHourlyUsd } from './fleetCost';

/** Parses a whole, non-negative number; undefined and a message otherwise. */
export function wholeNumber(value: string | undefined, label: string): { n?: number; error?: string } {
  if (value === undefined || value.trim() === '') return { error: `${label} is required` };
  const n = Number(value);
  if (!Number.isFinite(n)) return { error: `${label} must be a number` };
  if (!Number.isInteger(n)) return { error: `${label} must be a whole number` };
  if (n < 0) return { error: `${label} must not be negative` };
  return { n };
}

function guardrailError(fleet: FleetStatus, n: number | undefined): string | undefined {
  if (n === undefined || n <= fleet.guardrail.maxGpuInstances) return undefined;
  return `Above the ${fleet.environment} guardrail of ${fleet.guardrail.maxGpuInstances} GPU instances; a Platform Ops administrator can raise it in the plugin's configuration`;
}

function costLine(fleet: FleetStatus, capacity: number | undefined, label: string) {
  if (capacity === undefined) return null;
  return (
    <Typography variant="body2" color="textSecondary">
      {label}: about ${estimateHourlyUsd(fleet, capacity).toFixed(2)}/hour (now ${fleet.hourlyUsd.toFixed(2)}/hour; limit $
      {fleet.guardrail.maxHourlyUsd.toFixed(2)}/hour)
    </Typography>
  );
}

export interface FleetControl {
  action: FleetChangeAction;
  label: string;
  form: (fleet: FleetStatus) => ChangeForm;
}

/** The controls of the fleet card; the server checks all of it again. */
export const fleetControls: FleetControl[] = [
  {
    action: 'desired-capacity',
    label: 'Set desired',
    form: fleet => ({
      title: `Set desired capacity of ${fleet.asgName}`,
      fields: [{ name: 'desiredCapacity', label: 'Desired capacity', helperText: `between ${fleet.minSize} and ${fleet.maxSize}` }],
      initial: { desiredCapacity: String(fleet.recommendation?.desiredCapacity ?? fleet.desiredCapacity) },
      validate: (v): Record<string, string> => {
        const { n, error } = wholeNumber(v.desiredCapacity, 'Desired capacity');
        const range =
          n !== undefined && (n < fleet.minSize || n > fleet.maxSize)
            ? `Must be between min ${fleet.minSize} and max ${fleet.maxSize}; change min/max first`
            : undefined;
        const message = error ?? range ?? guardrailError(fleet, n);
        return message ? { desiredCapacity: message } : {};
      },
      toBody: v => ({ desiredCapacity: Number(v.desiredCapacity) }),
      describe: v => costLine(fleet, wholeNumber(v.desiredCapacity, '').n, 'At that size'),
    }),
  },
  {
    action: 'size',
    label: 'Set min/max',
    form: fleet => ({
      title: `Set min and max of ${fleet.asgName}`,
      fields: [
        { name: 'minSize', label: 'Min size' },
        { name: 'maxSize', label: 'Max size' },
      ],
      initial: { minSize: String(fleet.minSize), maxSize: String(fleet.maxSize) },
      validate: v => {
        const min = wholeNumber(v.minSize, 'Min size');
        const max = wholeNumber(v.maxSize, 'Max size');
        const errors: Record<string, string> = {};
        if (min.error) errors.minSize = min.error;
        if (max.error) errors.maxSize = max.error;
        if (min.n !== undefined && max.n !== undefined && min.n > max.n) errors.minSize = 'Min must not be greater than max';
        const guard = guardrailError(fleet, max.n);
        if (!errors.maxSize && guard) errors.maxSize = guard;
        return errors;
      },
      toBody: v => ({ minSize: Number(v.minSize), maxSize: Number(v.maxSize) }),
      describe: v => costLine(fleet, wholeNumber(v.maxSize, '').n, 'At max size'),
    }),
  },
  {
    action: 'spot-share',
    label: 'Spot share',
    form: fleet => ({
      title: `Spot share of ${fleet.asgName}`,
      fields: [
        { name: 'onDemandBaseCapacity', label: 'On-demand base capacity', helperText: 'instances always on-demand' },
        { name: 'onDemandPercentageAboveBaseCapacity', label: 'On-demand % above base', helperText: '0-100; the reference platform runs 30 (70 % spot)' },
      ],
      initial: {
        onDemandBaseCapacity: String(fleet.distribution?.onDemandBaseCapacity ?? 0),
        onDemandPercentageAboveBaseCapacity: String(fleet.distribution?.onDemandPercentageAboveBaseCapacity ?? 30),
      },
      validate: v => {
        const errors: Record<string, string> = {};
        if (!fleet.distribution) errors.onDemandBaseCapacity = 'This group has no mixed instances policy';
        const base = wholeNumber(v.onDemandBaseCapacity, 'Base');
        const pct = wholeNumber(v.onDemandPercentageAboveBaseCapacity, 'Percentage');
        if (base.error) errors.onDemandBaseCapacity = base.error;
        if (pct.error) errors.onDemandPercentageAboveBaseCapacity = pct.error;
        else if (pct.n! > 100) errors.onDemandPercentageAboveBaseCapacity = 'Percentage must be between 0 and 100';
        return errors;
      },
      toBody: v => ({
        onDemandBaseCapacity: Number(v.onDemandBaseCapacity),
        onDemandPercentageAboveBaseCapacity: Number(v.onDemandPercentageAboveBaseCapacity),
      }),
    }),
  },
  {
    action: 'target-tracking',
    label: 'Backlog policy',
    form: fleet => ({
      title: `Target tracking on backlog per instance for ${fleet.asgName}`,
      fields: [
        { name: 'acceptableLatencySeconds', label: 'Acceptable latency (s)', helperText: 'how long a job may wait' },
        { name: 'averageProcessingSeconds', label: 'Average processing time (s)', helperText: 'per job, per worker' },
      ],
      initial: { acceptableLatencySeconds: '300', averageProcessingSeconds: '30' },
      validate: v => {
        const errors: Record<string, string> = {};
        for (const name of ['acceptableLatencySeconds', 'averageProcessingSeconds']) {
          const n = Number(v[name]);
          if (!v[name] || !Number.isFinite(n) || n <= 0) errors[name] = 'Must be a number of seconds greater than 0';
        }
        if (!fleet.backlog) errors.acceptableLatencySeconds = 'This fleet declares no queue it drains';
        return errors;
      },
      toBody: v => ({
        acceptableLatencySeconds: Number(v.acceptableLatencySeconds),
        averageProcessingSeconds: Number(v.averageProcessingSeconds),
      }),
      describe: v => {
        const target = Number(v.acceptableLatencySeconds) / Number(v.averageProcessingSeconds);
        return Number.isFinite(target) && target > 0 ? (
          <Typography variant="body2" color="textSecondary">
            Target: {Math.round(target * 100) / 100} messages per in-service instance (latency / processing time)
          </Typography>
        ) : null;
      },
    }),
  },
  {
    action: 'scheduled-actions',
    label: 'Schedule',
    form: fleet => ({
      title: `Scheduled action on ${fleet.asgName}`,
      fields: [
        { name: 'name', label: 'Name', type: 'text' },
        { name: 'recurrence', label: 'Recurrence (cron)', type: 'text', helperText: 'e.g. 0 20 * * 1-5' },
        { name: 'timeZone', label: 'Time zone', type: 'text', helperText: 'IANA, e.g. Europe/Paris (empty = UTC)' },
        { name: 'minSize', label: 'Min size' },
        { name: 'desiredCapacity', label: 'Desired capacity' },
      ],
      initial: { name: 'night-scale-to-zero', recurrence: '0 20 * * *', timeZone: '', minSize: '0', desiredCapacity: '0' },
      validate: v => {
        const errors: Record<string, string> = {};
        if (!/^[A-Za-z0-9._-]{1,255}$/.test(v.name ?? '')) errors.name = 'Letters, digits, . _ - only';
        if ((v.recurrence ?? '').trim().split(/\s+/).length !== 5) errors.recurrence = 'Five cron fields';
        for (const name of ['minSize', 'desiredCapacity']) {
          if (v[name] === '') continue;
          const { n, error } = wholeNumber(v[name], name);
          const message = error ?? guardrailError(fleet, n);
          if (message) errors[name] = message;
        }
        return errors;
      },
      toBody: v => ({
        name: v.name,
        recurrence: v.recurrence.trim(),
        ...(v.timeZone ? { timeZone: v.timeZone } : {}),
        ...(v.minSize !== '' ? { minSize: Number(v.minSize) } : {}),
        ...(v.desiredCapacity !== '' ? { desiredCapacity: Number(v.desiredCapacity) } : {}),
      }),
    }),
  },
];

/** Suspend or resume one process (the card offers the common ones). */
export function processForm(fleet: FleetStatus, action: 'suspend' | 'resume', process: string): ChangeForm {
  return {
    title: `${action === 'suspend' ? 'Suspend' : 'Resume'} ${process} on ${fleet.asgName}`,
    fields: [],
    initial: {},
    validate: () => ({}),
    toBody: () => ({ action, processes: [process] }),
  };
}

/** Delete one scheduled action. */
export function deleteScheduleForm(fleet: FleetStatus, name: string): ChangeForm {
  return {
    title: `Delete scheduled action ${name} of ${fleet.asgName}`,
    fields: [],
    initial: {},
    validate: () => ({}),
    toBody: () => ({ name }),
  };
}
