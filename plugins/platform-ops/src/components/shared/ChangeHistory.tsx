import { StatusError, StatusOK, StatusPending, Table, TableColumn } from '@backstage/core-components';
import { Tooltip } from '@material-ui/core';
import { ChangeRecord } from '@platformops/plugin-platform-ops-common';
import { actionLabel, describeInput } from './changeWords';
import { entityName } from './entityOwners';

const nowrap = { whiteSpace: 'nowrap' } as const;

const Status = ({ record }: { record: ChangeRecord }) => {
  // A runbook start row's outcome is its execution's, not the start request's.
  const outcome = record.outcome ?? record.status;
  let chip = <StatusPending>{outcome}</StatusPending>;
  if (outcome === 'succeeded') chip = <StatusOK>succeeded</StatusOK>;
  if (outcome === 'failed') chip = <StatusError>failed</StatusError>;
  // The error can be long (AWS's message): a tooltip keeps the row one line high.
  return record.error ? (
    <Tooltip title={record.error}>
      <span style={nowrap}>{chip}</span>
    </Tooltip>
  ) : (
    <span style={nowrap}>{chip}</span>
  );
};

/** "desired 2 -> 3" from the values read when the change was planned, else what was asked. */
function whatChanged(r: ChangeRecord): string {
  if (r.changes?.length) {
    return r.changes.map(c => `${c.field} ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('; ');
  }
  return describeInput(r);
}

const columns: TableColumn<ChangeRecord>[] = [
  { title: 'When', field: 'startedAt', cellStyle: nowrap, render: r => new Date(r.startedAt).toLocaleString() },
  { title: 'Change', field: 'action', cellStyle: nowrap, render: r => actionLabel(r.action) },
  { title: 'What changed', render: r => whatChanged(r) },
  { title: 'By', field: 'actor', cellStyle: nowrap, render: r => entityName(r.actor) },
  { title: 'Reason', field: 'reason' },
  { title: 'Status', cellStyle: nowrap, render: r => <Status record={r} /> },
];

/** The change history of a fleet or queue: who changed what, from what to what, why, and how it went. */
export const ChangeHistory = ({ items }: { items: ChangeRecord[] }) => (
  <Table<ChangeRecord>
    title="Change history"
    options={{ search: false, paging: items.length > 5, pageSize: 5, padding: 'dense', toolbar: true }}
    columns={columns}
    data={items.filter(i => !i.dryRun)}
    emptyContent={<div style={{ padding: 16 }}>No changes yet.</div>}
  />
);
