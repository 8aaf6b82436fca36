import { Content, InfoCard, Progress, ResponseErrorPanel, Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef, RunbookSummary } from '../../api';
import { ExecutionHistory } from './ExecutionHistory';
import { ExecutionProgress } from './ExecutionProgress';

/**
 * The Runbooks tab of the ops page: what ships (with RTO/RPO targets), every execution
 * across targets, and the progress of the one picked. Runbooks start from entity pages,
 * where the target is unambiguous.
 */
export const RunbooksView = () => {
  const api = useApi(platformOpsApiRef);
  const { value, loading, error } = useAsync(() => api.listRunbooks(), [api]);
  const [selected, setSelected] = useState<string>();
  const [selectedStatus, setSelectedStatus] = useState<string>();

  return (
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {loading && <Progress />}
          {error && <ResponseErrorPanel error={error} />}
          {value && (
            <Table<RunbookSummary>
              title="DR runbooks"
              options={{ paging: false, search: false, padding: 'dense' }}
              data={value.runbooks}
              columns={[
                { title: 'Runbook', field: 'title' },
                { title: 'What it does', field: 'description' },
                { title: 'RTO target', render: r => `${r.rtoTargetMinutes} min` },
                { title: 'RPO target', render: r => (r.rpoTargetMinutes !== undefined ? `${r.rpoTargetMinutes} min` : '') },
              ]}
            />
          )}
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              Start a runbook from the entity it acts on (database, cache, queue, ECS service or environment page).
            </Typography>
          </Box>
        </Grid>
        {selected && (
          <Grid item xs={12}>
            <InfoCard title="Execution">
              <ExecutionProgress executionId={selected} onStatus={setSelectedStatus} />
            </InfoCard>
          </Grid>
        )}
        <Grid item xs={12}>
          <ExecutionHistory onSelect={setSelected} refreshKey={`${selected}:${selectedStatus}`} />
        </Grid>
      </Grid>
    </Content>
  );
};
