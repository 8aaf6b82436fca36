import { useState } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Progress, ResponseErrorPanel, Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { EmptyInventory } from '../shared/EmptyInventory';
import { useApi } from '@backstage/core-plugin-api';
import { Tooltip } from '@material-ui/core';
import { FleetListItem } from '@platformops/plugin-platform-ops-common';
import { platformOpsApiRef } from '../../api';
import { ConvergenceStatus } from './EntityGpuFleetCard';
import { spotMixLabel } from './fleetCost';
import { usePolled } from '../shared/usePolled';
import { FIRST_LIST_PAGE, ListPager, onePage } from '../shared/ListPager';

const columns: TableColumn<FleetListItem>[] = [
  { title: 'Environment', field: 'environment' },
  { title: 'Fleet', render: f => <EntityRefLink entityRef={f.entityRef} title={f.asgName} /> },
  { title: 'Desired / min / max', render: f => `${f.desiredCapacity} / ${f.minSize} / ${f.maxSize}` },
  { title: 'Status', render: f => <ConvergenceStatus fleet={f} compact /> },
  { title: 'Spot mix', render: f => spotMixLabel(f) },
  { title: '$/hour', render: f => f.hourlyUsd.toFixed(2) },
  {
    title: 'Queue backlog',
    render: f =>
      f.backlog ? (
        <>
          <EntityRefLink entityRef={f.backlog.queueRef} />: {f.backlog.visible} ({f.backlog.perInstance ?? '∞'} / instance)
        </>
      ) : (
        'no queue declared'
      ),
  },
  {
    title: 'Recommended',
    render: f =>
      f.recommendation ? (
        <Tooltip title={`${f.recommendation.reason} Priced at the group's spot share; "$/hour" is what the running instances cost.`}>
          <span style={{ whiteSpace: 'nowrap' }}>
            {f.recommendation.direction === 'hold' ? 'keep' : `${f.recommendation.direction} to`} {f.recommendation.desiredCapacity} (${f.recommendation.hourlyUsd.toFixed(2)}/h at spot share)
          </span>
        </Tooltip>
      ) : (
        '-'
      ),
  },
];

/** Ops page "Fleet" tab: every GPU fleet of every environment, next to the queue it drains. */
export const FleetView = () => {
  const api = useApi(platformOpsApiRef);
  const [page, setPage] = useState(FIRST_LIST_PAGE);
  const { value, loading, error } = usePolled(() => api.getFleets(undefined, page), 10_000, [api, page.offset, page.limit]);
  if (!value) return loading ? <Progress /> : <ResponseErrorPanel error={error!} />;
  return (
    <>
      {value.problems?.map(p => (
        <WarningPanel key={p.environment} title={`Could not read ${p.environment}`} message={p.message} />
      ))}
      <Table<FleetListItem>
        title="GPU fleets"
        options={{ paging: false, padding: 'dense', search: onePage(value.page) }}
        columns={columns}
        data={value.fleets}
        emptyContent={<EmptyInventory kind="gpu-fleet" />}
      />
      {value.page && <ListPager page={value.page} onChange={setPage} />}
    </>
  );
};
