import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Tooltip, Typography } from '@material-ui/core';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformOpsApiRef, RunbookSummary } from '../../api';
import { ExecutionHistory } from './ExecutionHistory';
import { ExecutionProgress } from './ExecutionProgress';
import { RunbookDialog } from './RunbookDialog';
import { runbookExecutePermission } from '@platformops/plugin-platform-ops-common';
import { ChangeButton } from '../shared/ChangeButton';
import { entityOwners } from '../shared/entityOwners';
import { PermissionNotice } from '../shared/PermissionNotice';
import { useChangePermission } from '../shared/useChangePermission';

/**
 * On an entity page: one button per runbook that applies to the entity (a database gets
 * failover and promotion, an environment Route 53 and region failover...), the live progress
 * of the current execution and the history.
 */
export const EntityRunbooksCard = () => {
  const { entity } = useEntity();
  const api = useApi(platformOpsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(() => api.getRunbooksForEntity(entityRef), [api, entityRef]);
  const [pressed, setPressed] = useState<RunbookSummary>();
  const [selected, setSelected] = useState<string>();
  const [shownStatus, setShownStatus] = useState<string>();
  const shown = selected ?? value?.activeExecutionId;
  const execute = useChangePermission(runbookExecutePermission, entityRef);

  return (
    <InfoCard title="DR runbooks" subheader={value ? `${value.environment.name} (${value.environment.tier})` : undefined}>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.runbooks.length === 0 && (
        <Typography variant="body2">No runbook applies to this entity.</Typography>
      )}
      {value && (
        <Box display="flex" flexWrap="wrap" mb={2}>
          {value.runbooks.map(runbook => (
            <Box key={runbook.id} mr={1} mb={1}>
              {execute.allowed ? (
                <Tooltip title={`${runbook.description} RTO target ${runbook.rtoTargetMinutes} min.`}>
                  <Button variant="outlined" color="primary" onClick={() => setPressed(runbook)}>
                    {runbook.title}
                  </Button>
                </Tooltip>
              ) : (
                <ChangeButton permission={execute} variant="outlined" color="primary">
                  {runbook.title}
                </ChangeButton>
              )}
            </Box>
          ))}
        </Box>
      )}
      {value && value.runbooks.length > 0 && (
        <PermissionNotice permission={execute} action={`start runbooks on ${entity.metadata.name}`} owners={entityOwners(entity)} />
      )}
      {pressed && (
        <RunbookDialog
          runbook={pressed}
          entityRef={entityRef}
          onClose={() => setPressed(undefined)}
          onStarted={execution => {
            setPressed(undefined);
            setSelected(execution.id);
          }}
        />
      )}
      {shown && (
        <Box mb={2}>
          <ExecutionProgress executionId={shown} onStatus={setShownStatus} />
        </Box>
      )}
      {value && <ExecutionHistory entityRef={entityRef} onSelect={setSelected} refreshKey={`${shown}:${shownStatus}`} />}
    </InfoCard>
  );
};
