import { Progress, ResponseErrorPanel, Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { EmptyInventory } from '../shared/EmptyInventory';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { QueueStatus } from '@platformops/plugin-platform-ops-common';
import { platformOpsApiRef } from '../../api';
import { usePolled } from '../shared/usePolled';
import { AlarmStatus } from './alarmStatus';

const lastValue = (points: Array<{ value: number }>) => (points.length ? points[points.length - 1].value : undefined);

const columns: TableColumn<QueueStatus>[] = [
  { title: 'Environment', field: 'environment' },
  { title: 'Queue', render: q => <EntityRefLink entityRef={q.entityRef} title={q.queueName} /> },
  { title: 'Visible', render: q => (q.found ? q.visible : 'not found in AWS') },
  { title: 'In flight', field: 'inFlight' },
  { title: 'Delayed', field: 'delayed' },
  { title: 'Oldest (s)', render: q => lastValue(q.series.oldestAgeSeconds) ?? '-' },
  { title: 'DLQ', render: q => (q.dlqName ? q.dlqVisible ?? '?' : 'none') },
  { title: 'Drained by', render: q => q.drainedBy.map(ref => <EntityRefLink key={ref} entityRef={ref} />) },
  { title: 'Alarms', render: q => q.alarms.map(a => <AlarmStatus key={a.name} alarm={a} />) },
];

/** Ops page "Queues" tab: every queue of every environment, its DLQ and its alarms. */
export const QueuesView = () => {
  const api = useApi(platformOpsApiRef);
  const { value, loading, error } = usePolled(() => api.getQueues(), 15_000, [api]);
  if (!value) return loading ? <Progress /> : <ResponseErrorPanel error={error!} />;
  return (
    <>
      {value.problems?.map(p => (
        <WarningPanel key={p.environment} title={`Could not read ${p.environment}`} message={p.message} />
      ))}
      <Table<QueueStatus>
        title="Queues"
        options={{ paging: false, padding: 'dense' }}
        columns={columns}
        data={value.queues}
        emptyContent={<EmptyInventory kind="queue" />}
      />
    </>
  );
};
