import { Table, TableColumn } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Alert } from '@material-ui/lab';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { platformOpsApiRef, RunbookExecutionSummary } from '../../api';
import { usePolled } from '../shared/usePolled';
import { formatDuration } from './format';
import { StatusLabel } from './StatusLabel';

function measured(e: RunbookExecutionSummary): string {
  if (!e.startedAt || !e.finishedAt) return '';
  const seconds = (Date.parse(e.finishedAt) - Date.parse(e.startedAt)) / 1000;
  return `${formatDuration(seconds)}${e.rtoTargetSeconds ? ` / ${formatDuration(e.rtoTargetSeconds)}` : ''}`;
}

const nowrap = { whiteSpace: 'nowrap' } as const;

const columns: TableColumn<RunbookExecutionSummary>[] = [
  { title: 'Started', field: 'createdAt', cellStyle: nowrap, render: e => new Date(e.createdAt).toLocaleString() },
  { title: 'Runbook', field: 'runbookId', cellStyle: nowrap },
  { title: 'Target', field: 'targetRef', cellStyle: nowrap, render: e => <EntityRefLink entityRef={e.targetRef} /> },
  { title: 'Mode', field: 'mode', cellStyle: nowrap },
  { title: 'By', field: 'actor', cellStyle: nowrap, render: e => e.actor.split('/').pop() },
  { title: 'Status', field: 'status', cellStyle: nowrap, render: e => <StatusLabel status={e.status} /> },
  { title: 'RTO (measured / target)', cellStyle: nowrap, render: e => measured(e) },
  { title: 'Reason', field: 'reason' },
];

/** Past and running executions, newest first; a row opens its progress. */
export const ExecutionHistory = ({
  entityRef,
  onSelect,
  refreshKey,
}: {
  entityRef?: string;
  onSelect: (id: string) => void;
  refreshKey?: string;
}) => {
  const api = useApi(platformOpsApiRef);
  const { value, error } = usePolled(() => api.listRunbookExecutions(entityRef), 10_000, [entityRef, refreshKey]);
  if (error && !value) return <Alert severity="error">{error.message}</Alert>;
  return (
    <Table
      title="Runbook history"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={value?.executions ?? []}
      isLoading={!value}
      onRowClick={(_e, row) => row && onSelect(row.id)}
      emptyContent={<Alert severity="info">No runbook has run here yet.</Alert>}
    />
  );
};
