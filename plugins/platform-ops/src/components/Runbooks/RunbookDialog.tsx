import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useEffect, useMemo, useState } from 'react';
import {
  platformOpsApiRef,
  RunbookExecution,
  RunbookMode,
  RunbookPreview,
  RunbookSummary,
} from '../../api';
import { newIdempotencyKey } from './format';
import { PlanView, PreflightList } from './PlanView';
import { DialogError } from '../shared/DialogError';

export interface RunbookDialogProps {
  runbook: RunbookSummary;
  entityRef: string;
  onClose: () => void;
  onStarted: (execution: RunbookExecution) => void;
}

/**
 * Pressing a runbook button: preflight and plan first (nothing changes yet), then the
 * reason and, for production, the environment's name typed back before Start is enabled.
 */
export const RunbookDialog = ({ runbook, entityRef, onClose, onStarted }: RunbookDialogProps) => {
  const api = useApi(platformOpsApiRef);
  const [mode, setMode] = useState<RunbookMode>('live');
  const [preview, setPreview] = useState<{ value?: RunbookPreview; error?: Error; loading: boolean }>({ loading: true });
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<Error>();
  // One key per dialog: pressing Start twice (or a retry after a timeout) replays.
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);

  useEffect(() => {
    let cancelled = false;
    setPreview({ loading: true });
    api
      .previewRunbook(runbook.id, { entityRef, mode })
      .then(value => !cancelled && setPreview({ value, loading: false }))
      .catch(error => !cancelled && setPreview({ error, loading: false }));
    return () => {
      cancelled = true;
    };
  }, [api, runbook.id, entityRef, mode]);

  const required = preview.value?.confirmationRequired;
  const failedChecks = preview.value?.preflight.filter(c => c.status === 'fail') ?? [];
  const reasonOk = reason.trim().length >= 3;
  const confirmOk = !required || confirm === required;
  const canStart = Boolean(preview.value) && failedChecks.length === 0 && reasonOk && confirmOk && !starting;

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      const result = await api.startRunbook(runbook.id, {
        entityRef,
        reason: reason.trim(),
        mode,
        ...(required ? { confirm } : {}),
        idempotencyKey,
      });
      if (!result.dryRun) onStarted(result.execution);
    } catch (error) {
      setStartError(error as Error);
    } finally {
      setStarting(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="runbook-dialog-title">
      <DialogTitle id="runbook-dialog-title">
        {runbook.title} on {entityRef}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {runbook.description} RTO target {runbook.rtoTargetMinutes} min
          {runbook.rpoTargetMinutes !== undefined ? `, RPO ${runbook.rpoTargetMinutes} min` : ''}.
        </Typography>
        <RadioGroup row value={mode} onChange={e => setMode(e.target.value as RunbookMode)}>
          <FormControlLabel value="live" control={<Radio />} label="Live" />
          <FormControlLabel value="drill" control={<Radio />} label="Drill (simulated account, measures RTO)" />
        </RadioGroup>
        {preview.loading && <Progress />}
        {preview.error && <DialogError error={preview.error} title="The preview failed" />}
        {preview.value && (
          <>
            <Typography variant="h6">Preflight</Typography>
            <PreflightList checks={preview.value.preflight} />
            {failedChecks.length > 0 && (
              <Alert severity="error">A preflight check failed: the runbook cannot start.</Alert>
            )}
            <Box mt={2}>
              <Typography variant="h6">Plan (dry-run)</Typography>
              <PlanView plan={preview.value.plan} />
            </Box>
          </>
        )}
        <TextField
          id="runbook-reason"
          label="Reason"
          fullWidth
          margin="dense"
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText={reason && !reasonOk ? 'Say why (at least 3 characters)' : 'Recorded in the audit trail'}
          error={Boolean(reason) && !reasonOk}
        />
        {required && (
          <TextField
            id="runbook-confirm"
            label={`Type "${required}" to confirm`}
            fullWidth
            margin="dense"
            value={confirm}
            onChange={e => setConfirm(e.target.value)}
            error={Boolean(confirm) && !confirmOk}
            helperText={`${required} is a production environment`}
          />
        )}
        {startError && <DialogError error={startError} title="The runbook was not started" />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button color="primary" variant="contained" disabled={!canStart} onClick={start}>
          Start runbook
        </Button>
      </DialogActions>
    </Dialog>
  );
};
