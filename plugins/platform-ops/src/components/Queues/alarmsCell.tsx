import { StatusOK } from '@backstage/core-components';
import { Tooltip } from '@material-ui/core';
import { QueueListItem } from '@platformops/plugin-platform-ops-common';
import { AlarmStatus } from './alarmStatus';

/**
 * The Queues table's alarms: each alarm not in OK on its own line (state, since when,
 * condition), then how many are OK. The list only counts OK alarms; the queue's page shows
 * each of them with its condition.
 */
export const AlarmsCell = ({ queue }: { queue: Pick<QueueListItem, 'alarms' | 'alarmsOk' | 'dlqName'> }) => {
  if (queue.alarms.length === 0 && queue.alarmsOk === 0) return <>none</>;
  return (
    <>
      {queue.alarms.map(a => (
        <AlarmStatus key={a.name} alarm={a} dlqName={queue.dlqName} compact />
      ))}
      {queue.alarmsOk > 0 && (
        <Tooltip title={`${queue.alarmsOk} ${queue.alarmsOk === 1 ? 'alarm is' : 'alarms are'} OK. Open the queue for each alarm's condition.`}>
          <span style={{ whiteSpace: 'nowrap', display: 'block' }} data-testid="alarms-ok">
            <StatusOK>{`${queue.alarmsOk} OK`}</StatusOK>
          </span>
        </Tooltip>
      )}
    </>
  );
};
