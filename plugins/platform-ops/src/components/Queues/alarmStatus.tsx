import { StatusError, StatusOK, StatusWarning } from '@backstage/core-components';
import { Tooltip, Typography } from '@material-ui/core';
import { QueueAlarm } from '@platformops/plugin-platform-ops-common';
import { ago, useNow, utcInstant } from '../shared/UpdatedAgo';
import { alarmCondition, alarmConditionShort } from '../shared/alarmWords';

/** Why a state may not match the per-minute chart next to it. */
function lagNote(alarm: QueueAlarm): string {
  if (!alarm.evaluationSeconds) return '';
  const minutes = Math.round(alarm.evaluationSeconds / 60);
  return ` CloudWatch evaluates it over the last complete ${minutes > 1 ? `${minutes} minutes` : 'minute'}, so its state can lag the per-minute chart by that long.`;
}

const Chip = ({ state, children }: { state: string; children: string }) => {
  if (state === 'ALARM') return <StatusError>{children}</StatusError>;
  if (state === 'OK') return <StatusOK>{children}</StatusOK>;
  return <StatusWarning>{children}</StatusWarning>;
};

/**
 * One CloudWatch alarm: its state and since when, and what it watches. `compact` is the
 * table form (one line that never wraps; name, reason and lag in the tooltip).
 */
export const AlarmStatus = ({ alarm, dlqName, compact }: { alarm: QueueAlarm; dlqName?: string; compact?: boolean }) => {
  const now = useNow(15_000);
  const since = alarm.stateUpdatedAt ? ago(alarm.stateUpdatedAt, now).replace(/ ago$/, '') : undefined;
  const condition = alarmCondition(alarm, dlqName);
  if (compact) {
    return (
      <Tooltip title={`${alarm.name} (${condition}): ${alarm.state}${alarm.stateUpdatedAt ? ` since ${utcInstant(alarm.stateUpdatedAt, now)}` : ''}.${lagNote(alarm)}`}>
        <span style={{ whiteSpace: 'nowrap', display: 'block' }} data-testid={`alarm-${alarm.name}`}>
          <Chip state={alarm.state}>{`${alarm.state}${since ? ` ${since}` : ''} · ${alarmConditionShort(alarm, dlqName)}`}</Chip>
        </span>
      </Tooltip>
    );
  }
  return (
    <div data-testid={`alarm-${alarm.name}`}>
      <span style={{ whiteSpace: 'nowrap' }}>
        <Chip state={alarm.state}>
          {`${alarm.state}${alarm.stateUpdatedAt ? ` since ${utcInstant(alarm.stateUpdatedAt, now)} (${since})` : ''}`}
        </Chip>
      </span>{' '}
      <Typography component="span" variant="body2">
        {alarm.name}: {condition}
      </Typography>
      {(alarm.reason || alarm.evaluationSeconds) && (
        <Typography variant="caption" color="textSecondary" component="div" style={{ marginLeft: 24 }}>
          {alarm.reason}
          {lagNote(alarm)}
        </Typography>
      )}
    </div>
  );
};
