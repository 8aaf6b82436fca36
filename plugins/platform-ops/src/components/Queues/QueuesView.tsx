import { useState } from 'react';
import { Progress, ResponseErrorPanel, Table, TableColumn, WarningPanel } from '@backstage/core-components';
import { EmptyInventory } from '../shared/EmptyInventory';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { QueueListItem } from '@platformops/plugin-platform-ops-common';
import { platformOpsApiRef } from '../../api';
import { usePolled } from '../shared/usePolled';
import { FIRST_LIST_PAGE, ListPager, onePage } from '../shared/ListPager';
import { AlarmsCell } from './alarmsCell';
import { DepthFreshness } from './depthFreshness';

/** CloudWatch has no datapoint for an idle queue (nor for one not created yet): say so, not 0. */
function visibleCell(q: QueueListItem) {
  if (!q.found) return 'not in AWS yet';
  if (q.depthSource === 'cloudwatch' && !q.depthAsOf) {
    return <span title="No CloudWatch datapoint in the last hour: the queue is idle or not created yet">no data</span>;
  }
  return q.visible;
}

/** Cells of the compact table: one line each, never broken inside a word. */
const nowrap = { whiteSpace: 'nowrap' } as const;
/** Numbers need little room; the alarms column gets the rest of a 1440 px window. */
const narrowHeader = { width: 72, paddingRight: 8 } as const;
const narrow = { ...nowrap, ...narrowHeader } as const;

const columns: TableColumn<QueueListItem>[] = [
  { title: 'Environment', field: 'environment', cellStyle: narrow, headerStyle: narrowHeader },
  { title: 'Queue', cellStyle: nowrap, render: q => <EntityRefLink entityRef={q.entityRef} title={q.queueName} /> },
  { title: 'Visible', width: '72px', cellStyle: narrow, headerStyle: narrowHeader, render: q => visibleCell(q) },
  { title: 'In flight / delayed', width: '72px', cellStyle: narrow, headerStyle: narrowHeader, render: q => `${q.inFlight} / ${q.delayed}` },
  { title: 'Oldest', width: '72px', cellStyle: narrow, headerStyle: narrowHeader, render: q => (q.oldestAgeSeconds === undefined ? '-' : `${q.oldestAgeSeconds} s`) },
  { title: 'DLQ', width: '72px', cellStyle: narrow, headerStyle: narrowHeader, render: q => (q.dlqName ? q.dlqVisible ?? '?' : 'none') },
  {
    title: 'Drained by',
    // Fleet titles may wrap between words (never inside one): the alarms need the room.
    cellStyle: { wordBreak: 'normal', overflowWrap: 'normal' },
    render: q => q.drainedBy.map(ref => <EntityRefLink key={ref} entityRef={ref} style={{ display: 'block' }} />),
  },
  { title: 'Alarms', cellStyle: nowrap, render: q => <AlarmsCell queue={q} /> },
];

/** Ops page "Queues" tab: every queue of every environment, its DLQ and its alarms, a page at a time. */
export const QueuesView = () => {
  const api = useApi(platformOpsApiRef);
  const [page, setPage] = useState(FIRST_LIST_PAGE);
  const { value, loading, error } = usePolled(() => api.getQueues(undefined, page), 15_000, [api, page.offset, page.limit]);
  if (!value) return loading ? <Progress /> : <ResponseErrorPanel error={error!} />;
  return (
    <>
      {value.problems?.map(p =>
        p.fallback ? (
          <WarningPanel key={`${p.environment}:${p.message}`} title={`Partly read ${p.environment}`} message={`${p.message}. Showing ${p.fallback}.`} />
        ) : (
          <WarningPanel key={`${p.environment}:${p.message}`} title={`Could not read ${p.environment}`} message={p.message} />
        ),
      )}
      <DepthFreshness queues={value.queues} />
      <Table<QueueListItem>
        title="Queues"
        options={{ paging: false, padding: 'dense', search: onePage(value.page) }}
        columns={columns}
        data={value.queues}
        emptyContent={<EmptyInventory kind="queue" />}
      />
      {value.page && <ListPager page={value.page} onChange={setPage} />}
    </>
  );
};
