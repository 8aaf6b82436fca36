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
import { Box, Tooltip, Typography } from '@material-ui/core';
import {
  ChangeOutcome,
  fleetScalePermission,
  fleetScalingPolicyPermission,
  FleetStatus,
} from '@platformops/plugin-platform-ops-common';
import { useState } from 'react';
import { platformOpsApiRef } from '../../api';
import { BacklogChart } from './BacklogChart';
import { ChangeDialog, ChangeForm } from '../shared/ChangeDialog';
import { ChangeHistory } from '../shared/ChangeHistory';
import { spotMixLabel } from './fleetCost';
import { deleteScheduleForm, fleetControls, processForm } from './fleetForms';
import { FleetChangeAction } from '@platformops/plugin-platform-ops-common';
import { usePolled } from '../shared/usePolled';
import { ChangeButton } from '../shared/ChangeButton';
import { entityOwners } from '../shared/entityOwners';
import { NotApplied } from '../shared/NotApplied';
import { PermissionNotice } from '../shared/PermissionNotice';
import { ago, UpdatedAgo, useNow } from '../shared/UpdatedAgo';
import { convergenceEta } from './convergenceEta';
import { useChangePermission } from '../shared/useChangePermission';

/** Seconds between refreshes: short enough to watch a scale-out converge. */
const POLL_MS = 5_000;

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/**
 * Converged or converging. `compact` is the table form: a short label that never wraps,
 * with the counts in its tooltip.
 */
/** The fields convergence is told from: the list's and the fleet's own read both have them. */
type Convergence = Pick<FleetStatus, 'found' | 'asgName' | 'inService' | 'desiredCapacity' | 'pending' | 'terminating'>;

export const ConvergenceStatus = ({ fleet, compact }: { fleet: Convergence; compact?: boolean }) => {
  if (!fleet.found) {
    return (
      <span style={NOWRAP}>
        <StatusWarning>{compact ? 'Not in AWS' : `Auto Scaling group ${fleet.asgName} not found in AWS`}</StatusWarning>
      </span>
    );
  }
  const detail = `${fleet.inService} in service of ${fleet.desiredCapacity} desired (${fleet.pending} pending, ${fleet.terminating} terminating)`;
  const converged = fleet.inService === fleet.desiredCapacity && fleet.pending === 0 && fleet.terminating === 0;
  const short = converged ? 'Converged' : `Converging ${fleet.inService}/${fleet.desiredCapacity}`;
  const label = compact ? short : `${converged ? 'Converged' : 'Converging'}: ${detail}`;
  const status = converged ? <StatusOK>{label}</StatusOK> : <StatusPending>{label}</StatusPending>;
  return compact ? (
    <Tooltip title={detail}>
      <span style={NOWRAP}>{status}</span>
    </Tooltip>
  ) : (
    <span>{status}</span>
  );
};

/**
 * The recommendation with its price explained: the backend prices the recommended size at
 * the group's spot share, while "now" is what the running instances cost (their actual
 * spot / on-demand mix), so the same count can differ in $/hour.
 */
export const RecommendationLine = ({ fleet }: { fleet: FleetStatus }) => {
  const r = fleet.recommendation;
  if (!r) return null;
  const atShare = fleet.distribution ? `at the group's spot share (${spotMixLabel(fleet)})` : 'on-demand';
  const running = fleet.instances.reduce((n, g) => n + g.count, 0);
  const byLifecycle = (['on-demand', 'spot'] as const)
    .map(lifecycle => ({ lifecycle, count: fleet.instances.filter(i => i.lifecycle === lifecycle).reduce((n, i) => n + i.count, 0) }))
    .filter(g => g.count > 0);
  const mix = byLifecycle.map(g => `${g.count} ${g.lifecycle}`).join(' + ') || 'none';
  const price = `about $${r.hourlyUsd.toFixed(2)}/hour ${atShare}; the ${running} running now (${mix}) cost $${fleet.hourlyUsd.toFixed(2)}/hour`;
  return r.direction === 'hold' ? (
    <StatusOK>
      Recommended: keep {r.desiredCapacity} instances, {price}. {r.reason}
    </StatusOK>
  ) : (
    <StatusWarning>
      Recommended: {r.desiredCapacity} instances, {price}. {r.reason}
    </StatusWarning>
  );
};

