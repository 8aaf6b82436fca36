import { Alert, AlertTitle } from '@material-ui/lab';
import { useEffect, useRef } from 'react';

/**
 * A refusal or failure inside a dialog: the backend's own message (who may act, what was
 * wrong), scrolled into view, because a long dialog (a runbook's plan) would otherwise show
 * it below the fold and the button would look like it did nothing.
 */
export const DialogError = ({ error, title }: { error: Error; title: string }) => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [error]);
  return (
    <div ref={ref} data-testid="dialog-error">
      <Alert severity="error" style={{ marginTop: 16 }}>
        <AlertTitle>{title}</AlertTitle>
        {error.message}
      </Alert>
    </div>
  );
};
