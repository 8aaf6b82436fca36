import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { queueRedrivePermission } from '@platformops/plugin-platform-ops-common';
import { useState } from 'react';
import { platformOpsApiRef } from '../../api';
import { ChangeDialog, ChangeForm } from '../shared/ChangeDialog';
import { ChangeHistory } from '../shared/ChangeHistory';
import { usePolled } from '../shared/usePolled';
import { ChangeButton } from '../shared/ChangeButton';
import { entityOwners } from '../shared/entityOwners';
import { NotApplied } from '../shared/NotApplied';
import { PermissionNotice } from '../shared/PermissionNotice';
import { UpdatedAgo } from '../shared/UpdatedAgo';
import { useChangePermission } from '../shared/useChangePermission';
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
  // A DLQ that AWS does not have (Terraform not applied) has no move tasks to ask about.
  const dlqExists = Boolean(queue.value?.dlqName && queue.value.found);
  const tasks = usePolled(
    () => (dlqExists ? api.getRedriveTasks(entityRef) : Promise.resolve({ tasks: [] })),
    POLL_MS,
    [api, entityRef, dlqExists],
  );
  const redrive = useChangePermission(queueRedrivePermission, entityRef);
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
  const oldest = q.series.oldestAgeSeconds.at(-1)?.value;
  return (
    <InfoCard title="Queue" subheader={`${q.queueName} · ${q.environment} · ${q.location.accountId} ${q.location.region}`}>
      {queue.error && <ResponseErrorPanel error={queue.error} title="Refresh failed; showing the last answer" />}
      {!q.found ? (
        <NotApplied
          what={`SQS queue ${q.queueName}`}
          environment={q.environment}
          accountId={q.location.accountId}
          region={q.location.region}
        />
      ) : (
        <>
          <Box display="flex" justifyContent="flex-end">
            <UpdatedAgo fetchedAt={q.fetchedAt} everyMs={POLL_MS} />
          </Box>
          <StructuredMetadataTable
            metadata={{
              visible: q.visible,
              'in flight': q.inFlight,
              delayed: q.delayed,
              'dead-letter queue': q.dlqName ? `${q.dlqName}: ${q.dlqVisible ?? '?'} message(s)` : 'none',
              'oldest message': oldest !== undefined ? `${oldest} s` : 'no datapoint',
              'drained by': q.drainedBy.length ? <EntityRefLinks entityRefs={q.drainedBy} /> : 'no fleet declared',
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
                  <AlarmStatus alarm={a} dlqName={q.dlqName} />
                </div>
              ))
            )}
          </Box>
          {q.dlqName && (
            <Box mt={2}>
              <ChangeButton permission={redrive} variant="outlined" size="small" onClick={() => setRedriving(true)}>
                Redrive DLQ
              </ChangeButton>
              <PermissionNotice permission={redrive} action="redrive this queue's DLQ" owners={entityOwners(entity)} />
              {latest && (
                <Typography variant="body2" data-testid="redrive-progress">
                  Last redrive: {latest.status}, {latest.approximateNumberOfMessagesMoved}
                  {latest.approximateNumberOfMessagesToMove !== undefined ? ` of ${latest.approximateNumberOfMessagesToMove}` : ''} moved
                  {latest.failureReason ? ` — ${latest.failureReason}` : ''}
                </Typography>
              )}
            </Box>
          )}
        </>
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
