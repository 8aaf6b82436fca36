import { StatusError, StatusOK, StatusPending, Table, TableColumn } from '@backstage/core-components';
import { Tooltip } from '@material-ui/core';
import { ChangeRecord } from '@platformops/plugin-platform-ops-common';
import { actionLabel, describeInput } from './changeWords';
import { entityName } from './entityOwners';

const nowrap = { whiteSpace: 'nowrap' } as const;

const Status = ({ record }: { record: ChangeRecord }) => {
  let chip = <StatusPending>{record.status}</StatusPending>;
  if (record.status === 'succeeded') chip = <StatusOK>succeeded</StatusOK>;
  if (record.status === 'failed') chip = <StatusError>failed</StatusError>;
  // The error can be long (AWS's message): a tooltip keeps the row one line high.
  return record.error ? (
    <Tooltip title={record.error}>
      <span style={nowrap}>{chip}</span>
    </Tooltip>
  ) : (
    <span style={nowrap}>{chip}</span>
  );
};

const columns: TableColumn<ChangeRecord>[] = [
  { title: 'When', field: 'startedAt', cellStyle: nowrap, render: r => new Date(r.startedAt).toLocaleString() },
  { title: 'Change', field: 'action', cellStyle: nowrap, render: r => actionLabel(r.action) },
  { title: 'Asked for', render: r => describeInput(r) },
  { title: 'By', field: 'actor', cellStyle: nowrap, render: r => entityName(r.actor) },
  { title: 'Reason', field: 'reason' },
  { title: 'Status', cellStyle: nowrap, render: r => <Status record={r} /> },
];

/** The MutationRunner history of a fleet or queue: who changed what, why, and how it went. */
export const ChangeHistory = ({ items }: { items: ChangeRecord[] }) => (
  <Table<ChangeRecord>
    title="Change history"
    options={{ search: false, paging: items.length > 5, pageSize: 5, padding: 'dense', toolbar: true }}
    columns={columns}
    data={items.filter(i => !i.dryRun)}
    emptyContent={<div style={{ padding: 16 }}>No changes yet.</div>}
  />
);
