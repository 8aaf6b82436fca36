import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusOK,
  StatusPending,
  StatusWarning,
  StructuredMetadataTable,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Typography } from '@material-ui/core';
import { ChangeOutcome, FleetStatus } from '@platformops/plugin-platform-ops-common';
import { useState } from 'react';
import { platformOpsApiRef } from '../../api';
import { BacklogChart } from './BacklogChart';
import { ChangeDialog, ChangeForm } from '../shared/ChangeDialog';
import { ChangeHistory } from '../shared/ChangeHistory';
import { spotMixLabel } from './fleetCost';
import { deleteScheduleForm, fleetControls, processForm } from './fleetForms';
import { FleetChangeAction } from '@platformops/plugin-platform-ops-common';
import { usePolled } from '../shared/usePolled';

/** Seconds between refreshes: short enough to watch a scale-out converge. */
const POLL_MS = 5_000;

export const ConvergenceStatus = ({ fleet }: { fleet: FleetStatus }) => {
  if (!fleet.found) return <StatusWarning>Auto Scaling group {fleet.asgName} not found in AWS</StatusWarning>;
  const detail = `${fleet.inService} in service of ${fleet.desiredCapacity} desired (${fleet.pending} pending, ${fleet.terminating} terminating)`;
  return fleet.inService === fleet.desiredCapacity && fleet.pending === 0 && fleet.terminating === 0 ? (
    <StatusOK>Converged: {detail}</StatusOK>
  ) : (
    <StatusPending>Converging: {detail}</StatusPending>
  );
};

/** On a gpu-fleet Resource: capacity, instances, spot mix, backlog, controls and history. */
export const EntityGpuFleetCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(platformOpsApiRef);
  const fleet = usePolled(() => api.getFleet(entityRef), POLL_MS, [api, entityRef]);
  const history = usePolled(() => api.getFleetHistory(entityRef), POLL_MS * 3, [api, entityRef]);
  const [dialog, setDialog] = useState<{ action: FleetChangeAction; form: ChangeForm }>();
  const [applied, setApplied] = useState<ChangeOutcome>();

  if (!fleet.value) {
    return (
      <InfoCard title="GPU fleet">
        {fleet.loading ? <Progress /> : fleet.error && <ResponseErrorPanel error={fleet.error} />}
      </InfoCard>
    );
  }
  const f = fleet.value;
  const open = (action: FleetChangeAction, form: ChangeForm) => setDialog({ action, form });
  const backlogPolicy = f.policies.find(p => p.backlogPerInstance);
  const launchSuspended = f.suspendedProcesses.includes('Launch');

  return (
    <InfoCard title="GPU fleet" subheader={`${f.asgName} · ${f.environment} · ${f.location.accountId} ${f.location.region}`}>
      {fleet.error && <ResponseErrorPanel error={fleet.error} title="Refresh failed; showing the last answer" />}
      <ConvergenceStatus fleet={f} />
      <StructuredMetadataTable
        metadata={{
          'desired / min / max': `${f.desiredCapacity} / ${f.minSize} / ${f.maxSize}`,
          instances: f.instances.map(i => `${i.count} x ${i.instanceType} ${i.lifecycle}`).join(', ') || 'none',
          'spot mix': `${spotMixLabel(f)}${f.lifecycleSource === 'estimated' ? ' (lifecycle estimated)' : ''}`,
          cost: `$${f.hourlyUsd.toFixed(2)}/hour`,
          'suspended processes': f.suspendedProcesses.join(', ') || 'none',
          'scaling policies': f.policies.map(p => `${p.name} (${p.type}${p.targetValue !== undefined ? `, target ${p.targetValue}` : ''})`).join(', ') || 'none',
          'scheduled actions': f.scheduledActions.map(s => `${s.name}: ${s.recurrence ?? s.startTime} -> ${s.desiredCapacity ?? '-'}`).join(', ') || 'none',
          guardrail: `${f.guardrail.maxGpuInstances} instances, $${f.guardrail.maxHourlyUsd.toFixed(2)}/hour`,
        }}
      />
      {f.backlog && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Backlog: {f.backlog.visible} visible, {f.backlog.perInstance ?? '∞'} per in-service instance
          </Typography>
          <BacklogChart backlog={f.backlog} target={backlogPolicy?.targetValue} />
        </Box>
      )}
      {f.recommendation && (
        <Box mt={1} data-testid="recommendation">
          {f.recommendation.direction === 'hold' ? (
            <StatusOK>Recommended: keep {f.recommendation.desiredCapacity} — {f.recommendation.reason}</StatusOK>
          ) : (
            <StatusWarning>
              Recommended: {f.recommendation.desiredCapacity} instances (${f.recommendation.hourlyUsd.toFixed(2)}/hour) — {f.recommendation.reason}
            </StatusWarning>
          )}
        </Box>
      )}
      <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {fleetControls.map(control => (
          <Button key={control.action} variant="outlined" size="small" disabled={!f.found} onClick={() => open(control.action, control.form(f))}>
            {control.label}
          </Button>
        ))}
        <Button
          variant="outlined"
          size="small"
          disabled={!f.found}
          onClick={() => open('processes', processForm(f, launchSuspended ? 'resume' : 'suspend', 'Launch'))}
        >
          {launchSuspended ? 'Resume launches' : 'Suspend launches'}
        </Button>
        {f.scheduledActions.map(s => (
          <Button key={s.name} size="small" onClick={() => open('scheduled-actions/delete', deleteScheduleForm(f, s.name))}>
            Delete schedule {s.name}
          </Button>
        ))}
      </Box>
      {applied && (
        <Box mt={1}>
          <Typography variant="body2" data-testid="applied">
            {applied.replayed ? 'Already applied' : 'Applied'} {applied.mutation.action}: {applied.mutation.status}. Watching the group converge…
          </Typography>
        </Box>
      )}
      {dialog && (
        <ChangeDialog
          open
          form={dialog.form}
          onClose={() => setDialog(undefined)}
          submit={body => api.changeFleet(dialog.action, { ...body, entityRef })}
          onApplied={outcome => {
            setApplied(outcome);
            setDialog(undefined);
            fleet.reload();
            history.reload();
          }}
        />
      )}
      <Box mt={2}>
        <ChangeHistory items={history.value?.items ?? []} />
      </Box>
    </InfoCard>
  );
};
