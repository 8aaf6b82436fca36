import { Link, Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { InventoryResource } from '@platformops/plugin-platform-ops-common';
import { awsIdentifier, KIND_LABELS } from '../shared/resourceIdentity';

const columns: TableColumn<InventoryResource>[] = [
  { title: 'Kind', render: r => KIND_LABELS[r.kind], width: '12%' },
  { title: 'Entity', render: r => <EntityRefLink entityRef={r.entityRef} /> },
  { title: 'AWS resource', render: r => awsIdentifier(r) },
  { title: 'Account / region', render: r => `${r.location.accountId} / ${r.location.region}` },
  {
    title: 'AWS console',
    render: r => (
      <Link to={r.consoleUrl} target="_blank" rel="noopener">
        Open in console
      </Link>
    ),
  },
];

/** The AWS resources of one environment, each with a deep link to the AWS console. */
export const ResourcesTable = ({ resources, title }: { resources: InventoryResource[]; title: string }) => (
  <Table<InventoryResource>
    title={title}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={columns}
    data={resources}
    emptyContent={<div style={{ padding: 16 }}>No AWS resources declared for this environment in the catalog.</div>}
  />
);
