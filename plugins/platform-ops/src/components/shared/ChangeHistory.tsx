import { Table, TableColumn } from '@backstage/core-components';
import { ChangeRecord } from '@platformops/plugin-platform-ops-common';

const columns: TableColumn<ChangeRecord>[] = [
  { title: 'When', field: 'startedAt', render: r => new Date(r.startedAt).toLocaleString() },
  { title: 'Change', field: 'action' },
  {
    title: 'What changed',
    render: r =>
      r.changes?.length
        ? r.changes.map(c => `${c.field}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`).join('; ')
        : JSON.stringify(Object.fromEntries(Object.entries(r.input).filter(([k]) => k !== 'entityRef'))),
  },
  { title: 'By', field: 'actor' },
  { title: 'Reason', field: 'reason' },
  { title: 'Status', render: r => (r.error ? `${r.outcome ?? r.status}: ${r.error}` : r.outcome ?? r.status) },
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