/** "Converging for 2 min; launches here take about 150 s: expect it in about 30 s." */
const ConvergenceEtaLine = ({ fleet }: { fleet: FleetStatus }) => {
  const now = useNow(1000);
  const eta = convergenceEta(fleet, now);
  if (!eta) return null;
  const estimate =
    eta.typicalSeconds === undefined
      ? 'no finished scaling activity yet to estimate from'
      : `this group's recent scaling activities took about ${eta.typicalSeconds} s: ${
          eta.remainingSeconds ? `expect it in about ${eta.remainingSeconds} s` : 'it should be done any moment'
        }`;
  return (
    <Typography variant="body2" color="textSecondary" data-testid="convergence-eta">
      Scaling for {ago(eta.since, now).replace(/ ago$/, '')}; {estimate}.
    </Typography>
  );
};

/** The latest scaling activities: what Auto Scaling is doing while the group converges. */
const ScalingActivities = ({ fleet }: { fleet: FleetStatus }) => {
  const recent = fleet.activities.slice(0, 3);
  if (recent.length === 0) return null;
  return (
    <Box mt={1} data-testid="scaling-activities">
      <Typography variant="subtitle2">Latest scaling activities</Typography>
      {recent.map(a => (
        <Typography key={a.id} variant="body2">
          {a.startTime ? `${a.startTime.slice(11, 19)} UTC: ` : ''}
          {a.description} — {a.status}
          {a.endTime ? ` (took ${Math.round((Date.parse(a.endTime) - Date.parse(a.startTime ?? a.endTime)) / 1000)} s)` : ''}
        </Typography>
      ))}
    </Box>
  );
};

/** On a gpu-fleet Resource: capacity, instances, spot mix, backlog, controls and history. */
export const EntityGpuFleetCard = () => {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(platformOpsApiRef);
  const fleet = usePolled(() => api.getFleet(entityRef), POLL_MS, [api, entityRef]);
  const scale = useChangePermission(fleetScalePermission, entityRef);
  const scalingPolicy = useChangePermission(fleetScalingPolicyPermission, entityRef);
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
      {!f.found ? (
        <NotApplied
          what={`Auto Scaling group ${f.asgName}`}
          environment={f.environment}
          accountId={f.location.accountId}
          region={f.location.region}
        />
      ) : (
        <>
          <Box display="flex" justifyContent="space-between" alignItems="center" flexWrap="wrap">
            <ConvergenceStatus fleet={f} />
            <UpdatedAgo fetchedAt={f.fetchedAt} everyMs={POLL_MS} />
          </Box>
          <ConvergenceEtaLine fleet={f} />
          <ScalingActivities fleet={f} />
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
              <RecommendationLine fleet={f} />
            </Box>
          )}
          <Box mt={2} display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {fleetControls.map(control => (
              <ChangeButton
                key={control.action}
                permission={control.action === 'target-tracking' ? scalingPolicy : scale}
                variant="outlined"
                size="small"
                onClick={() => open(control.action, control.form(f))}
              >
                {control.label}
              </ChangeButton>
            ))}
            <ChangeButton
              permission={scale}
              variant="outlined"
              size="small"
              onClick={() => open('processes', processForm(f, launchSuspended ? 'resume' : 'suspend', 'Launch'))}
            >
              {launchSuspended ? 'Resume launches' : 'Suspend launches'}
            </ChangeButton>
            {f.scheduledActions.map(s => (
              <ChangeButton key={s.name} permission={scale} size="small" onClick={() => open('scheduled-actions/delete', deleteScheduleForm(f, s.name))}>
                Delete schedule {s.name}
              </ChangeButton>
            ))}
          </Box>
          <PermissionNotice permission={scale} action="change this fleet" owners={entityOwners(entity)} />
        </>
      )}
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
