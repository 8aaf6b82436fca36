import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Typography } from '@material-ui/core';
import { useState } from 'react';
import { platformOpsApiRef } from '../../api';
import { ChangeDialog, ChangeForm } from '../shared/ChangeDialog';
import { ChangeHistory } from '../shared/ChangeHistory';
import { usePolled } from '../shared/usePolled';
import { AlarmStatus } from './alarmStatus';
import { QueueCharts } from './QueueCharts';

const POLL_MS = 10_000;

function redriveForm(dlqName: string, dlqVisible: number | undefined): ChangeForm {
  return {
    title: `Redrive ${dlqVisible ?? '?'} message(s) from ${dlqName} to their queue`,
    fields: [
      { name: 'maxNumberOfMessagesPerSecond', label: 'Max messages per second', helperText: 'empty = as fast as SQS allows (1-500)' },
    ],
    initial: { maxNumberOfMessagesPerSecond: '' },
    validate: (v): Record<string, string> => {
      if (v.maxNumberOfMessagesPerSecond === '') return {};
      const n = Number(v.maxNumberOfMessagesPerSecond);
      return Number.isInteger(n) && n >= 1 && n <= 500
        ? {}
        : { maxNumberOfMessagesPerSecond: 'A whole number between 1 and 500' };
    },
    toBody: v => (v.maxNumberOfMessagesPerSecond === '' ? {} : { maxNumberOfMessagesPerSecond: Number(v.maxNumberOfMessagesPerSecond) }),
  };
}

/** On a queue Resource: depth, oldest age and DLQ charts, alarms, DLQ redrive with progress, history. */
export const EntityQueueCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(platformOpsApiRef);
  const queue = usePolled(() => api.getQueue(entityRef), POLL_MS, [api, entityRef]);
  const tasks = usePolled(
    () => (queue.value?.dlqName ? api.getRedriveTasks(entityRef) : Promise.resolve({ tasks: [] })),
    POLL_MS,
    [api, entityRef, queue.value?.dlqName],
  );
  const history = usePolled(() => api.getQueueHistory(entityRef), POLL_MS * 3, [api, entityRef]);
  const [redriving, setRedriving] = useState(false);

  if (!queue.value) {
    return (
      <InfoCard title="Queue">
        {queue.loading ? <Progress /> : queue.error && <ResponseErrorPanel error={queue.error} />}
      </InfoCard>
    );
  }
  const q = queue.value;
  const latest = tasks.value?.tasks[0];
  return (
    <InfoCard title="Queue" subheader={`${q.queueName} · ${q.environment} · ${q.location.accountId} ${q.location.region}`}>
      {queue.error && <ResponseErrorPanel error={queue.error} title="Refresh failed; showing the last answer" />}
      {!q.found && <Typography color="error">Queue {q.queueName} not found in AWS</Typography>}
      <StructuredMetadataTable
        metadata={{
          visible: q.visible,
          'in flight': q.inFlight,
          delayed: q.delayed,
          'dead-letter queue': q.dlqName ? `${q.dlqName}: ${q.dlqVisible ?? '?'} message(s)` : 'none',
          'drained by': q.drainedBy.join(', ') || 'no fleet declared',
        }}
      />
      <Box mt={2}>
        <QueueCharts queue={q} />
      </Box>
      <Box mt={2}>
        <Typography variant="subtitle2">Alarms</Typography>
        {q.alarms.length === 0 ? (
          <Typography variant="body2">No CloudWatch alarm on this queue.</Typography>
        ) : (
          q.alarms.map(a => (
            <div key={a.name}>
              <AlarmStatus alarm={a} />
            </div>
          ))
        )}
      </Box>
      {q.dlqName && (
        <Box mt={2}>
          <Button variant="outlined" size="small" onClick={() => setRedriving(true)}>
            Redrive DLQ
          </Button>
          {latest && (
            <Typography variant="body2" data-testid="redrive-progress">
              Last redrive: {latest.status}, {latest.approximateNumberOfMessagesMoved}
              {latest.approximateNumberOfMessagesToMove !== undefined ? ` of ${latest.approximateNumberOfMessagesToMove}` : ''} moved
              {latest.failureReason ? ` — ${latest.failureReason}` : ''}
            </Typography>
          )}
        </Box>
      )}
      {redriving && q.dlqName && (
        <ChangeDialog
          open
          form={redriveForm(q.dlqName, q.dlqVisible)}
          onClose={() => setRedriving(false)}
          submit={body => api.redriveQueue({ ...body, entityRef })}
          onApplied={() => {
            setRedriving(false);
            queue.reload();
            tasks.reload();
            history.reload();
          }}
        />
      )}
      <Box mt={2}>
        <ChangeHistory items={history.value?.items ?? []} />
      </Box>
    </InfoCard>
  );
};
