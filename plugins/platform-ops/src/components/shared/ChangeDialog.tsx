import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { ChangeEnvelope, ChangeOutcome } from '@platformops/plugin-platform-ops-common';
import { ReactNode, useMemo, useState } from 'react';
import { DialogError } from './DialogError';
import { PlannedCalls } from './PlannedCalls';

/** A field of a change form; values are kept as typed text and validated as you type. */
export interface ChangeField {
  name: string;
  label: string;
  type?: 'number' | 'text';
  helperText?: string;
}

export interface ChangeForm {
  title: string;
  fields: ChangeField[];
  initial: Record<string, string>;
  /** Field name -> message, for what is wrong now (empty when the form can be sent). */
  validate: (values: Record<string, string>) => Record<string, string>;
  /** The request body without the envelope. */
  toBody: (values: Record<string, string>) => Record<string, unknown>;
  /** Extra lines under the fields (e.g. cost at that size). */
  describe?: (values: Record<string, string>) => ReactNode;
}

const REASON_MIN = 3;

function newIdempotencyKey(): string {
  return `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Every change takes the same three steps: fill in (validated as you type, reason required),
 * preview (a dry-run: the exact AWS commands), confirm (the real run, with the idempotency key
 * chosen when the dialog opened, so a double click or a retry does not scale twice).
 */
export const ChangeDialog = (props: {
  open: boolean;
  form: ChangeForm;
  onClose: () => void;
  submit: (body: Record<string, unknown> & ChangeEnvelope) => Promise<ChangeOutcome>;
  onApplied: (outcome: ChangeOutcome) => void;
}) => {
  const { open, form, onClose, submit, onApplied } = props;
  const [values, setValues] = useState(form.initial);
  const [reason, setReason] = useState('');
  const [preview, setPreview] = useState<ChangeOutcome>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useMemo(newIdempotencyKey, [open]); // eslint-disable-line react-hooks/exhaustive-deps

  const errors = form.validate(values);
  const reasonError = reason.trim().length < REASON_MIN ? 'Say why you make this change' : undefined;
  const valid = Object.keys(errors).length === 0 && !reasonError;

  const setValue = (name: string, value: string) => {
    setValues(v => ({ ...v, [name]: value }));
    setPreview(undefined); // a preview is only good for the values it was made with
  };

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await submit({ ...form.toBody(values), reason: reason.trim(), dryRun, ...(dryRun ? {} : { idempotencyKey }) });
      if (dryRun) setPreview(outcome);
      else onApplied(outcome);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="change-dialog-title">
      <DialogTitle id="change-dialog-title">{form.title}</DialogTitle>
      <DialogContent>
        {form.fields.map(field => (
          <TextField
            key={field.name}
            id={`change-${field.name}`}
            label={field.label}
            type={field.type ?? 'number'}
            value={values[field.name] ?? ''}
            onChange={e => setValue(field.name, e.target.value)}
            error={Boolean(errors[field.name])}
            helperText={errors[field.name] ?? field.helperText}
            margin="dense"
            fullWidth
          />
        ))}
        <TextField
          id="change-reason"
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          error={reason.length > 0 && Boolean(reasonError)}
          helperText={reasonError ?? 'Recorded in the history and the audit log'}
          margin="dense"
          fullWidth
          required
        />
        {form.describe && <Box mt={1}>{form.describe(values)}</Box>}
        {preview && (
          <Box mt={2}>
            <Typography variant="subtitle2">Dry-run: the exact AWS calls this change makes</Typography>
            <PlannedCalls calls={preview.mutation.plan} />
            {preview.preview && (
              <Typography variant="body2" data-testid="policy-preview">
                At the current backlog ({preview.preview.visible} visible, {preview.preview.inService} in service) this
                policy would aim for {preview.preview.wouldSetDesiredCapacity} instances (target{' '}
                {preview.preview.targetBacklogPerInstance} messages per instance, about $
                {preview.preview.hourlyUsdAtThatCapacity.toFixed(2)}/hour).
              </Typography>
            )}
          </Box>
        )}
        {error && <DialogError error={error} title={preview ? 'The change was refused' : 'The dry-run was refused'} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button disabled={!valid || busy} onClick={() => run(true)}>
          Preview (dry-run)
        </Button>
        <Button color="primary" variant="contained" disabled={!valid || busy || !preview} onClick={() => run(false)}>
          Confirm and apply
        </Button>
      </DialogActions>
    </Dialog>
  );
};
