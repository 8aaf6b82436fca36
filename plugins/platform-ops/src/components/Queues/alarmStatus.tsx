import { StatusError, StatusOK, StatusWarning } from '@backstage/core-components';
import { QueueAlarm } from '@platformops/plugin-platform-ops-common';

export const AlarmStatus = ({ alarm }: { alarm: QueueAlarm }) => {
  const label = `${alarm.name}${
    alarm.threshold !== undefined ? ` (${alarm.metricName ? `${alarm.metricName} ` : ''}> ${alarm.threshold})` : ''
  }`;
  if (alarm.state === 'ALARM') return <StatusError>{label}: ALARM</StatusError>;
  if (alarm.state === 'OK') return <StatusOK>{label}: OK</StatusOK>;
  return <StatusWarning>{label}: {alarm.state}</StatusWarning>;
};
