import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, LinearProgress, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useState } from 'react';
import { platformOpsApiRef, RunbookExecution, RunbookStepRecord } from '../../api';
import { usePolled } from '../shared/usePolled';
import { ChangeButton } from '../shared/ChangeButton';
import { ChangePermission, useChangePermission } from '../shared/useChangePermission';
import { runbookApprovePermission, runbookExecutePermission } from '@platformops/plugin-platform-ops-common';
import { formatDuration, isActive } from './format';
import { StatusLabel } from './StatusLabel';
import { TakeoverNotice } from './TakeoverNotice';

function stepDuration(step: RunbookStepRecord, now: number): string {
  if (!step.startedAt) return '';
  const end = step.finishedAt ? Date.parse(step.finishedAt) : now;
  return formatDuration((end - Date.parse(step.startedAt)) / 1000);
}

/** The RTO clock: elapsed time against the runbook's target. */
const RtoClock = ({ execution }: { execution: RunbookExecution }) => {
  const elapsed = execution.elapsedSeconds ?? 0;
  const target = execution.rtoTargetSeconds;
  if (!target) return null;
  const over = elapsed > target;
  return (
    <Box my={1} data-testid="rto-clock">
      <Typography variant="body2">
        {isActive(execution.status) ? 'RTO clock' : 'Measured RTO'}: {formatDuration(elapsed)} of{' '}
        {formatDuration(target)} target{over ? ' (over target)' : ''}
      </Typography>
      <LinearProgress
        variant="determinate"
        color={over ? 'secondary' : 'primary'}
        value={Math.min(100, (elapsed / target) * 100)}
      />
    </Box>
  );
};

/** A reason box and a button: approvals and cancels are audited with why. */
const ReasonAction = ({
  label,
  permission,
  onSubmit,
}: {
  label: string;
  permission: ChangePermission;
  onSubmit: (reason: string) => Promise<void>;
}) => {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  if (!open) {
    return (
      <ChangeButton permission={permission} size="small" variant="outlined" onClick={() => setOpen(true)}>
        {label}
      </ChangeButton>
    );
  }
  return (
    <Box display="flex" alignItems="center">
      <TextField id={`reason-to-${label.toLowerCase()}`} size="small" label={`Reason to ${label.toLowerCase()}`} value={reason} onChange={e => setReason(e.target.value)} />
      <Button
        size="small"
        color="primary"
        disabled={reason.trim().length < 3}
        onClick={() => onSubmit(reason.trim()).then(() => setOpen(false), setError)}
      >
        {label}: confirm
      </Button>
      {error && <Alert severity="error">{error.message}</Alert>}
    </Box>
  );
};

/**
 * Live progress of one execution, polled: status, elapsed time against the RTO target, each
 * step with its duration, approvals, cancel, and the log.
 */
export const ExecutionProgress = ({
  executionId,
  pollMs = 2000,
  onStatus,
}: {
  executionId: string;
  pollMs?: number;
  /** Told each status seen, so a history next to it can refresh when the run ends. */
  onStatus?: (status: RunbookExecution['status']) => void;
}) => {
  const api = useApi(platformOpsApiRef);
  const [active, setActive] = useState(true);
  const [targetRef, setTargetRef] = useState<string>();
  // Cancelling is part of running a runbook; approving is its own permission (a second person).
  const execute = useChangePermission(runbookExecutePermission, targetRef);
  const approve = useChangePermission(runbookApprovePermission, targetRef);
  const { value: execution, error, reload } = usePolled(
    async () => {
      const e = await api.getRunbookExecution(executionId);
      setActive(isActive(e.status));
      setTargetRef(e.targetRef);
      onStatus?.(e.status);
      return e;
    },
    active ? pollMs : 60_000,
    [executionId],
  );
  if (!execution) return error ? <Alert severity="error">{error.message}</Alert> : <Progress />;
  const now = Date.now();

  return (
    <Box data-testid="execution-progress">
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle1">
          {execution.runbookId} on {execution.targetRef} ({execution.mode}) <StatusLabel status={execution.status} />
        </Typography>
        {isActive(execution.status) && !execution.cancelRequested && (
          <ReasonAction label="Cancel" permission={execute} onSubmit={async reason => { await api.cancelRunbookExecution(execution.id, reason); reload(); }} />
        )}
      </Box>
      <Typography variant="body2" color="textSecondary">
        Started by {execution.actor}: {execution.reason}
        {execution.cancelRequested && isActive(execution.status) ? ' - cancel requested, takes effect between steps' : ''}
      </Typography>
      <RtoClock execution={execution} />
      {execution.error && <Alert severity="error">{execution.error}</Alert>}
      <TakeoverNotice takeovers={execution.takeovers ?? []} />
      <Box mt={1}>
        {execution.steps.map(step => (
          <Box key={step.stepId} display="flex" alignItems="center" py={0.5} data-testid={`step-${step.stepId}`}>
            <StatusLabel status={step.status} />
            <Typography variant="body2" style={{ flex: 1 }}>
              &nbsp;{step.title}
              {step.startedAt ? ` (${stepDuration(step, now)})` : ''}
              {step.attempts > 1 ? `, resumed (attempt ${step.attempts})` : ''}
              {step.approvedBy ? `, approved by ${step.approvedBy}` : ''}
              {step.error ? `: ${step.error}` : ''}
            </Typography>
            {step.status === 'waiting-approval' && !step.approvedBy && (
              <ReasonAction label="Approve" permission={approve} onSubmit={async reason => { await api.approveRunbookStep(execution.id, step.stepId, reason); reload(); }} />
            )}
          </Box>
        ))}
      </Box>
      <Typography variant="subtitle2">Log</Typography>
      <Box component="pre" data-testid="execution-log" m={0} p={1} bgcolor="action.hover" fontSize={12} maxHeight={240} style={{ overflow: 'auto' }}>
        {execution.logs
          .slice(-100)
          .map(l => `${l.at.slice(11, 19)} ${l.level.toUpperCase()} ${l.stepId ? `[${l.stepId}] ` : ''}${l.message}`)
          .join('\n')}
      </Box>
    </Box>
  );
};
